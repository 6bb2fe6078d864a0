package dev.driftline.cli.docs;

import dev.driftline.collector.CloudEvent;
import dev.driftline.collector.CollectorMetrics;
import dev.driftline.collector.Rejection;
import dev.driftline.contracts.drift.DriftReport;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.EpisodeState;
import dev.driftline.drift.dataquality.Violation;
import dev.driftline.remediation.engine.RemediationMetrics;
import dev.driftline.sink.service.SinkMetrics;
import dev.driftline.streams.meters.PipelineMeters;
import dev.driftline.streams.meters.QualityDropMeters;
import dev.driftline.streams.modelquality.ModelQualityCounters;
import dev.driftline.streams.window.LateRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Every driftline meter, per service, taken from the services' real meter classes: each is started on its own
 * {@link PrometheusMeterRegistry} and exercised once so that its meters register, then read back. The reference page
 * {@code docs/metrics.md} is {@link #markdown()}; dashboards and alert rules may use only {@link #names()}.
 * Kafka client and Kafka Streams metrics ({@code kafka_*}, bound with Micrometer's {@code KafkaClientMetrics} /
 * {@code KafkaStreamsMetrics}) come from the Kafka clients at run time and are described, not listed, here.
 */
public final class MetricCatalogue {
    private MetricCatalogue() {
    }

    /** Service name → registry with that service's driftline meters registered, in page order. */
    public static Map<String, PrometheusMeterRegistry> services() {
        Map<String, PrometheusMeterRegistry> out = new LinkedHashMap<>();
        out.put("collector", registry(MetricCatalogue::collector));
        out.put("streams", registry(MetricCatalogue::streams));
        out.put("sink", registry(r -> new SinkMetrics(r).deadLetter("not_json")));
        out.put("remediation", registry(MetricCatalogue::remediation));
        out.put("cloudwatch", registry(r -> {
            dev.driftline.sink.cloudwatch.CloudWatchMetrics m = new dev.driftline.sink.cloudwatch.CloudWatchMetrics(r);
            m.windowPublished("drift");
            m.dropped("refused", 1);
            m.recordSkipped("drift");
        }));
        return out;
    }

    /** Every Prometheus series name the services expose (with {@code _total}, {@code _seconds_bucket}, …). */
    public static Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (PrometheusMeterRegistry r : services().values()) {
            names.addAll(PrometheusMeterTable.seriesNames(r));
        }
        return names;
    }

    /** The reference page, {@code docs/metrics.md}. */
    public static String markdown() {
        return PrometheusMeterTable.page(services());
    }

    private static PrometheusMeterRegistry registry(Consumer<MeterRegistry> exercise) {
        PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        exercise.accept(r);
        return r;
    }

    private static void collector(MeterRegistry r) {
        CollectorMetrics m = new CollectorMetrics(r, 10, new AtomicLong());
        m.event(new CloudEvent(Map.of("type", "org.kubeflow.serving.inference.request",
                "inferenceservicename", "iris"), new byte[0]), "accepted");
        m.rejection(Rejection.Reason.TOO_LARGE);
        m.bytes(1);
        m.produced(1_000_000);
    }

    private static void streams(MeterRegistry r) {
        PipelineMeters.bindLateRecords(new LateRecords(), r);
        QualityDropMeters.bind(new ModelQualityCounters(), r);
        PipelineMeters m = new PipelineMeters(r);
        DriftReport.FeatureDrift f = new DriftReport.FeatureDrift("numerical", "input", 100, 100,
                Map.of("ks_statistic", 0.4), List.of(), "numerical", 0, 0, "ks", 0.1, "drift", true);
        m.onDriftReport(new DriftReport("iris", 0, 60_000, 1, 100, DriftReport.Status.EVALUATED, 1L,
                DriftReport.Reference.baseline(), Map.of("x", f), false, 1, 4, 0.25,
                List.of(new Violation("x", "completeness_check", "d", Map.of()))), 61_000);
        m.onAlert("iris", "drift", "open", 1);
        m.onModelQuality(new dev.driftline.contracts.modelquality.ModelQualityWindow("iris", "", 0, 60_000, 1,
                "multiclass_classification", 100, 0, Map.of("accuracy", 0.9), "accuracy", 0.9, 0.8, "configured",
                null, "ok", 61_000));
        m.onDeadLetter("not_json");
        m.serving().onResponse("iris", "{\"error\":\"e\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), -1);
        m.serving().onInference("iris", true, false, -1);
        m.serving().onInference("iris", true, true, 20);
    }

    private static void remediation(MeterRegistry r) {
        RemediationMetrics m = new RemediationMetrics(r);
        m.current("iris", EpisodeState.values()[0]);
        m.transition(new EpisodeEvent("e1", "ep", "iris", null, EpisodeState.ROLLED_BACK, 2, "", null), 0);
        m.transition(new EpisodeEvent("e2", "ep", "iris", null, EpisodeState.EVALUATING, 2, "", null), 1);
        m.error("iris", EpisodeState.values()[0]);
    }

    /** For tools: the names of {@link #services()} in order. */
    public static List<String> serviceNames() {
        return new ArrayList<>(services().keySet());
    }
}
