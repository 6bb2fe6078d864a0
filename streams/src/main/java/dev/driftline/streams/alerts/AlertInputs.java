package dev.driftline.streams.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.alerts.AlertDetails;
import dev.driftline.contracts.drift.DriftReport;
import dev.driftline.contracts.figures.FigureRegistry;
import dev.driftline.contracts.modelquality.ModelQualityCodec;
import dev.driftline.contracts.modelquality.ModelQualityWindow;
import dev.driftline.drift.dataquality.Violation;
import dev.driftline.drift.decision.FeatureDecision;
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
            Outcome outcome = FeatureDecision.Status.DRIFT.id().equals(status) ? Outcome.BAD
                    : FeatureDecision.Status.NO_DRIFT.id().equals(status) ? Outcome.CLEAN : Outcome.NOT_JUDGED;
            String metric = f.method() == null ? null
                    : FigureRegistry.decisionFigure(f.method(), f.type()).orElse(f.method());
            ObjectNode details = AlertDetails.drift(r.revision(), f.method(), status, f.role(), r.rows(),
                    r.datasetDrift(), r.driftedShare());
            out.add(new Verdict(kind, e.getKey(), r.windowStart(), r.windowEnd(), r.revision(), outcome,
                    metric, metric == null ? null : finite(f.figure(metric)), finite(f.threshold()),
                    r.datasetDrift(), details));
        }
        return out;
    }

    /**
     * The verdict on a column with an open drift alert that an evaluated report, judged against a baseline created
     * after the alert opened, no longer compares (the model's new baseline, say after a retraining, has no such column): clean, with status {@value #NOT_COMPARED}, so the alert
     * resolves as any other would after {@code resolve-after} such windows instead of staying open for ever.
     */
    static Verdict notCompared(DriftReport r, AlertKind kind, String feature) {
        ObjectNode details = AlertDetails.drift(r.revision(), null, NOT_COMPARED,
                kind == AlertKind.PREDICTION_DRIFT ? "prediction" : "feature", r.rows(), r.datasetDrift(),
                r.driftedShare());
        return new Verdict(kind, feature, r.windowStart(), r.windowEnd(), r.revision(), Outcome.CLEAN, null, null,
                null, r.datasetDrift(), details);
    }

    /** Status in an alert's details when its column is not compared any more. */
    static final String NOT_COMPARED = "not_compared";

    /**
     * The data-quality verdicts of an evaluated report: a column with violations is bad, every other column of
     * {@code columns} (the report's compared columns plus those already in the state) is clean — the checks ran on all
     * of them.
     */
    static List<Verdict> qualityVerdicts(DriftReport r, Collection<String> columns) {
        Map<String, List<Violation>> violations = new LinkedHashMap<>();
        for (Violation v : r.violations()) {
            String feature = v.featureName() == null ? "" : v.featureName();
            violations.computeIfAbsent(feature, k -> new ArrayList<>()).add(v);
        }
        Map<String, List<Violation>> all = new LinkedHashMap<>(violations);
        r.features().keySet().forEach(f -> all.putIfAbsent(f, null));
        columns.forEach(f -> all.putIfAbsent(f, null));
        List<Verdict> out = new ArrayList<>();
        for (Map.Entry<String, List<Violation>> e : all.entrySet()) {
            List<Violation> found = e.getValue();
            ObjectNode details = AlertDetails.dataQuality(r.revision(), found == null ? List.of() : found);
            String metric = found == null ? null : found.get(0).constraintCheckType();
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
        ObjectNode details = AlertDetails.modelQuality(w.version(), status, w.problemType(), w.labelledRows(),
                ModelQualityCodec.metrics(w));
        return new Verdict(AlertKind.MODEL_QUALITY, null, w.windowStart(), w.windowEnd(), w.version(), outcome,
                w.metric(), finite(w.value()), w.threshold(), false, details);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
