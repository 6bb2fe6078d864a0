package dev.driftline.remediation.kserve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.driftline.config.UserInputException;
import dev.driftline.remediation.policy.PolicySection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KServeSettingsTest {
    private static PolicySection section(String yaml) throws Exception {
        return new PolicySection("policy.yaml", "models.churn.kserve", new YAMLMapper().readTree(yaml));
    }

    @Test
    void defaultsAreTheDefaultNamespaceTheModelsNameAndADetectedFramework() throws Exception {
        KServeSettings s = KServeSettings.from(new PolicySection("policy.yaml", "models.churn.kserve", null));
        assertThat(s.namespace()).isEqualTo("default");
        assertThat(s.inferenceServiceFor("churn")).isEqualTo("churn");
        assertThat(s.framework()).isEmpty();
        assertThat(s.versionLabel()).contains(KServeSettings.DEFAULT_VERSION_LABEL);
        assertThat(s.rollbackSettle()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.masterUrl()).isEmpty();
    }

    @Test
    void everyKeyIsRead() throws Exception {
        KServeSettings s = KServeSettings.from(section("""
                namespace: models
                inference-service: churn-v2
                framework: pytorch
                version-label: ""
                rollback-settle: 30s
                master-url: https://127.0.0.1:6443
                """));
        assertThat(s.namespace()).isEqualTo("models");
        assertThat(s.inferenceServiceFor("churn")).isEqualTo("churn-v2");
        assertThat(s.framework()).contains("pytorch");
        assertThat(s.versionLabel()).as("empty disables the label").isEmpty();
        assertThat(s.rollbackSettle()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.masterUrl()).contains("https://127.0.0.1:6443");
    }

    @Test
    void errorsNameTheKeyPath() {
        assertThatThrownBy(() -> KServeSettings.from(section("namespce: models\n")))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("policy.yaml: models.churn.kserve.namespce: unknown key");
        assertThatThrownBy(() -> KServeSettings.from(section("namespace: Models_1\n")))
                .hasMessageStartingWith("policy.yaml: models.churn.kserve.namespace: must be a Kubernetes namespace");
        assertThatThrownBy(() -> KServeSettings.from(section("rollback-settle: soon\n")))
                .hasMessageStartingWith("policy.yaml: models.churn.kserve.rollback-settle:");
    }
}
