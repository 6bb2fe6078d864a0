package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithMoto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** {@code driftline cloudwatch alarms} as a user runs it, against moto's CloudWatch. */
@WithMoto
@org.junit.jupiter.api.extension.ExtendWith(dev.driftline.testkit.AwsDefaultChainCredentials.class)
class CloudWatchCommandIT {
    private static final String SNS = "arn:aws:sns:us-east-1:123456789012:ml-alerts";
    private MotoServer moto;
    private CloudWatchClient cw;

    private record Run(int exit, String out, String err) {
    }


    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
        moto.reset();
        cw = moto.closeWithServer(moto.configure(CloudWatchClient.builder()).build());
    }

    private static Run run(String... args) {
        CliRun r = CliRun.of(args);
        return new Run(r.exit(), r.out(), r.err());
    }

    private Run alarms(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("cloudwatch", "alarms", "--model", "churn",
                "--sns-topic", SNS, "--endpoint-url", moto.endpoint().toString(), "--region", "us-east-1"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private List<MetricAlarm> described() {
        return cw.describeAlarms(b -> b.alarmNamePrefix("driftline-churn-")).metricAlarms();
    }

    @Test
    void createsTheAlarmsOnModelMonitorMetricsAndIsIdempotent() {
        Run first = alarms("--features", "age,city");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).containsSubsequence(
                "alarm driftline-churn-feature_baseline_drift_age: created",
                "alarm driftline-churn-feature_baseline_drift_city: created", "alarm driftline-churn-accuracy: created");

        List<MetricAlarm> alarms = described();
        assertThat(alarms).extracting(MetricAlarm::alarmName).containsExactlyInAnyOrder(
                "driftline-churn-feature_baseline_drift_age", "driftline-churn-feature_baseline_drift_city",
                "driftline-churn-accuracy");
        List<Dimension> dims = List.of(Dimension.builder().name("EndpointName").value("churn").build(),
                Dimension.builder().name("ScheduleName").value("driftline-churn").build());
        MetricAlarm age = alarms.stream().filter(a -> a.metricName().equals("feature_baseline_drift_age")).findFirst()
                .orElseThrow();
        assertThat(age.namespace()).isEqualTo("/aws/sagemaker/Endpoints/data-metric");
        assertThat(age.dimensions()).containsExactlyInAnyOrderElementsOf(dims);
        assertThat(age.threshold()).isEqualTo(0.1);
        assertThat(age.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_THRESHOLD);
        assertThat(age.statistic()).isEqualTo(Statistic.MAXIMUM);
        assertThat(age.period()).isEqualTo(3600);
        assertThat(age.alarmActions()).containsExactly(SNS);
        MetricAlarm accuracy = alarms.stream().filter(a -> a.metricName().equals("accuracy")).findFirst().orElseThrow();
        assertThat(accuracy.namespace()).isEqualTo("/aws/sagemaker/Endpoints/model-metrics");
        assertThat(accuracy.comparisonOperator()).isEqualTo(ComparisonOperator.LESS_THAN_THRESHOLD);
        assertThat(accuracy.threshold()).isEqualTo(0.7);

        Run again = alarms("--features", "age,city");
        assertThat(again.out()).contains("feature_baseline_drift_age: unchanged", "feature_baseline_drift_city: "
                + "unchanged", "accuracy: unchanged").doesNotContain("created", "updated");
        assertThat(described()).hasSize(3);

        Run changed = alarms("--features", "age,city", "--drift-threshold", "0.2");
        assertThat(changed.out()).contains("feature_baseline_drift_age: updated", "accuracy: unchanged");
        assertThat(described()).filteredOn(a -> a.metricName().startsWith("feature_baseline_drift_"))
                .allSatisfy(a -> assertThat(a.threshold()).isEqualTo(0.2));
    }

    @Test
    void dryRunPrintsTheCallsAndCreatesNone(@TempDir Path dir) throws Exception {
        Path constraints = dir.resolve("constraints.json");
        Files.writeString(constraints, """
                {"version": 0, "features": [{"name": "age", "inferred_type": "Integral", "completeness": 1.0}],
                 "monitoring_config": {"distribution_constraints": {"comparison_threshold": 0.25}}}""");
        Run r = alarms("--constraints", constraints.toString(), "--dry-run");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("PutMetricAlarm ")).toList()).hasSize(2);
        assertThat(r.out()).contains("AlarmName=driftline-churn-feature_baseline_drift_age", "Threshold=0.25",
                "Namespace=/aws/sagemaker/Endpoints/data-metric", "AlarmActions=[" + SNS + "]",
                "AlarmName=driftline-churn-accuracy", "dry run: 2 alarms, none created");
        assertThat(described()).isEmpty();
    }

    @Test
    void configuredNamesReachTheAlarms(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("cw.properties");
        Files.writeString(config, "cloudwatch.endpoint.model.churn = churn-prod\n"
                + "cloudwatch.dimension.schedule = MonitoringSchedule\n"
                + "cloudwatch.schedule.model.churn = churn-hourly\n");
        Run r = alarms("--features", "age", "--no-accuracy", "--config", config.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(described()).singleElement().satisfies(a -> assertThat(a.dimensions()).containsExactlyInAnyOrder(
                Dimension.builder().name("EndpointName").value("churn-prod").build(),
                Dimension.builder().name("MonitoringSchedule").value("churn-hourly").build()));
    }

    @Test
    void nothingToAlarmOnExits2() {
        Run r = alarms("--no-accuracy", "--dry-run");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nothing to alarm on");
    }
}
