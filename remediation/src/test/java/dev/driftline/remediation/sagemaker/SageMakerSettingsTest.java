package dev.driftline.remediation.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.driftline.config.UserInputException;
import dev.driftline.remediation.policy.PolicySection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SageMakerSettingsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static PolicySection section(String path, String yaml) throws Exception {
        return new PolicySection("policy.yaml", path, YAML.readTree(yaml));
    }

    @Test
    void trainingDefaultsAreTheUsersLambdaFigures() throws Exception {
        var s = SageMakerTrainingSettings.from(section("models.churn.training.sagemaker",
                "role-arn: arn:aws:iam::123456789012:role/train\nimage: 1.dkr.ecr/churn:latest\n"));
        assertThat(s.instanceType()).isEqualTo("ml.g5.2xlarge");
        assertThat(s.instanceCount()).isEqualTo(2);
        assertThat(s.volumeSizeGb()).isEqualTo(50);
        assertThat(s.maxRuntime()).isEqualTo(Duration.ofHours(12));
        assertThat(s.inputMode()).isEqualTo("File");
        assertThat(s.channel()).isEqualTo("training");
        assertThat(s.distribution()).isEqualTo("FullyReplicated");
        assertThat(s.reason()).isEqualTo("DataDrift");
        assertThat(s.outputPath()).isNull();
    }

    @Test
    void trainingReadsEveryKey() throws Exception {
        var s = SageMakerTrainingSettings.from(section("t", """
                role-arn: r
                image: i
                instance-type: ml.m5.xlarge
                instance-count: 1
                volume-size-gb: 30
                max-runtime: 2h
                input-mode: FastFile
                channel: train
                distribution: ShardedByS3Key
                output-path: s3://models/churn/
                hyperparameters: {epochs: 10, lr: 0.01}
                tags: {Team: risk}
                reason: ConceptDrift
                """));
        assertThat(s.hyperParameters()).containsExactlyInAnyOrderEntriesOf(Map.of("epochs", "10", "lr", "0.01"));
        assertThat(s.tags()).containsExactlyEntriesOf(Map.of("Team", "risk"));
        assertThat(s.maxRuntime()).isEqualTo(Duration.ofHours(2));
        assertThat(s.outputPath()).isEqualTo("s3://models/churn/");
        assertThat(s.instanceCount()).isEqualTo(1);
    }

    @Test
    void missingRoleNamesTheKeyPath() throws Exception {
        assertThatThrownBy(() -> SageMakerTrainingSettings.from(section("models.churn.training.sagemaker",
                "image: i\n")))
                .isInstanceOf(UserInputException.class)
                .hasMessage("policy.yaml: models.churn.training.sagemaker.role-arn: is required");
    }

    @Test
    void badValuesNameTheirKey() throws Exception {
        assertThatThrownBy(() -> SageMakerTrainingSettings.from(section("m.t", "role-arn: r\nimage: i\n"
                + "input-mode: Stream\n"))).hasMessageStartingWith("policy.yaml: m.t.input-mode: must be File");
        assertThatThrownBy(() -> SageMakerTrainingSettings.from(section("m.t", "role-arn: r\nimage: i\n"
                + "instance-count: 0\n"))).hasMessageStartingWith("policy.yaml: m.t.instance-count: must be at least");
        assertThatThrownBy(() -> SageMakerTrainingSettings.from(section("m.t", "role-arn: r\nimage: i\n"
                + "output-path: /tmp/x\n"))).hasMessageStartingWith("policy.yaml: m.t.output-path: must be an s3://");
        assertThatThrownBy(() -> SageMakerTrainingSettings.from(section("m.t", "role-arn: r\nimage: i\n"
                + "instance_type: ml.m5.large\n"))).hasMessageStartingWith("policy.yaml: m.t.instance_type: unknown key");
    }

    @Test
    void pipelineSettings() throws Exception {
        var s = SageMakerPipelineSettings.from(section("m.p", "pipeline: churn-retrain\nparameters: {Epochs: 5}\n"));
        assertThat(s.dataParameter()).isEqualTo("TrainingData");
        assertThat(s.episodeParameter()).isEqualTo("Episode");
        assertThat(s.trainingStep()).isEmpty();
        assertThat(s.parameters()).containsEntry("Epochs", "5");
        assertThatThrownBy(() -> SageMakerPipelineSettings.from(section("m.p", "parameters: {}\n")))
                .hasMessage("policy.yaml: m.p.pipeline: is required");
    }

    @Test
    void registrySettings() throws Exception {
        var s = SageMakerRegistrySettings.from(section("m.r", "image: i\ngroup-tags: {Team: risk, Environment: prod}\n"));
        assertThat(s.groupTags()).containsEntry("Team", "risk").containsEntry("Environment", "prod");
        assertThat(s.contentTypes()).containsExactly("text/csv", "application/json");
        assertThatThrownBy(() -> SageMakerRegistrySettings.from(section("m.r", "group-tags: {}\n")))
                .hasMessage("policy.yaml: m.r.image: is required");
    }

    @Test
    void endpointSettings() throws Exception {
        var s = SageMakerEndpointSettings.from(section("m.e", "role-arn: r\nimage: i\n"));
        assertThat(s.mode()).isEqualTo(SageMakerEndpointSettings.Mode.VARIANTS);
        assertThat(s.endpointFor("churn")).isEqualTo("churn");
        assertThat(s.instanceType()).isEmpty();
        assertThat(s.instanceCount()).isEqualTo(Optional.empty());
        var b = SageMakerEndpointSettings.from(section("m.e", "role-arn: r\nimage: i\nendpoint: churn-prod\n"
                + "mode: blue-green\nalarms: [churn-5xx]\ninstance-count: 2\n"));
        assertThat(b.mode()).isEqualTo(SageMakerEndpointSettings.Mode.BLUE_GREEN);
        assertThat(b.alarms()).isEqualTo(List.of("churn-5xx"));
        assertThat(b.endpointFor("churn")).isEqualTo("churn-prod");
        assertThatThrownBy(() -> SageMakerEndpointSettings.from(section("m.e", "role-arn: r\nimage: i\nmode: shadow\n")))
                .hasMessage("policy.yaml: m.e.mode: must be variants or blue-green, got shadow");
        assertThatThrownBy(() -> SageMakerEndpointSettings.from(section("m.e", "image: i\n")))
                .hasMessage("policy.yaml: m.e.role-arn: is required");
    }

    @Test
    void namesAreValidSageMakerNamesAndDeterministic() {
        assertThat(SageMakerTrainingBackend.jobName("churn-20261202T101500Z")).isEqualTo("churn-20261202t101500z");
        assertThat(SageMakerTrainingBackend.jobName("Churn_Model/2026:12")).isEqualTo("churn-model-2026-12");
        String longName = "a".repeat(50) + "-" + "b".repeat(30);
        String n = SageMakerTrainingBackend.jobName(longName);
        assertThat(n).hasSizeLessThanOrEqualTo(63).matches("[a-zA-Z0-9](-*[a-zA-Z0-9])*")
                .isEqualTo(SageMakerTrainingBackend.jobName(longName))
                .isNotEqualTo(SageMakerTrainingBackend.jobName(longName + "c"));
        assertThat(SageMakerPipelineBackend.requestToken("p", "e1")).hasSize(64)
                .isEqualTo(SageMakerPipelineBackend.requestToken("p", "e1"))
                .isNotEqualTo(SageMakerPipelineBackend.requestToken("p", "e2"));
    }
}
