package dev.driftline.contracts.drift;

import dev.driftline.drift.compare.ComparisonReport;
import dev.driftline.drift.compare.FeatureComparison;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.drift.decision.FeatureDecision;
import dev.driftline.contracts.figures.DriftFigure;
import dev.driftline.contracts.figures.FigureRegistry;
import dev.driftline.drift.metrics.NumericDriftFigures;

/**
 * The JSON form of a {@link ComparisonReport} (the output of {@code driftline drift compare --format json}; the
 * figures are the built-in ones of the {@link FigureRegistry}, in its order), keys in snake_case exactly as in the reference vectors:
 * {@code {"features": {"<column>": {"type", "n_reference", "n_current", <figures>, "method", "threshold",
 * "status", "drift"}}, "dataset_drift", "drifted_share", "violations": [...]}}.
 */
public final class ComparisonJson {
    private ComparisonJson() {
    }

    public static ObjectNode toJson(ComparisonReport report, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode features = root.putObject("features");
        report.features().forEach((name, fc) -> features.set(name, feature(fc, mapper)));
        root.put("dataset_drift", report.decision().datasetDrift());
        root.put("drifted_features", report.decision().drifted());
        root.put("judged_features", report.decision().judged());
        root.put("drifted_share", report.decision().driftedShare());
        root.put("mode", report.sketchMode() ? "sketch" : "exact");
        root.set("violations", ViolationJson.toJson(report.violations()));
        return root;
    }

    /**
     * One feature's entry of {@code "features"}: type, n_reference, n_current, the figures, feature_type,
     * missing_current, type_mismatches_current, method, threshold, status, drift. Public so that other reports
     * (e.g. the streaming drift report) spell a feature exactly as the comparison does.
     */
    public static ObjectNode feature(FeatureComparison fc, ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        boolean numeric = fc.figures() instanceof NumericDriftFigures;
        o.put("type", numeric ? "numeric" : "categorical");
        o.put("n_reference", fc.figures().nReference());
        o.put("n_current", fc.figures().nCurrent());
        FigureRegistry.builtIn(fc.figures()).forEach((name, value) -> {
            if (FigureRegistry.byName(name).orElseThrow().kind() == DriftFigure.Kind.COUNT) {
                o.put(name, value.intValue());
            } else {
                o.put(name, value.doubleValue());
            }
        });
        if (fc.figures() instanceof NumericDriftFigures n) {
            ArrayNode edges = o.putArray("bin_edges");
            n.binEdges().forEach(edges::add);
        }
        o.put("feature_type", fc.type().name().toLowerCase(java.util.Locale.ROOT));
        o.put("missing_current", fc.missingCurrent());
        o.put("type_mismatches_current", fc.mismatchesCurrent());
        FeatureDecision d = fc.decision();
        o.put("method", d.method().id());
        if (Double.isNaN(d.threshold())) {
            o.putNull("threshold");
        } else {
            o.put("threshold", d.threshold());
        }
        o.put("status", d.status().id());
        o.put("drift", d.drift());
        return o;
    }
}
