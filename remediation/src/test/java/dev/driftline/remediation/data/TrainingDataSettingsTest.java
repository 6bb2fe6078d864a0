package dev.driftline.remediation.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.config.UserInputException;
import dev.driftline.remediation.policy.PolicySection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainingDataSettingsTest {
    private static TrainingDataSettings read(Map<String, Object> m) {
        return TrainingDataSettings.from(new PolicySection("policy.yaml", "models.churn.data",
                new ObjectMapper().valueToTree(m)));
    }

    @Test
    void defaultsAndBothSources() {
        TrainingDataSettings lake = read(Map.of("lake", "s3://lake/prod", "output", "s3://ml/exports/"));
        assertThat(lake.source()).isEqualTo(TrainingDataSettings.Source.LAKE);
        assertThat(lake.period()).isEqualTo(Duration.ofDays(7));
        assertThat(lake.minRows()).isEqualTo(100);
        assertThat(lake.database()).isEqualTo("driftline");
        assertThat(lake.workgroup()).isEqualTo("primary");
        assertThat(lake.athenaResults()).isEmpty();
        TrainingDataSettings prefix = read(Map.of("source", "s3-prefix", "prefix", "s3://ml/churn/", "period", "3d"));
        assertThat(prefix.prefix()).isEqualTo(Optional.of("s3://ml/churn/"));
        assertThat(prefix.period()).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void errorsNameTheKey() {
        assertThatThrownBy(() -> read(Map.of("source", "hdfs"))).isInstanceOf(UserInputException.class)
                .hasMessage("policy.yaml: models.churn.data.source: must be lake or s3-prefix, got hdfs");
        assertThatThrownBy(() -> read(Map.of("source", "s3-prefix")))
                .hasMessageContaining("data.prefix: is required with source s3-prefix");
        assertThatThrownBy(() -> read(Map.of("lake", "s3://lake/prod")))
                .hasMessageContaining("data.output: is required with source lake");
        assertThatThrownBy(() -> read(Map.of("lake", "s3://lake/prod", "output", "file:///tmp/x")))
                .hasMessageContaining("data.output: must be on S3 when the lake is");
        assertThatThrownBy(() -> read(Map.of("lake", "file:///l", "output", "file:///o", "min-rows", 0)))
                .hasMessageContaining("min-rows: must be at least 1");
        assertThatThrownBy(() -> read(Map.of("lake", "file:///l", "output", "file:///o", "rows", 5)))
                .hasMessageContaining("data.rows: unknown key");
    }
}
