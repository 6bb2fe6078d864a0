package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.config.UserInputException;
import org.junit.jupiter.api.Test;

/** The Data Capture layout filters and s3:// locations, on the key shapes SageMaker writes. */
class CaptureLayoutFilterTest {
    private static final String KEY = "xgb-endpoint/AllTraffic/2026/01/15/10/18-41-20-123-2fcd.jsonl";

    @Test
    void noFilterKeepsEverythingEvenOutsideTheLayout() {
        assertThat(CaptureLayoutFilter.of(null, null, null).isEmpty()).isTrue();
    }

    @Test
    void variantIsTheFolderAboveTheYear() {
        assertThat(CaptureLayoutFilter.of("AllTraffic", null, null).keeps(KEY)).isTrue();
        assertThat(CaptureLayoutFilter.of("Canary", null, null).keeps(KEY)).isFalse();
        assertThat(CaptureLayoutFilter.of("AllTraffic", null, null).keeps("2026/01/15/10/gt.jsonl")).isFalse();
    }

    @Test
    void anHourFolderIsKeptWhenItOverlapsSinceUntil() {
        assertThat(CaptureLayoutFilter.of(null, "2026-01-15T10:59:59Z", null).keeps(KEY)).isTrue();
        assertThat(CaptureLayoutFilter.of(null, "2026-01-15T11:00", null).keeps(KEY)).isFalse();
        assertThat(CaptureLayoutFilter.of(null, null, "2026-01-15T10:00:01Z").keeps(KEY)).isTrue();
        assertThat(CaptureLayoutFilter.of(null, null, "2026-01-15T10:00").keeps(KEY)).isFalse();
        assertThat(CaptureLayoutFilter.of(null, "2026-01-15", "2026-01-16").keeps("2026/01/15/10/gt.jsonl")).isTrue();
    }

    @Test
    void objectsOutsideTheLayoutAreDroppedWhenFiltering() {
        assertThat(CaptureLayoutFilter.of(null, "2026-01-15", null).keeps("loose.jsonl")).isFalse();
        assertThat(CaptureLayoutFilter.of(null, "2026-01-15", null).keeps("x/2026/13/40/99/a.jsonl")).isFalse();
    }

    @Test
    void badTimesAndRangesNameTheOption() {
        assertThatThrownBy(() -> CaptureLayoutFilter.of(null, "yesterday", null))
                .isInstanceOf(UserInputException.class).hasMessageContaining("--since yesterday");
        assertThatThrownBy(() -> CaptureLayoutFilter.of(null, "2026-02-01", "2026-01-01"))
                .isInstanceOf(UserInputException.class).hasMessageContaining("not before --until");
    }

    @Test
    void s3LocationsParseAndBadOnesNameTheOption() {
        assertThat(S3Location.parse("--from", "s3://bucket/a/b/")).isEqualTo(new S3Location("bucket", "a/b/"));
        assertThat(S3Location.parse("--from", "s3://bucket")).isEqualTo(new S3Location("bucket", ""));
        assertThatThrownBy(() -> S3Location.parse("--from", "s3:///x")).isInstanceOf(UserInputException.class)
                .hasMessageContaining("--from s3:///x");
        assertThatThrownBy(() -> S3Location.parse("--statistics", "https://b.s3.amazonaws.com/k"))
                .isInstanceOf(UserInputException.class).hasMessageContaining("not an s3://");
    }
}
