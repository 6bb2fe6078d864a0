package dev.driftline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CollectorMetricsTest {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final CollectorMetrics metrics = new CollectorMetrics(registry, 2, new AtomicLong());

    @Test
    void modelTagsAreCappedAndKnownModelsKeepTheirTag() {
        assertThat(metrics.modelTag("iris")).isEqualTo("iris");
        assertThat(metrics.modelTag("credit")).isEqualTo("credit");
        assertThat(metrics.modelTag("attacker-1")).isEqualTo(CollectorMetrics.OTHER_MODEL);
        assertThat(metrics.modelTag("attacker-2")).isEqualTo(CollectorMetrics.OTHER_MODEL);
        assertThat(metrics.modelTag("iris")).isEqualTo("iris");
        assertThat(metrics.modelTag("credit")).isEqualTo("credit");
    }

    @Test
    void missingModelIsNone() {
        assertThat(metrics.modelTag(null)).isEqualTo(CollectorMetrics.NO_MODEL);
        assertThat(metrics.modelTag(" ")).isEqualTo(CollectorMetrics.NO_MODEL);
        // and does not use up a slot
        assertThat(metrics.modelTag("a")).isEqualTo("a");
        assertThat(metrics.modelTag("b")).isEqualTo("b");
    }

    @Test
    void eventCounterIsTaggedWithBoundedValues() {
        for (String model : new String[] {"iris", "credit", "x1", "x2", "x3"}) {
            metrics.event(new CloudEvent(Map.of("id", "1", "type", CollectorSettings.TYPE_REQUEST,
                    "inferenceservicename", model), new byte[0]), "accepted");
        }
        metrics.event(new CloudEvent(Map.of("id", "1", "type", "com.example.other"), new byte[0]), "rejected");

        assertThat(registry.get("driftline.collector.events").tag("model", CollectorMetrics.OTHER_MODEL)
                .tag("type", "request").counter().count()).isEqualTo(3.0);
        assertThat(registry.get("driftline.collector.events").tag("model", "iris").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("driftline.collector.events").tag("model", CollectorMetrics.NO_MODEL)
                .tag("type", "other").tag("outcome", "rejected").counter().count()).isEqualTo(1.0);
        assertThat(registry.find("driftline.collector.events").tag("model", "x1").counter()).isNull();
    }

    @Test
    void typeTags() {
        assertThat(CollectorMetrics.typeTag(CollectorSettings.TYPE_REQUEST)).isEqualTo("request");
        assertThat(CollectorMetrics.typeTag(CollectorSettings.TYPE_RESPONSE)).isEqualTo("response");
        assertThat(CollectorMetrics.typeTag("anything.else")).isEqualTo("other");
        assertThat(CollectorMetrics.typeTag(null)).isEqualTo("other");
    }

    @Test
    void rejectionsAreCountedByReason() {
        metrics.rejection(Rejection.Reason.TOO_LARGE);
        metrics.rejection(Rejection.Reason.TOO_LARGE);
        assertThat(registry.get("driftline.collector.rejections").tag("reason", "too_large").counter().count())
                .isEqualTo(2.0);
    }
}
