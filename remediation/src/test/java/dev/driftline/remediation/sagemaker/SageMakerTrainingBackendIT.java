package dev.driftline.remediation.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.remediation.world.TrainingRequest;
import dev.driftline.remediation.world.TrainingStatus;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithMoto;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Training jobs on moto_server with the testkit's extension (jobs stay InProgress for a set number of describes,
 * then complete with the metrics set through {@code POST /moto-api/x/sagemaker/training}, or fail).
 */
@WithMoto
class SageMakerTrainingBackendIT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/train";
    private MotoServer moto;
    private SageMakerClient sm;
    private SageMakerTrainingBackend backend;

    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        sm = moto.closeWithServer(moto.configure(SageMakerClient.builder()).build());
        backend = new SageMakerTrainingBackend(sm, new SageMakerTrainingSettings(ROLE, "1.dkr.ecr/churn:1",
                "ml.g5.2xlarge", 2, 50, Duration.ofHours(12), "File", "training", "FullyReplicated",
                "s3://models/out/", Map.of("epochs", "10"), Map.of("Team", "risk"), "DataDrift"));
    }

    private static TrainingRequest request(String episode) {
        return new TrainingRequest(episode, "churn", "churn-" + episode, "s3://lake/training/churn/" + episode + "/",
                null);
    }

    @Test
    void startingTwiceCreatesOneJobThatCompletesWithTheSetMetrics() {
        moto.post("/moto-api/x/sagemaker/training", "{\"in_progress_polls\": 3, \"final_metrics\": "
                + "{\"accuracy\": 0.96, \"serving_accuracy\": 0.81}, \"artifact\": \"s3://models/out/a/model.tar.gz\"}");
        TrainingRequest r = request("20261202T101500Z");

        String first = backend.start(r);
        String second = backend.start(r);

        assertThat(second).isEqualTo(first).endsWith("training-job/churn-20261202t101500z");
        assertThat(sm.listTrainingJobs(b -> b.maxResults(100)).trainingJobSummaries()).hasSize(1);
        DescribeTrainingJobResponse job = sm.describeTrainingJob(b -> b.trainingJobName("churn-20261202t101500z"));
        assertThat(job.roleArn()).isEqualTo(ROLE);
        assertThat(job.algorithmSpecification().trainingImage()).isEqualTo("1.dkr.ecr/churn:1");
        assertThat(job.algorithmSpecification().trainingInputModeAsString()).isEqualTo("File");
        assertThat(job.resourceConfig().instanceTypeAsString()).isEqualTo("ml.g5.2xlarge");
        assertThat(job.resourceConfig().instanceCount()).isEqualTo(2);
        assertThat(job.resourceConfig().volumeSizeInGB()).isEqualTo(50);
        assertThat(job.stoppingCondition().maxRuntimeInSeconds()).isEqualTo(43_200);
        assertThat(job.hyperParameters()).containsEntry("epochs", "10");
        assertThat(job.inputDataConfig()).singleElement().satisfies(c -> {
            assertThat(c.channelName()).isEqualTo("training");
            assertThat(c.dataSource().s3DataSource().s3Uri()).isEqualTo("s3://lake/training/churn/20261202T101500Z/");
            assertThat(c.dataSource().s3DataSource().s3DataDistributionTypeAsString()).isEqualTo("FullyReplicated");
        });
        assertThat(job.outputDataConfig().s3OutputPath()).isEqualTo("s3://models/out/");
        Map<String, String> tags = sm.listTags(b -> b.resourceArn(first)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertThat(tags).containsEntry("Trigger", "AutoRetraining").containsEntry("Reason", "DataDrift")
                .containsEntry("DriftlineEpisode", "20261202T101500Z").containsEntry("Team", "risk");

        // three InProgress answers: the second start's describe, the describe above, this status
        assertThat(backend.status(r).phase()).isEqualTo(TrainingStatus.Phase.IN_PROGRESS);
        TrainingStatus done = backend.status(r);
        assertThat(done.phase()).isEqualTo(TrainingStatus.Phase.COMPLETED);
        assertThat(done.metrics()).containsExactlyInAnyOrderEntriesOf(Map.of("accuracy", 0.96,
                "serving_accuracy", 0.81));
        assertThat(done.artifact()).isEqualTo("s3://models/out/a/model.tar.gz");
        assertThat(backend.start(r)).as("a finished job is found, not retrained").isEqualTo(first);
        assertThat(sm.listTrainingJobs(b -> b.maxResults(100)).trainingJobSummaries()).hasSize(1);
    }

    @Test
    void aFailedJobReportsItsReason() {
        moto.post("/moto-api/x/sagemaker/training", "{\"job\": \"churn-e-failed\", \"in_progress_polls\": 1, "
                + "\"fail\": \"AlgorithmError: label column missing\"}");
        TrainingRequest r = request("e-failed");
        backend.start(r);
        assertThat(backend.status(r).phase()).isEqualTo(TrainingStatus.Phase.IN_PROGRESS);
        TrainingStatus failed = backend.status(r);
        assertThat(failed.phase()).isEqualTo(TrainingStatus.Phase.FAILED);
        assertThat(failed.reason()).contains("churn-e-failed").contains("Failed")
                .contains("AlgorithmError: label column missing");
    }

    @Test
    void stopStopsARunningJobAndLeavesAFinishedOneAlone() {
        moto.post("/moto-api/x/sagemaker/training", "{\"in_progress_polls\": 100}");
        TrainingRequest r = request("e-stop");
        backend.start(r);
        backend.stop(r);
        backend.stop(r); // Stopping now: nothing more to do
        TrainingStatus stopped = backend.status(r);
        assertThat(stopped.phase()).isEqualTo(TrainingStatus.Phase.FAILED);
        assertThat(stopped.reason()).contains("Stopped");
        backend.stop(r);
        backend.stop(request("never-started"));
        assertThat(sm.describeTrainingJob(b -> b.trainingJobName("churn-e-stop")).trainingJobStatusAsString())
                .isEqualTo("Stopped");
    }

    @Test
    void aJobOfThatNameIsFoundAndNotReplaced() {
        TrainingRequest r = request("e-race");
        sm.createTrainingJob(b -> b.trainingJobName("churn-e-race").roleArn(ROLE)
                .algorithmSpecification(a -> a.trainingImage("x").trainingInputMode("File"))
                .outputDataConfig(o -> o.s3OutputPath("s3://other/"))
                .resourceConfig(c -> c.instanceType("ml.m5.large").instanceCount(1).volumeSizeInGB(1))
                .stoppingCondition(s -> s.maxRuntimeInSeconds(60)));
        assertThat(backend.start(r)).endsWith("training-job/churn-e-race");
        assertThat(sm.listTrainingJobs(b -> b.maxResults(100)).trainingJobSummaries()).hasSize(1);
        assertThat(sm.describeTrainingJob(b -> b.trainingJobName("churn-e-race")).outputDataConfig().s3OutputPath())
                .as("the existing job was not replaced").isEqualTo("s3://other/");
    }
}
