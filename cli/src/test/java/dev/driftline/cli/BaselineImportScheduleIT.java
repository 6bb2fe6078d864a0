package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithMoto;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.MonitoringType;
import software.amazon.awssdk.services.sagemaker.model.ProcessingInstanceType;

/**
 * {@code baseline import-sagemaker} from S3 and from a Model Monitor schedule on moto (monitoring schedules come
 * from the testkit's moto extension): the baseline equals the one imported from the same files on disk.
 */
@WithMoto
class BaselineImportScheduleIT {
    private static final String BUCKET = "monitor-bucket";
    private final ObjectMapper mapper = new ObjectMapper();
    private final StringWriter err = new StringWriter();
    @TempDir
    Path dir;
    private Path local;

    @BeforeEach
    void credentials() {
        System.setProperty("aws.accessKeyId", "test"); // the command's default credential chain
        System.setProperty("aws.secretAccessKey", "test");
    }

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** statistics.json and constraints.json from a small training set, on disk and in moto's S3. */
    private void files(S3Client s3) throws Exception {
        StringBuilder csv = new StringBuilder("age,city\n");
        for (int i = 0; i < 300; i++) {
            csv.append(18 + i % 60).append(',').append(new String[] {"Oslo", "Lima", "Pune"}[i % 3]).append('\n');
        }
        Files.writeString(dir.resolve("train.csv"), csv);
        assertThat(run("baseline", "build", "--input", dir.resolve("train.csv").toString(), "--model", "m",
                "--output", dir.resolve("b.json").toString())).as(err.toString()).isZero();
        local = dir.resolve("sm");
        assertThat(run("baseline", "export-sagemaker", dir.resolve("b.json").toString(), "--out-dir",
                local.toString())).as(err.toString()).isZero();
        s3.createBucket(b -> b.bucket(BUCKET));
        for (String f : new String[] {"statistics.json", "constraints.json"}) {
            s3.putObject(b -> b.bucket(BUCKET).key("baselining/xgb/" + f), RequestBody.fromFile(local.resolve(f)));
        }
    }

    private JsonNode baseline(Path file) throws Exception {
        ObjectNode b = (ObjectNode) mapper.readTree(file.toFile());
        b.remove("created_at"); // the import time
        b.remove("source"); // names where the files were read
        return b;
    }

    @Test
    void scheduleWithInlineJobDefinitionGivesTheLocalFilesBaseline(MotoServer moto) throws Exception {
        files(moto.s3());
        SageMakerClient sm = moto.closeWithServer(moto.configure(SageMakerClient.builder()).build());
        sm.createMonitoringSchedule(b -> b.monitoringScheduleName("xgb-hourly").monitoringScheduleConfig(c -> c
                .scheduleConfig(s -> s.scheduleExpression("cron(0 * ? * * *)"))
                .monitoringType(MonitoringType.DATA_QUALITY)
                .monitoringJobDefinition(j -> j
                        .baselineConfig(bc -> bc
                                .statisticsResource(r -> r.s3Uri("s3://" + BUCKET + "/baselining/xgb/statistics.json"))
                                .constraintsResource(r -> r.s3Uri("s3://" + BUCKET + "/baselining/xgb/constraints.json")))
                        .monitoringInputs(i -> i.endpointInput(e -> e.endpointName("xgb").localPath("/opt/ml/input")))
                        .monitoringOutputConfig(o -> o.monitoringOutputs(m -> m.s3Output(s -> s
                                .s3Uri("s3://" + BUCKET + "/reports").localPath("/opt/ml/output"))))
                        .monitoringResources(r -> r.clusterConfig(cc -> cc.instanceCount(1)
                                .instanceType(ProcessingInstanceType.ML_M5_XLARGE).volumeSizeInGB(20)))
                        .monitoringAppSpecification(a -> a.imageUri("model-monitor:latest"))
                        .roleArn("arn:aws:iam::123456789012:role/monitor"))));

        Path fromSchedule = dir.resolve("schedule.json");
        assertThat(run("baseline", "import-sagemaker", "--monitoring-schedule", "xgb-hourly", "--model", "xgb",
                "--endpoint-url", moto.endpoint().toString(), "--region", "us-east-1", "--output",
                fromSchedule.toString())).as(err.toString()).isZero();
        Path fromFiles = dir.resolve("files.json");
        assertThat(run("baseline", "import-sagemaker", "--statistics", local.resolve("statistics.json").toString(),
                "--constraints", local.resolve("constraints.json").toString(), "--model", "xgb", "--output",
                fromFiles.toString())).as(err.toString()).isZero();
        assertThat(baseline(fromSchedule)).isEqualTo(baseline(fromFiles));
        assertThat(baseline(fromSchedule).get("features")).hasSize(2);
    }

