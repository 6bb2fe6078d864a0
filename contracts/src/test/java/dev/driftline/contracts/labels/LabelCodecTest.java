package dev.driftline.contracts.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.contracts.RecordFormatException;
import dev.driftline.drift.capture.GroundTruthLabel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LabelCodecTest {
    @Test
    void roundTrip() {
        GroundTruthLabel l = new GroundTruthLabel("id-1", 2, "wine", 3L, Instant.parse("2026-11-22T00:10:00Z"));
        byte[] json = LabelCodec.INSTANCE.encode(l);
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"inference_id\":\"id-1\",\"row\":2,"
                + "\"model\":\"wine\",\"label\":3,\"event_time\":\"2026-11-22T00:10:00Z\"}");
        assertThat(LabelCodec.INSTANCE.decode(json)).isEqualTo(l);
    }

    /** The value {@code driftline import ground-truth} publishes for the SageMaker ground-truth spec's example. */
    @Test
    void writesTheImportedLabelsFormat() {
        GroundTruthLabel l = new GroundTruthLabel("feca1ab1-8025-47e3-8f6a-99e3fdd7b8d9", 0, "churn", 1L,
                Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(new String(LabelCodec.INSTANCE.encode(l), StandardCharsets.UTF_8)).isEqualTo("{\"inference_id\":"
                + "\"feca1ab1-8025-47e3-8f6a-99e3fdd7b8d9\",\"row\":0,\"model\":\"churn\",\"label\":1,"
                + "\"event_time\":\"2026-11-22T00:00:00Z\"}");
    }

    @Test
    void theKeyWinsAndDefaultsApply() {
        GroundTruthLabel l = LabelCodec.INSTANCE.decode("key-id",
                "{\"inference_id\":\"other\",\"label\":\"yes\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(l).isEqualTo(new GroundTruthLabel("key-id", 0, "", "yes", null));
    }

    @Test
    void unusableLabelsAreRejected() {
        assertThatThrownBy(() -> LabelCodec.INSTANCE.decode("k", "{\"row\":-1,\"label\":1}".getBytes()))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("row");
        assertThatThrownBy(() -> LabelCodec.INSTANCE.decode("k", "{\"row\":1}".getBytes()))
                .hasMessageContaining("label");
        assertThatThrownBy(() -> LabelCodec.INSTANCE.decode(null, "{\"label\":1}".getBytes()))
                .hasMessageContaining("inference_id");
        assertThatThrownBy(() -> LabelCodec.INSTANCE.decode("k", "[1]".getBytes())).hasMessageContaining("JSON");
    }
}
