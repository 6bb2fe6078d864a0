package dev.driftline.streams.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.JsonOut;
import dev.driftline.contracts.drift.DriftReport;
import dev.driftline.contracts.figures.FigureRegistry;
import dev.driftline.contracts.modelquality.ModelQualityCodec;
import dev.driftline.contracts.modelquality.ModelQualityWindow;
import dev.driftline.drift.dataquality.Violation;
import dev.driftline.streams.alerts.Verdict.Outcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the verdicts out of the two inputs: a {@link DriftReport} (one data_drift / prediction_drift verdict per
 * compared column, one data_quality verdict per column) and a {@link ModelQualityWindow} (one model_quality
 * verdict).
 */
final class AlertInputs {
    private AlertInputs() {
    }

    /**
     * The drift verdicts of every compared column: {@code status} {@code drift} is bad, {@code no_drift} clean, and
     * anything else ({@code insufficient_data}: fewer rows than the policy's minimum) is not judged. The metric is the
     * figure the column's method decides on ({@link FigureRegistry#decisionFigure}).
     */
    static List<Verdict> driftVerdicts(DriftReport r) {
        List<Verdict> out = new ArrayList<>();
        for (Map.Entry<String, DriftReport.FeatureDrift> e : r.features().entrySet()) {
            DriftReport.FeatureDrift f = e.getValue();
            AlertKind kind = "prediction".equals(f.role()) ? AlertKind.PREDICTION_DRIFT : AlertKind.DATA_DRIFT;
            String status = f.status();
            Outcome outcome = "drift".equals(status) ? Outcome.BAD
                    : "no_drift".equals(status) ? Outcome.CLEAN : Outcome.NOT_JUDGED;
            String metric = f.method() == null ? null
                    : FigureRegistry.decisionFigure(f.method(), f.type()).orElse(f.method());
            ObjectNode details = JsonOut.object().put("revision", (long) r.revision()).put("method", f.method())
                    .put("status", status).put("role", f.role()).put("rows", r.rows())
                    .put("dataset_drift", r.datasetDrift());
            JsonOut.figure(details, "drifted_share", r.driftedShare());
            out.add(new Verdict(kind, e.getKey(), r.windowStart(), r.windowEnd(), r.revision(), outcome,
                    metric, metric == null ? null : finite(f.figure(metric)), finite(f.threshold()),
                    r.datasetDrift(), details));
        }
        return out;
    }

    /**
     * The data-quality verdicts of an evaluated report: a column with violations is bad, every other column of
     * {@code columns} (the report's compared columns plus those already in the state) is clean — the checks ran on all
     * of them.
     */
    static List<Verdict> qualityVerdicts(DriftReport r, Collection<String> columns) {
        Map<String, ArrayNode> violations = new LinkedHashMap<>();
        for (Violation v : r.violations()) {
            String feature = v.featureName() == null ? "" : v.featureName();
            ObjectNode entry = JsonOut.object().put("constraint_check_type", v.constraintCheckType())
                    .put("description", v.description());
            violations.computeIfAbsent(feature, k -> JsonOut.mapper().createArrayNode()).add(entry);
        }
        Map<String, ArrayNode> all = new LinkedHashMap<>(violations);
        r.features().keySet().forEach(f -> all.putIfAbsent(f, null));
        columns.forEach(f -> all.putIfAbsent(f, null));
        List<Verdict> out = new ArrayList<>();
        for (Map.Entry<String, ArrayNode> e : all.entrySet()) {
            ArrayNode found = e.getValue();
            ObjectNode details = JsonOut.object().put("revision", (long) r.revision());
            details.set("violations", found == null ? JsonOut.mapper().createArrayNode() : found);
            String metric = found == null ? null : found.get(0).path("constraint_check_type").asText(null);
            out.add(new Verdict(AlertKind.DATA_QUALITY, e.getKey(), r.windowStart(), r.windowEnd(), r.revision(),
                    found == null ? Outcome.CLEAN : Outcome.BAD, metric, null, null, false, details));
        }
        return out;
    }

    /**
     * The verdict of a model-quality window: {@code degraded} is bad, {@code ok} clean, anything else
     * ({@code insufficient_labels}, {@code no_reference}) not judged; {@code version} orders re-computations.
     */
    static Verdict modelQuality(ModelQualityWindow w) {
        String status = w.status();
        Outcome outcome = ModelQualityWindow.DEGRADED.equals(status) ? Outcome.BAD
                : ModelQualityWindow.OK.equals(status) ? Outcome.CLEAN : Outcome.NOT_JUDGED;
        ObjectNode details = JsonOut.object().put("version", (long) w.version()).put("status", status)
                .put("problem_type", w.problemType()).put("labelled_rows", w.labelledRows());
        details.set("metrics", ModelQualityCodec.metrics(w));
        return new Verdict(AlertKind.MODEL_QUALITY, null, w.windowStart(), w.windowEnd(), w.version(), outcome,
                w.metric(), finite(w.value()), w.threshold(), false, details);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
