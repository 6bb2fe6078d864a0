package dev.driftline.sink.rows;

import static dev.driftline.sink.rows.JsonFields.intValue;
import static dev.driftline.sink.rows.JsonFields.longValue;
import static dev.driftline.sink.rows.JsonFields.optBool;
import static dev.driftline.sink.rows.JsonFields.optLong;
import static dev.driftline.sink.rows.JsonFields.optText;
import static dev.driftline.sink.rows.JsonFields.optTime;
import static dev.driftline.sink.rows.JsonFields.text;
import static dev.driftline.sink.rows.JsonFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.sink.LakeTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code drift} (DriftReportJson v1) → {@code drift_metrics}: one row per feature × figure, each carrying the
 * feature's method, threshold and decision, so "value vs threshold over time" is one SELECT. A report without a
 * baseline, or a feature without figures, gives one row with the figure (and feature) null, so every report is in
 * the table.
 *
 * <p>{@code is_decision_metric} marks the figure the verdict was decided on: method {@code ks} decides on
 * {@code ks_pvalue}, {@code chi2} on {@code chi2_pvalue}, {@code baseline_drift_check} on {@code ks_statistic}
 * (numeric) or {@code linf} (categorical), every other method on the figure of its own name.
 */
final class DriftMetricRows implements TableRows {

    /** Numeric fields of a feature entry that are counts or settings, not figures. */
    private static final Set<String> NOT_FIGURES = Set.of("n_reference", "n_current", "threshold", "missing_current",
            "type_mismatches_current");

    @Override
    public List<LakeRow> rows(SourceRecord r) throws BadRecordException {
        JsonNode o = JsonFields.object(r, 1);
        String model = text(o, "model");
        long start = time(o, "window_start");
        Report report = new Report(start, time(o, "window_end"), intValue(o, "revision"), longValue(o, "rows"),
                text(o, "status"), optTime(o, "baseline_created_at"), optText(o.path("reference"), "mode"),
                JsonFields.bool(o, "dataset_drift"), Figures.opt(o, "drifted_share"),
                JsonFields.json(o, "violations", true));
        JsonNode features = o.path("features");
        List<LakeRow> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = features.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode f = e.getValue();
            String kind = optText(f, "type");
            String method = optText(f, "method");
            String decisionMetric = decisionMetric(method, kind);
            Feature feature = new Feature(e.getKey(), optText(f, "role"), kind, optLong(f, "n_reference"),
                    optLong(f, "n_current"), method, Figures.opt(f, "threshold"), optText(f, "status"),
                    optBool(f, "drift"));
            int before = out.size();
            for (Iterator<Map.Entry<String, JsonNode>> fields = f.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> m = fields.next();
                if (NOT_FIGURES.contains(m.getKey()) || !Figures.isFigure(m.getValue())) {
                    continue;
                }
                out.add(row(r, model, report, feature, m.getKey(), Figures.opt(f, m.getKey()),
                        m.getKey().equals(decisionMetric)));
            }
            if (out.size() == before) {
                out.add(row(r, model, report, feature, null, null, null));
            }
        }
        if (out.isEmpty()) {
            out.add(row(r, model, report, new Feature(null, null, null, null, null, null, null, null, null), null,
                    null, null));
        }
        return out;
    }

    /** The figure a method decides on, for a numeric or categorical feature. */
    static String decisionMetric(String method, String kind) {
        if (method == null) {
            return null;
        }
        return switch (method) {
            case "ks" -> "ks_pvalue";
            case "chi2" -> "chi2_pvalue";
            case "baseline_drift_check" -> "categorical".equals(kind) ? "linf" : "ks_statistic";
            default -> method;
        };
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
