package dev.driftline.streams.meters;

import dev.driftline.contracts.drift.DriftReport;
import dev.driftline.contracts.figures.DriftFigure;
import dev.driftline.contracts.figures.FigureRegistry;
import dev.driftline.drift.dataquality.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pipeline's Micrometer meters (served on {@code /metrics} as Prometheus text), fed by {@link MetersTopology}
 * from the pipeline's own output topics. Names are dotted, in base units; tags are bounded (model, feature, metric,
 * kind, check, reason — features come from the models' baselines, reasons and checks from fixed code lists).
 * <ul>
 *   <li>{@code driftline.feature.drift.score} {model, feature, metric}: latest window's figure per feature, one
 *   series per figure the {@code FigureRegistry} marks as a score (ks_statistic, psi, wasserstein_norm, jensen_shannon, hellinger,
 *   linf; p-values excluded: they are not scores).</li>
 *   <li>{@code driftline.model.drift.score} {model}: latest window's share of judged features (inputs and
 *   predictions) that drift, 0..1; the dataset-drift decision is share ≥ 0.5 by default.</li>
 *   <li>{@code driftline.window.rows} {model}: rows of the latest evaluated window;
 *   {@code driftline.windows.evaluated} {model}: windows evaluated (first revisions).</li>
 *   <li>{@code driftline.violations} {model, check}: data-quality violations (first revisions).</li>
 *   <li>{@code driftline.alerts.open} {model, kind}: alerts open now; {@code driftline.alert.transitions} {model, kind,
 *   state}: alert transitions.</li>
 *   <li>{@code driftline.deadletter.records} {reason}: records routed to the dead-letter topic.</li>
 *   <li>{@code driftline.pipeline.lag} (timer, seconds): wall time from a window's end (event time) to its drift
 *   report — the end-to-end delay including grace and settle; with live traffic a few tens of seconds.</li>
 *   <li>{@code driftline.serving.*} {model[, kind]}: serving health from the logger's traffic ({@link ServingMeters}).</li>
 * </ul>
 */
public final class PipelineMeters {
    private final MeterRegistry registry;
    private final Map<GaugeKey, AtomicDoubleBits> gauges = new ConcurrentHashMap<>();
    private final Map<Tags, AtomicLong> openAlerts = new ConcurrentHashMap<>();
    private final Timer lag;
    private final ServingMeters serving;

    public PipelineMeters(MeterRegistry registry) {
        this.registry = registry;
        this.lag = Timer.builder("driftline.pipeline.lag").description("Window end (event time) to drift report")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.serving = new ServingMeters(registry);
    }

    /** The serving-health meters, fed by the pairing stage. */
    public ServingMeters serving() {
        return serving;
    }

    /** Binds {@code driftline.late.records} {reason} to the window profiler's late-record counts. */
    public static void bindLateRecords(dev.driftline.streams.window.LateRecords late, MeterRegistry registry) {
        for (String reason : dev.driftline.streams.window.LateRecords.REASONS) {
            io.micrometer.core.instrument.FunctionCounter.builder("driftline.late.records", late, l -> l.get(reason))
                    .tag("reason", reason)
                    .description("Late rows: after_grace dropped, after_wall_close counted in a follow-up partial, "
                            + "after_merge_retention dropped by the merge")
                    .register(registry);
        }
    }

    /** A drift report ({@code DriftReport}) was produced at wall time {@code nowMs}. */
    public void onDriftReport(DriftReport report, long nowMs) {
        String model = report.model();
        if (!report.evaluated()) {
            return;
        }
        boolean first = report.revision() <= 1;
        report.features().forEach((feature, f) -> {
            for (Map.Entry<String, Double> e : f.figures().entrySet()) {
                if (isScore(e.getKey()) && Double.isFinite(e.getValue())) {
                    gauge("driftline.feature.drift.score", "Latest window's drift figure per feature",
                            model, feature, e.getKey()).set(e.getValue());
                }
            }
        });
        gauge("driftline.model.drift.score", "Share of judged features drifting in the latest window",
                model, null, null).set(report.driftedShare());
        gauge("driftline.window.rows", "Rows of the latest evaluated window", model, null, null)
                .set(report.rows());
        if (first) {
            Counter.builder("driftline.windows.evaluated").tag("model", model)
                    .description("Windows evaluated (first revisions)").register(registry).increment();
            for (Violation v : report.violations()) {
                Counter.builder("driftline.violations").tag("model", model)
                        .tag("check", v.constraintCheckType()).description("Data-quality violations (first revisions)")
                        .register(registry).increment();
            }
            lag.record(Duration.ofMillis(Math.max(0, nowMs - report.windowEnd())));
        }
    }