    @Test
    void scheduleNamingADataQualityJobDefinitionFollowsIt(MotoServer moto) throws Exception {
        files(moto.s3());
        SageMakerClient sm = moto.closeWithServer(moto.configure(SageMakerClient.builder()).build());
        sm.createDataQualityJobDefinition(b -> b.jobDefinitionName("xgb-dq")
                .dataQualityBaselineConfig(bc -> bc
                        .statisticsResource(r -> r.s3Uri("s3://" + BUCKET + "/baselining/xgb/statistics.json"))
                        .constraintsResource(r -> r.s3Uri("s3://" + BUCKET + "/baselining/xgb/constraints.json")))
                .dataQualityAppSpecification(a -> a.imageUri("model-monitor:latest"))
                .dataQualityJobInput(i -> i.endpointInput(e -> e.endpointName("xgb").localPath("/opt/ml/input")))
                .dataQualityJobOutputConfig(o -> o.monitoringOutputs(m -> m.s3Output(s -> s
                        .s3Uri("s3://" + BUCKET + "/reports").localPath("/opt/ml/output"))))
                .jobResources(r -> r.clusterConfig(cc -> cc.instanceCount(1)
                        .instanceType(ProcessingInstanceType.ML_M5_XLARGE).volumeSizeInGB(20)))
                .roleArn("arn:aws:iam::123456789012:role/monitor"));
        sm.createMonitoringSchedule(b -> b.monitoringScheduleName("xgb-dq-hourly").monitoringScheduleConfig(c -> c
                .scheduleConfig(s -> s.scheduleExpression("cron(0 * ? * * *)"))
                .monitoringType(MonitoringType.DATA_QUALITY).monitoringJobDefinitionName("xgb-dq")));

        Path fromSchedule = dir.resolve("schedule.json");
        assertThat(run("baseline", "import-sagemaker", "--monitoring-schedule", "xgb-dq-hourly", "--model", "xgb",
                "--endpoint-url", moto.endpoint().toString(), "--region", "us-east-1", "--output",
                fromSchedule.toString())).as(err.toString()).isZero();
        Path fromS3 = dir.resolve("s3.json");
        assertThat(run("baseline", "import-sagemaker", "--statistics",
                "s3://" + BUCKET + "/baselining/xgb/statistics.json", "--constraints",
                "s3://" + BUCKET + "/baselining/xgb/constraints.json", "--model", "xgb", "--endpoint-url",
                moto.endpoint().toString(), "--region", "us-east-1", "--output", fromS3.toString()))
                .as(err.toString()).isZero();
        assertThat(baseline(fromSchedule)).isEqualTo(baseline(fromS3));
    }

    @Test
    void missingScheduleAndObjectExit2NamingThem(MotoServer moto) throws Exception {
        files(moto.s3());
        Path out = dir.resolve("x.json");
        assertThat(run("baseline", "import-sagemaker", "--monitoring-schedule", "nope", "--endpoint-url",
                moto.endpoint().toString(), "--region", "us-east-1", "--output", out.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("monitoring schedule nope: not found");
        assertThat(run("baseline", "import-sagemaker", "--statistics", "s3://" + BUCKET + "/missing.json",
                "--constraints", "s3://" + BUCKET + "/baselining/xgb/constraints.json", "--endpoint-url",
                moto.endpoint().toString(), "--region", "us-east-1", "--output", out.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("s3://" + BUCKET + "/missing.json: cannot read: no such object");
        assertThat(run("baseline", "import-sagemaker", "--statistics", "s3://Bad_Bucket/x", "--constraints",
                "c.json", "--output", out.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--statistics s3://Bad_Bucket/x");
        assertThat(out).doesNotExist();
    }
}
