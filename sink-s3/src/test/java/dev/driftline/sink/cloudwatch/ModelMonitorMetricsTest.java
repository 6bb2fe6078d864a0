package dev.driftline.sink.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.driftline.contracts.drift.DriftReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;

class ModelMonitorMetricsTest {
    private static final long START = 1_700_000_000_000L;
    private static final long END = START + 3_600_000L;
    private final ModelMonitorMetrics mapping = new ModelMonitorMetrics(MetricNaming.defaults());

    @Test
    void driftReportInModelMonitorNamesAtTheWindowEnd() {
        List<Datum> data = mapping.drift(CloudWatchSamples.report("churn", START, END, 1));
        assertThat(data).extracting(d -> d.datum().metricName(), d -> d.datum().value()).containsExactly(
                tuple("feature_baseline_drift_age", 0.27), tuple("feature_non_null_age", 0.95),
                tuple("feature_baseline_drift_city", 0.05), tuple("feature_non_null_city", 1.0),
                tuple("feature_non_null_score", 0.0),
                tuple("constraint_violations_baseline_drift_check", 2.0),
                tuple("constraint_violations_completeness_check", 1.0));
        assertThat(data).allSatisfy(d -> {
            assertThat(d.namespace()).isEqualTo("/aws/sagemaker/Endpoints/data-metric");
            assertThat(d.datum().timestamp()).isEqualTo(Instant.ofEpochMilli(END));
            assertThat(d.datum().dimensions()).containsExactly(
                    Dimension.builder().name("EndpointName").value("churn").build(),
                    Dimension.builder().name("ScheduleName").value("driftline-churn").build());
        });
    }

    @Test
    void configuredNamesAndMappingsAreUsed() {
        MetricNaming n = new MetricNaming("ns/data", "ns/mq", "Endpoint", "MonitoringSchedule", "x-",
                Map.of("churn", "churn-prod"), Map.of("churn", "hourly"), "VariantName", false);
        ModelMonitorMetrics m = new ModelMonitorMetrics(n);
        List<Datum> data = m.drift(CloudWatchSamples.report("churn", START, END, 1));
        assertThat(data).hasSize(5).allSatisfy(d -> assertThat(d.datum().dimensions()).containsExactly(
                Dimension.builder().name("Endpoint").value("churn-prod").build(),
                Dimension.builder().name("MonitoringSchedule").value("hourly").build()));
        List<Datum> perVersion = m.modelQuality(CloudWatchSamples.quality("churn", "v2", START, END));
        assertThat(perVersion).isNotEmpty().allSatisfy(d -> {
            assertThat(d.namespace()).isEqualTo("ns/mq");
            assertThat(d.datum().dimensions()).contains(Dimension.builder().name("VariantName").value("v2").build());
        });
    }

    @Test
    void modelQualityFiguresWithoutCountsOrUndefinedValues() {
        List<Datum> data = mapping.modelQuality(CloudWatchSamples.quality("churn", "", START, END));
        assertThat(data).extracting(d -> d.datum().metricName(), d -> d.datum().value()).containsExactly(
                tuple("accuracy", 0.82), tuple("precision", 0.75), tuple("recall", 0.6), tuple("f1", 0.6667));
        assertThat(data).allSatisfy(d -> {
            assertThat(d.namespace()).isEqualTo("/aws/sagemaker/Endpoints/model-metrics");
            assertThat(d.datum().timestamp()).isEqualTo(Instant.ofEpochMilli(END));
        });
        assertThat(mapping.modelQuality(CloudWatchSamples.quality("churn", "v2", START, END)))
                .as("per-version windows are skipped by default").isEmpty();
    }

    @Test
    void windowsWithoutBaselinePublishNothing() {
        assertThat(mapping.drift(DriftReport.noBaseline("churn", START, END, 1, 50))).isEmpty();
    }
}