    /**
     * A model-quality window: each of its figures (accuracy, f1, rmse, …) as {@code driftline.model.quality}
     * {model, metric}, the latest window's value. Per-version windows (canaries) and windows without enough labels
     * are left out: the series is the model's quality as its alerts judge it.
     */
    public void onModelQuality(dev.driftline.contracts.modelquality.ModelQualityWindow w) {
        if (!w.modelVersion().isEmpty()
                || dev.driftline.contracts.modelquality.ModelQualityWindow.INSUFFICIENT_LABELS.equals(w.status())) {
            return;
        }
        w.metrics().forEach((metric, v) -> {
            if (v instanceof Double d && Double.isFinite(d)) { // whole counts (labelled rows, …) are not figures
                gauge("driftline.model.quality", "Latest model-quality window's figures (from delayed labels)",
                        w.model(), null, metric).set(d);
            }
        });
    }

    /** Whether a figure is published as a drift score (the registry says; p-values and counts are not scores). */
    private static boolean isScore(String figure) {
        return FigureRegistry.byName(figure).map(DriftFigure::score).orElse(false);
    }

    /** An alert changed state ({@code open} / {@code resolved}); {@code openNow} is the new count for its key. */
    public void onAlert(String model, String kind, String state, long openNow) {
        Counter.builder("driftline.alert.transitions").tag("model", model).tag("kind", kind).tag("state", state)
                .description("Alert transitions (open, resolved)").register(registry).increment();
        setOpenAlerts(model, kind, openNow);
    }

    /** Sets the open-alert gauge of (model, kind) (also used to restore it from state after a restart). */
    public void setOpenAlerts(String model, String kind, long openNow) {
        openAlerts.computeIfAbsent(Tags.of("model", model, "kind", kind), t -> {
            AtomicLong a = new AtomicLong();
            Gauge.builder("driftline.alerts.open", a, AtomicLong::get).tags(t).description("Alerts open now")
                    .register(registry);
            return a;
        }).set(openNow);
    }

    /** A record was routed to the dead-letter topic for {@code reason}. */
    public void onDeadLetter(String reason) {
        Counter.builder("driftline.deadletter.records").tag("reason", reason == null ? "unknown" : reason)
                .description("Records routed to the dead-letter topic").register(registry).increment();
    }

    /**
     * The gauge {@code name} {model[, feature][, metric]} (null: no such tag). Looked up by a plain key, and its Tags
     * built only when it is registered: a report sets a gauge per feature and figure, and building and hashing sorted
     * Tags for each was most of the meters' share of the stream thread with a thousand models (JFR).
     */
    private AtomicDoubleBits gauge(String name, String description, String model, String feature, String metric) {
        return gauges.computeIfAbsent(new GaugeKey(name, model, feature, metric), k -> {
            Tags tags = Tags.of("model", model);
            tags = feature == null ? tags : tags.and("feature", feature);
            tags = metric == null ? tags : tags.and("metric", metric);
            AtomicDoubleBits holder = new AtomicDoubleBits();
            Gauge.builder(name, holder, AtomicDoubleBits::get).tags(tags).description(description)
                    .register(registry);
            return holder;
        });
    }

    private record GaugeKey(String name, String model, String feature, String metric) {
    }

    /** A double gauge value (Micrometer gauges read a number from an object they hold weakly). */
    static final class AtomicDoubleBits {
        private final AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));

        void set(double v) {
            bits.set(Double.doubleToLongBits(v));
        }

        double get() {
            return Double.longBitsToDouble(bits.get());
        }
    }
}
