package dev.driftline.streams.meters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.streams.modelquality.ModelQualityCounters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class QualityDropMetersTest {
    @Test
    void oneSeriesPerModelAndReasonAsTheyAppearAndTheReasonsUpFront() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ModelQualityCounters counters = new ModelQualityCounters();
        counters.add("churn", ModelQualityCounters.RECORDS_EXPIRED, 4, null); // before binding
        QualityDropMeters.bind(counters, registry);
        counters.add("iris", ModelQualityCounters.LABELS_EXPIRED, 120, "id|row a|0");
        counters.add("iris", ModelQualityCounters.LABELS_EXPIRED, 1, null);
        String scrape = registry.scrape();
        assertThat(scrape).contains("driftline_quality_dropped_total{model=\"iris\",reason=\"labels_expired\"} 121.0")
                .contains("driftline_quality_dropped_total{model=\"churn\",reason=\"records_expired\"} 4.0")
                .contains("driftline_quality_dropped_total{model=\"\",reason=\"labels_unreadable\"} 0.0");
        for (String reason : ModelQualityCounters.REASONS) {
            assertThat(scrape).contains("driftline_quality_dropped_total{model=\"\",reason=\"" + reason + "\"}");
        }
    }
}
