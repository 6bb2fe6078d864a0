package dev.driftline.streams.modelquality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.streams.modelquality.ModelQualityCounters.Drop;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DropReportTest {
    @Test
    void aLineNamesTheModelTheCountTheHorizonAndAnExample() {
        assertThat(DropReport.line(new Drop("iris", ModelQualityCounters.LABELS_EXPIRED, 120, "id|row 42|0"),
                Duration.ofDays(7))).isEqualTo("model iris: 120 labels found no inference row within 7d of their"
                + " arrival (wrong id or row, or their row never came or had already expired) in the last minute;"
                + " e.g. id|row 42|0");
        assertThat(DropReport.line(new Drop("churn", ModelQualityCounters.RECORDS_EXPIRED, 3, null),
                Duration.ofHours(36))).isEqualTo("model churn: 3 inference rows got no label within 36h (horizon in"
                + " inference event time: the model's rows reached event times 36h later) in the last minute");
        assertThat(DropReport.line(new Drop("", ModelQualityCounters.LABELS_UNREADABLE, 2, null),
                Duration.ofDays(7))).startsWith("no known model: 2 labels could not be read");
        assertThat(DropReport.line(new Drop("churn", ModelQualityCounters.PAIRS_TOO_LATE, 1, "window x"),
                Duration.ofMinutes(90))).contains("end + 90m + 1d behind the model's newest labelled window");
    }

    @Test
    void lostLabelsAndPairsAreWarningsRowsWithoutLabelsAreNot() {
        assertThat(DropReport.isWarning(ModelQualityCounters.LABELS_EXPIRED)).isTrue();
        assertThat(DropReport.isWarning(ModelQualityCounters.PAIRS_TOO_LATE)).isTrue();
        assertThat(DropReport.isWarning(ModelQualityCounters.RECORDS_EXPIRED)).isFalse();
        assertThat(DropReport.human(Duration.ofSeconds(45))).isEqualTo("45s");
    }
}
