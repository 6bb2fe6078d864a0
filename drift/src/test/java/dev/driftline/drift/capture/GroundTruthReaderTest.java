package dev.driftline.drift.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroundTruthReaderTest {
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    private final GroundTruthReader reader = new GroundTruthReader();

    @Test
    void theSpecExampleMatchesOnEventId() {
        List<GroundTruthLabel> l = reader.read("{\"groundTruthData\": {\"data\": \"1\", \"encoding\": \"CSV\"}, "
                + "\"eventMetadata\": {\"eventId\": \"feca1ab1-8025-47e3-8f6a-99e3fdd7b8d9\"}, \"eventVersion\": \"0\"}",
                "churn", NOW, "gt.jsonl", 1);
        assertThat(l).containsExactly(new GroundTruthLabel("feca1ab1-8025-47e3-8f6a-99e3fdd7b8d9", 0, "churn", 1L, NOW));
    }

    @Test
    void inferenceIdWinsAndBatchesGiveRows() {
        List<GroundTruthLabel> l = reader.read("{\"groundTruthData\": {\"data\": \"[\\\"cat\\\", \\\"dog\\\"]\", "
                + "\"encoding\": \"JSON\"}, \"eventMetadata\": {\"eventId\": \"e\", \"inferenceId\": \"caller-7\", "
                + "\"inferenceTime\": \"2024-05-01T12:00:00Z\"}}", "pets", NOW, "gt.jsonl", 2);
        assertThat(l).extracting(GroundTruthLabel::inferenceId, GroundTruthLabel::row, GroundTruthLabel::label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("caller-7", 0, "cat"),
                        org.assertj.core.groups.Tuple.tuple("caller-7", 1, "dog"));
        assertThat(l.get(0).eventTime()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    }

    @Test
    void errorsNameFileAndLine() {
        assertThatThrownBy(() -> reader.read("{\"groundTruthData\": {\"data\": \"1\"}, \"eventMetadata\": {}}", "m", NOW,
                "gt.jsonl", 9)).hasMessageContaining("gt.jsonl:9").hasMessageContaining("eventId");
        assertThatThrownBy(() -> reader.read("nope", "m", NOW, "gt.jsonl", 3)).hasMessageContaining("gt.jsonl:3");
    }
}
