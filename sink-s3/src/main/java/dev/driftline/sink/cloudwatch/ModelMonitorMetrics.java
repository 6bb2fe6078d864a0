package dev.driftline.sink.cloudwatch;

import dev.driftline.contracts.drift.DriftReport;
import dev.driftline.contracts.modelquality.ModelQualityWindow;
import dev.driftline.drift.dataquality.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Turns evaluated windows into CloudWatch data in SageMaker Model Monitor's names, timestamped at the window's end:
 * <ul>
 *   <li>drift report → {@code feature_baseline_drift_<feature>} (the KS statistic of numeric columns, the L-infinity
 *       distance of categorical ones: what Model Monitor's {@code baseline_drift_check} compares with its threshold;
 *       another figure of the report when those are undefined), {@code feature_non_null_<feature>} (the share of
 *       present values, the completeness Model Monitor checks), and optionally
 *       {@code constraint_violations_<check type>};</li>
 *   <li>model-quality window → each defined figure ({@code accuracy}, {@code precision}, {@code recall}, {@code f1},
 *       {@code auc}, … / {@code mae}, {@code mse}, {@code rmse}, {@code r2}) under its Model Monitor name.</li>
 * </ul>
 * Undefined (NaN, infinite) figures are left out: CloudWatch refuses them.
 */
public final class ModelMonitorMetrics {
    private final MetricNaming naming;

    public ModelMonitorMetrics(MetricNaming naming) {
        this.naming = naming;
    }

    /** The data of an evaluated report; none for a window without a baseline. */
    public List<Datum> drift(DriftReport r) {
        List<Datum> out = new ArrayList<>();
        if (!r.evaluated()) {
            return out;
        }
        Instant at = Instant.ofEpochMilli(r.windowEnd());
        for (Map.Entry<String, DriftReport.FeatureDrift> e : r.features().entrySet()) {
            DriftReport.FeatureDrift f = e.getValue();
            double drift = driftFigure(f);
            if (defined(drift)) {
                out.add(data(r.model(), MetricNaming.DRIFT_PREFIX + e.getKey(), drift, at, null));
            }
            if (r.rows() > 0) {
                double present = Math.max(0.0, 1.0 - (double) f.missingCurrent() / r.rows());
                out.add(data(r.model(), MetricNaming.NON_NULL_PREFIX + e.getKey(), present, at, null));
            }
        }
        if (naming.violationCounts()) {
            Map<String, Integer> byCheck = new TreeMap<>();
            for (Violation v : r.violations()) {
                byCheck.merge(v.constraintCheckType(), 1, Integer::sum);
            }
            byCheck.forEach((check, n) -> out.add(
                    data(r.model(), MetricNaming.VIOLATIONS_PREFIX + check, n, at, StandardUnit.COUNT)));
        }
        return out;
    }

    /** The data of a model-quality window; none for a per-version window unless a version dimension is configured. */
    public List<Datum> modelQuality(ModelQualityWindow w) {
        List<Datum> out = new ArrayList<>();
        if (ModelQualityWindow.INSUFFICIENT_LABELS.equals(w.status())
                || (!w.allVersions() && naming.versionDimension().isEmpty())) {
            return out;
        }
        Instant at = Instant.ofEpochMilli(w.windowEnd());
        w.metrics().forEach((name, value) -> {
            if (value instanceof Double d && defined(d)) {
                MetricDatum.Builder b = MetricDatum.builder().metricName(name).value(d).timestamp(at)
                        .unit(StandardUnit.NONE);
                var dims = new ArrayList<>(naming.dimensions(w.model()));
                if (!w.allVersions()) {
                    dims.add(software.amazon.awssdk.services.cloudwatch.model.Dimension.builder()
                            .name(naming.versionDimension()).value(w.modelVersion()).build());
                }
                out.add(new Datum(naming.qualityNamespace(), b.dimensions(dims).build()));
            }
        });
        return out;
    }

    /** Model Monitor's drift distance: KS statistic (numeric), L-infinity (categorical), else the first defined. */
    static double driftFigure(DriftReport.FeatureDrift f) {
        double preferred = f.figure(f.numeric() ? "ks_statistic" : "linf");
        if (defined(preferred)) {
            return preferred;
        }
        return f.figures().values().stream().filter(v -> v != null && defined(v)).findFirst().orElse(Double.NaN);
    }

    private Datum data(String model, String metric, double value, Instant at, StandardUnit unit) {
        return new Datum(naming.dataNamespace(), MetricDatum.builder().metricName(metric).value(value).timestamp(at)
                .unit(unit == null ? StandardUnit.NONE : unit).dimensions(naming.dimensions(model)).build());
    }

    static boolean defined(double v) {
        return !Double.isNaN(v) && !Double.isInfinite(v);
    }
}
