package dev.driftline.sink.rows;

import dev.driftline.contracts.drift.DriftReport;
import dev.driftline.contracts.drift.DriftReportCodec;
import dev.driftline.contracts.figures.FigureRegistry;
import dev.driftline.sink.LakeTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code drift} ({@link DriftReportCodec}) → {@code drift_metrics}: one row per feature × figure, each carrying the
 * feature's method, threshold and decision, so "value vs threshold over time" is one SELECT. A report without a
 * baseline, or a feature without figures, gives one row with the figure (and feature) null, so every report is in
 * the table. Every figure the report carries becomes a row, including figures registered after this class was
 * written ({@link FigureRegistry}).
 *
 * <p>{@code is_decision_metric} marks the figure the verdict was decided on
 * ({@link FigureRegistry#decisionFigure}): method {@code ks} decides on {@code ks_pvalue}, {@code chi2} on
 * {@code chi2_pvalue}, {@code baseline_drift_check} on {@code ks_statistic} (numeric) or {@code linf}
 * (categorical), every other method on the figure of its own name.
 */
final class DriftMetricRows implements TableRows {

    @Override
    public List<LakeRow> rows(SourceRecord r) throws BadRecordException {
        DriftReport d = TableRows.decode(r, DriftReportCodec.INSTANCE);
        Report report = new Report(d.windowStart(), d.windowEnd(), d.revision(), d.rows(), d.status().id(),
                d.baselineCreatedAt(), d.reference() == null ? null : d.reference().mode(), d.datasetDrift(),
                TableRows.finite(d.driftedShare()), DriftReportCodec.violationsJson(d.violations()));
        List<LakeRow> out = new ArrayList<>();
        for (Map.Entry<String, DriftReport.FeatureDrift> e : d.features().entrySet()) {
            DriftReport.FeatureDrift f = e.getValue();
            String decisionFigure = decisionMetric(f.method(), f.type());
            Feature feature = new Feature(e.getKey(), f.role(), f.type(), f.nReference(), f.nCurrent(), f.method(),
                    TableRows.finite(f.threshold()), f.status(), f.drift());
            for (Map.Entry<String, Double> m : f.figures().entrySet()) {
                out.add(row(r, d.model(), report, feature, m.getKey(), TableRows.finite(m.getValue()),
                        m.getKey().equals(decisionFigure)));
            }
            if (f.figures().isEmpty()) {
                out.add(row(r, d.model(), report, feature, null, null, null));
            }
        }
        if (out.isEmpty()) {
            out.add(row(r, d.model(), report, new Feature(null, null, null, null, null, null, null, null, null), null,
                    null, null));
        }
        return out;
    }

    /** The figure a method decides on for a numeric or categorical feature (the registry's answer). */
    static String decisionMetric(String method, String kind) {
        return method == null ? null : FigureRegistry.decisionFigure(method, kind).orElse(method);
    }

    private static LakeRow row(SourceRecord r, String model, Report p, Feature f, String metric, Double value,
            Boolean isDecision) throws BadRecordException {
        return LakeRow.of(LakeTable.DRIFT_METRICS, model, Instant.ofEpochMilli(p.start), TableRows.withSource(r,
                p.start, p.end, p.revision, p.rows, p.status, p.baselineCreatedAt, p.referenceMode, f.name, f.role,
                f.kind, f.nReference, f.nCurrent, metric, value, f.method, isDecision, f.threshold, f.decision,
                f.drift, p.datasetDrift, p.driftedShare, p.violations));
    }

    private record Report(long start, long end, int revision, long rows, String status, Long baselineCreatedAt,
                          String referenceMode, boolean datasetDrift, Double driftedShare, String violations) {
    }

    private record Feature(String name, String role, String kind, Long nReference, Long nCurrent, String method,
                           Double threshold, String decision, Boolean drift) {
    }
}
