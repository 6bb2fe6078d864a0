package dev.driftline.contracts.modelquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.contracts.RecordFormatException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelQualityCodecTest {
    static final String WINDOW = "{\"schema_version\":1,\"model\":\"wine\",\"window_start\":\"2026-11-22T00:25:00Z\","
            + "\"window_end\":\"2026-11-22T00:30:00Z\",\"model_version\":\"\",\"version\":3,"
            + "\"problem_type\":\"binary_classification\","
            + "\"labelled_rows\":412,\"dropped_labels\":0,\"metrics\":{\"accuracy\":0.91,\"auc\":null,"
            + "\"true_positives\":40},\"metric\":\"accuracy\",\"value\":0.91,\"threshold\":0.9,"
            + "\"threshold_source\":\"baseline_relative\",\"baseline_value\":0.95,\"status\":\"ok\","
            + "\"updated_at\":\"2026-11-22T01:00:01.250Z\"}";
    /** As written before the model version, the threshold's source and the baseline value existed. */
    static final String OLDER = WINDOW.replace("\"model_version\":\"\",", "")
            .replace("\"threshold\":0.9,\"threshold_source\":\"baseline_relative\","
            + "\"baseline_value\":0.95,\"status\":\"ok\"", "\"threshold\":null,\"status\":\"no_reference\"");

    @Test
    void readsAndWritesTheFormatUnchanged() {
        ModelQualityWindow w = ModelQualityCodec.INSTANCE.decode(WINDOW.getBytes(StandardCharsets.UTF_8));
        assertThat(w.version()).isEqualTo(3);
        assertThat(w.modelVersion()).isEmpty();
        assertThat(w.allVersions()).isTrue();
        assertThat(w.metrics().get("true_positives")).isEqualTo(40L);
        assertThat(w.metrics().get("auc").doubleValue()).isNaN();
        assertThat(w.threshold()).isEqualTo(0.9);
        assertThat(w.thresholdSource()).isEqualTo(ModelQualityWindow.BASELINE_RELATIVE);
        assertThat(w.baselineValue()).isEqualTo(0.95);
        assertThat(new String(ModelQualityCodec.INSTANCE.encode(w), StandardCharsets.UTF_8)).isEqualTo(WINDOW);
    }

    @Test
    void readsRecordsOfOlderWriters() {
        assertThat(OLDER).doesNotContain("threshold_source").doesNotContain("baseline_value")
                .doesNotContain("model_version");
        ModelQualityWindow w = ModelQualityCodec.INSTANCE.decode(OLDER.getBytes(StandardCharsets.UTF_8));
        assertThat(w.modelVersion()).isEmpty(); // an older writer's window is the model's, all versions
        assertThat(w.allVersions()).isTrue();
        assertThat(w.threshold()).isNull();
        assertThat(w.thresholdSource()).isNull();
        assertThat(w.baselineValue()).isNull();
        assertThat(w.status()).isEqualTo(ModelQualityWindow.NO_REFERENCE);
    }

    @Test
    void aVersionsWindowRoundTrips() {
        String canary = WINDOW.replace("\"model_version\":\"\"", "\"model_version\":\"v2\"");
        ModelQualityWindow w = ModelQualityCodec.INSTANCE.decode(canary.getBytes(StandardCharsets.UTF_8));
        assertThat(w.modelVersion()).isEqualTo("v2");
        assertThat(w.allVersions()).isFalse();
        assertThat(new String(ModelQualityCodec.INSTANCE.encode(w), StandardCharsets.UTF_8)).isEqualTo(canary);
    }

    @Test
    void rejectsAnotherVersion() {
        String v2 = WINDOW.replace("\"schema_version\":1", "\"schema_version\":2");
        assertThatThrownBy(() -> ModelQualityCodec.INSTANCE.decode(v2.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("schema_version");
    }
}
