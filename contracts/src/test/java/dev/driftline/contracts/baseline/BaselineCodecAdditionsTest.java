package dev.driftline.contracts.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.dataquality.MonitoringConfig;
import dev.driftline.drift.modelquality.TrainingQuality;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What version 1 of the baseline format gained: expected unseen shares, the unseen settings, model quality. */
class BaselineCodecAdditionsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    private final ObjectMapper mapper = new ObjectMapper();

    private Baseline built(Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("code,amount,label,predicted\n");
        for (int i = 0; i < 300; i++) {
            csv.append(i < 295 ? "c" + (i % 7) : "rare-" + i).append(',').append(i % 13).append('.').append(i % 10)
                    .append(',').append(10 + i % 5).append(".5,").append(10 + (i + 1) % 5).append(".25\n");
        }
        return TrainedBaselines.fromCsv(dir, csv, CLOCK);
    }

    @Test
    void roundTripsModelQualityUnseenSharesAndSettings(@TempDir Path dir) throws Exception {
        Baseline b = built(dir).withMonitoringConfig(MonitoringConfig.defaults()
                .withCategoricalValues(MonitoringConfig.CategoricalValues.STRICT).withUnseenFloor(0.002));
        ObjectNode json = BaselineCodec.toJson(b, mapper);
        assertThat(json.get("model_quality").get("problem_type").asText()).isEqualTo("regression");
        assertThat(json.get("monitoring_config").get("categorical_values_check").asText()).isEqualTo("strict");
        Baseline back = BaselineCodec.fromJson(mapper.readTree(json.toString()), "b.json");
        TrainingQuality q = b.modelQuality().orElseThrow();
        TrainingQuality q2 = back.modelQuality().orElseThrow();
        assertThat(q2.type()).isEqualTo(q.type());
        assertThat(q2.labelledRows()).isEqualTo(300);
        assertThat(q2.primaryValue()).isEqualTo(q.primaryValue());
        assertThat(q2.figures().metrics()).isEqualTo(q.figures().metrics());
        assertThat(back.monitoringConfig()).isEqualTo(b.monitoringConfig());
        assertThat(back.feature("code").orElseThrow().constraint().expectedUnseenShare()).isEqualTo(5.0 / 300);
    }

    @Test
    void filesOfOlderWritersStillRead(@TempDir Path dir) throws Exception {
        ObjectNode json = BaselineCodec.toJson(built(dir), mapper);
        json.remove("model_quality");
        ObjectNode mc = (ObjectNode) json.get("monitoring_config");
        mc.remove("categorical_values_check");
        mc.remove("unseen_floor");
        mc.remove("unseen_significance");
        json.get("features").forEach(f -> ((ObjectNode) f.get("constraints")).remove("expected_unseen_share"));
        Baseline old = BaselineCodec.fromJson(json, "old.json");
        assertThat(old.modelQuality()).isEmpty();
        assertThat(old.monitoringConfig()).isEqualTo(MonitoringConfig.defaults());
        // the Good–Turing share of the stored frequencies
        assertThat(old.feature("code").orElseThrow().constraint().expectedUnseenShare()).isEqualTo(5.0 / 300);
    }

    @Test
    void badAdditionsAreRefusedNamingTheField(@TempDir Path dir) throws Exception {
        ObjectNode json = BaselineCodec.toJson(built(dir), mapper);
        ((ObjectNode) json.get("monitoring_config")).put("categorical_values_check", "lenient");
        assertThatThrownBy(() -> BaselineCodec.fromJson(json, "b.json")).hasMessageContaining("lenient");
        ObjectNode json2 = BaselineCodec.toJson(built(dir), mapper);
        ((ObjectNode) json2.get("model_quality")).put("problem_type", "ranking");
        assertThatThrownBy(() -> BaselineCodec.fromJson(json2, "b.json"))
                .hasMessageContaining("b.json model_quality: problem_type");
    }
}
