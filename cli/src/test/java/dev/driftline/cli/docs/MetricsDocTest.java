package dev.driftline.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/metrics.md} is what {@link MetricCatalogue} generates from the real meters. With
 * {@code -Ddriftline.write-docs=true} the test rewrites the page instead of failing.
 */
class MetricsDocTest {
    private static final Path PAGE = Path.of("..", "docs", "metrics.md");

    @Test
    void pageIsTheGeneratedOne() throws Exception {
        String generated = MetricCatalogue.markdown();
        if (Boolean.getBoolean("driftline.write-docs")) {
            Files.createDirectories(PAGE.getParent());
            Files.writeString(PAGE, generated);
        }
        assertThat(Files.exists(PAGE)).as("docs/metrics.md missing; regenerate with -Ddriftline.write-docs=true")
                .isTrue();
        assertThat(Files.readString(PAGE)).as("docs/metrics.md is stale; regenerate: ./mvnw -B -o verify -pl cli -am "
                + "-Dtest=MetricsDocTest -Dsurefire.failIfNoSpecifiedTests=false -Ddriftline.write-docs=true")
                .isEqualTo(generated);
    }

    @Test
    void catalogueHasTheSeriesDashboardsAndRulesUse() {
        assertThat(MetricCatalogue.names()).contains("driftline_model_drift_score",
                "driftline_feature_drift_score", "driftline_alerts_open", "driftline_violations_total",
                "driftline_serving_requests_total", "driftline_serving_errors_total",
                "driftline_serving_latency_seconds_bucket", "driftline_serving_unanswered_total",
                "driftline_collector_rejections_total", "driftline_collector_events_total",
                "driftline_collector_produce_latency_seconds_bucket", "driftline_sink_bytes_total",
                "driftline_sink_dead_letters_total", "driftline_remediation_episodes",
                "driftline_remediation_rollbacks_total", "driftline_pipeline_lag_seconds_count",
                "driftline_late_records_total", "driftline_deadletter_records_total",
                "driftline_quality_dropped_total", "driftline_windows_evaluated_total");
        assertThat(MetricCatalogue.names()).allMatch(n -> n.startsWith("driftline_"));
    }
}
