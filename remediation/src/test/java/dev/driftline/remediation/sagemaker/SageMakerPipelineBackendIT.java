package dev.driftline.remediation.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.remediation.world.TrainingRequest;
import dev.driftline.remediation.world.TrainingStatus;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithMoto;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Parameter;

/** Pipeline executions on moto_server with the testkit's extension (Executing for a set number of describes). */
@WithMoto
class SageMakerPipelineBackendIT {
    private static final String DEFINITION = """
            {"Version": "2020-12-01",
             "Parameters": [{"Name": "TrainingData", "Type": "String", "DefaultValue": "s3://none/"},
                            {"Name": "Episode", "Type": "String", "DefaultValue": ""},
                            {"Name": "Epochs", "Type": "String", "DefaultValue": "1"}],
             "Steps": [
               {"Name": "Train", "Type": "Training", "Arguments": {
                 "AlgorithmSpecification": {"TrainingImage": "1.dkr.ecr/churn:1", "TrainingInputMode": "File"},
                 "OutputDataConfig": {"S3OutputPath": "s3://models/pipeline/"},
                 "InputDataConfig": [{"ChannelName": "training", "DataSource": {"S3DataSource": {
                   "S3DataType": "S3Prefix", "S3Uri": {"Get": "Parameters.TrainingData"}}}}]}},
               {"Name": "Evaluate", "Type": "Processing", "Arguments": {}}]}""";
    private MotoServer moto;
    private SageMakerClient sm;
    private SageMakerPipelineBackend backend;

    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        sm = moto.closeWithServer(moto.configure(SageMakerClient.builder()).build());
        sm.createPipeline(b -> b.pipelineName("churn-retrain").pipelineDefinition(DEFINITION)
                .roleArn("arn:aws:iam::123456789012:role/pipeline"));
        backend = new SageMakerPipelineBackend(sm, new SageMakerPipelineSettings("churn-retrain",
                Map.of("Epochs", "5"), "TrainingData", "Episode", Optional.empty()));
    }

    @Test
    void startingTwiceStartsOneExecutionWhoseTrainingStepGivesMetricsAndArtifact() {
        moto.post("/moto-api/x/sagemaker/pipeline-execution", "{\"display_name\": \"churn-e1\", "
                + "\"in_progress_polls\": 1, \"final_metrics\": {\"accuracy\": 0.91}, "
                + "\"artifact\": \"s3://models/pipeline/e1/model.tar.gz\"}");
        TrainingRequest r = new TrainingRequest("e1", "churn", "churn-e1", "s3://lake/training/churn/e1/", null);

        String first = backend.start(r);
        String second = backend.start(r);

        assertThat(second).isEqualTo(first);
        var executions = sm.listPipelineExecutions(b -> b.pipelineName("churn-retrain")).pipelineExecutionSummaries();
        assertThat(executions).singleElement()
                .satisfies(e -> assertThat(e.pipelineExecutionDisplayName()).isEqualTo("churn-e1"));
        assertThat(sm.listPipelineParametersForExecution(b -> b.pipelineExecutionArn(first)).pipelineParameters())
                .extracting(Parameter::name, Parameter::value)
                .contains(org.assertj.core.groups.Tuple.tuple("TrainingData", "s3://lake/training/churn/e1/"),
                        org.assertj.core.groups.Tuple.tuple("Episode", "e1"),
                        org.assertj.core.groups.Tuple.tuple("Epochs", "5"));

        assertThat(backend.status(r).phase()).isEqualTo(TrainingStatus.Phase.IN_PROGRESS);
        TrainingStatus done = backend.status(r);
        assertThat(done.phase()).isEqualTo(TrainingStatus.Phase.COMPLETED);
        assertThat(done.metrics()).isEqualTo(Map.of("accuracy", 0.91));
        assertThat(done.artifact()).isEqualTo("s3://models/pipeline/e1/model.tar.gz");
    }

    @Test
    void theRequestTokenAloneKeepsASecondStartFromStartingAgain() {
        // an instance that raced past the lookup: SageMaker's ClientRequestToken is the second guard
        String token = SageMakerPipelineBackend.requestToken("churn-retrain", "e2");
        String direct = sm.startPipelineExecution(b -> b.pipelineName("churn-retrain")
                .pipelineExecutionDisplayName("someone-else").clientRequestToken(token)).pipelineExecutionArn();
        String ours = sm.startPipelineExecution(b -> b.pipelineName("churn-retrain")
                .pipelineExecutionDisplayName("churn-e2").clientRequestToken(token)).pipelineExecutionArn();
        assertThat(ours).isEqualTo(direct);
        assertThat(sm.listPipelineExecutions(b -> b.pipelineName("churn-retrain")).pipelineExecutionSummaries())
                .hasSize(1);
    }

    @Test
    void aFailedExecutionReportsItsReasonAndStopIsLeftAlone() {
        moto.post("/moto-api/x/sagemaker/pipeline-execution", "{\"display_name\": \"churn-e3\", "
                + "\"fail\": \"Step Train failed: ClientError: no data\"}");
        TrainingRequest r = new TrainingRequest("e3", "churn", "churn-e3", "s3://lake/e3/", null);
        backend.start(r);
        TrainingStatus failed = backend.status(r);
        assertThat(failed.phase()).isEqualTo(TrainingStatus.Phase.FAILED);
        assertThat(failed.reason()).contains("Failed").contains("Step Train failed: ClientError: no data");
        backend.stop(r);
        assertThat(backend.status(r).phase()).isEqualTo(TrainingStatus.Phase.FAILED);
    }

    @Test
    void stopStopsAnExecutingRun() {
        moto.post("/moto-api/x/sagemaker/pipeline-execution", "{\"in_progress_polls\": 100}");
        TrainingRequest r = new TrainingRequest("e4", "churn", "churn-e4", "s3://lake/e4/", null);
        backend.start(r);
        backend.stop(r);
        TrainingStatus stopped = backend.status(r);
        assertThat(stopped.phase()).isEqualTo(TrainingStatus.Phase.FAILED);
        assertThat(stopped.reason()).contains("Stopped");
    }
}
