package dev.driftline.drift.baseline.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.drift.modelquality.ModelQualityFigures;
import dev.driftline.drift.modelquality.ProblemType;
import dev.driftline.drift.modelquality.TrainingQuality;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A model's training-time quality as SageMaker Model Monitor's model-quality baseline files, both ways:
 * <pre>
 * statistics.json   {"version": 0.0, "dataset": {"item_count": 50000},
 *                    "regression_metrics": {"mae": {"value": 2.4, "standard_deviation": null}, "rmse": …, …}}
 * constraints.json  {"version": 0.0,
 *                    "regression_constraints": {"rmse": {"threshold": 3.7, "comparison_operator": "GreaterThanThreshold"}}}
 * </pre>
 * Sections are {@code binary_classification_*}, {@code multiclass_classification_*} and {@code regression_*}, as our
 * {@link ProblemType} ids. The export's constraint is the metric driftline judges (accuracy or RMSE) at the limit
 * driftline would use by default (the training value with {@link TrainingQuality#defaultTolerance()}, or a limit
 * taken over earlier), so a Model Monitor schedule fed with it alerts where driftline does; SageMaker suggests the
 * training value itself, which fires on any window slightly worse than training. The import takes every metric of
 * statistics.json and every threshold of constraints.json (only the primary metric's is used for judging). Standard
 * deviations are not computed (null); binary statistics carry SageMaker's {@code confusion_matrix}.
 */
public final class SageMakerModelQuality {
    public static final String METRICS_SUFFIX = "_metrics";
    public static final String CONSTRAINTS_SUFFIX = "_constraints";

    private SageMakerModelQuality() {
    }

    /** The model-quality statistics.json of {@code q}. */
    public static ObjectNode statistics(TrainingQuality q, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("version", 0.0);
        root.putObject("dataset").put("item_count", q.labelledRows());
        ObjectNode metrics = root.putObject(q.type().id() + METRICS_SUFFIX);
        Map<String, Number> m = q.figures().metrics();
        if (q.type() == ProblemType.BINARY && m.get("true_positives") != null) {
            ObjectNode cm = metrics.putObject("confusion_matrix");
            cm.putObject("0").put("0", m.get("true_negatives").longValue()).put("1", m.get("false_positives").longValue());
            cm.putObject("1").put("0", m.get("false_negatives").longValue()).put("1", m.get("true_positives").longValue());
        }
        for (Map.Entry<String, Number> e : m.entrySet()) {
            if (e.getValue() instanceof Long || e.getValue() == null) {
                continue; // the counts are the confusion matrix
            }
            ObjectNode v = metrics.putObject(e.getKey());
            double d = e.getValue().doubleValue();
            if (Double.isFinite(d)) {
                v.put("value", d);
            } else {
                v.putNull("value");
            }
            v.putNull("standard_deviation");
        }
        return root;
    }

    /** The model-quality constraints.json of {@code q}: its primary metric at {@link #exportedLimit}. */
    public static ObjectNode constraints(TrainingQuality q, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("version", 0.0);
        String metric = q.type().primaryMetric();
        root.putObject(q.type().id() + CONSTRAINTS_SUFFIX).putObject(metric).put("threshold", exportedLimit(q))
                .put("comparison_operator", q.type().higherIsBetter() ? "LessThanThreshold" : "GreaterThanThreshold");
        return root;
    }

    /** The primary metric's limit: one taken over with the baseline, else the default relative one. */
    public static double exportedLimit(TrainingQuality q) {
        Double taken = q.thresholds().get(q.type().primaryMetric());
        return taken != null ? taken : q.relativeLimit(q.defaultTolerance());
    }

    /**
     * The training-time quality of a model-quality statistics.json (and its thresholds from constraints.json, if
     * given); fails naming the file and JSON path.
     */
    public static TrainingQuality read(JsonNode statistics, String statisticsFile, Optional<JsonNode> constraints,
                                       String constraintsFile) {
        JsonField root = JsonField.root(statisticsFile, statistics);
        ProblemType type = null;
        JsonField section = null;
        for (ProblemType t : ProblemType.values()) {
            Optional<JsonField> s = root.optional(t.id() + METRICS_SUFFIX);
            if (s.isPresent()) {
                if (type != null) {
                    throw root.fail("has metrics of two problem types: " + type.id() + " and " + t.id());
                }
                type = t;
                section = s.get();
            }
        }
        if (type == null) {
            throw root.fail("no model-quality metrics (binary_classification_metrics, "
                    + "multiclass_classification_metrics or regression_metrics); is this a data-quality file?");
        }
        Map<String, Number> metrics = new LinkedHashMap<>();
        for (String name : section.fieldNames()) {
            if (name.equals("confusion_matrix")) {
                continue;
            }
            Optional<JsonField> value = section.object(name).optional("value");
            if (value.isPresent()) {
                metrics.put(name, value.get().number());
            }
        }
        Number primary = metrics.get(type.primaryMetric());
        if (primary == null) {
            throw section.fail("has no " + type.primaryMetric() + " value, the metric driftline judges "
                    + type.id() + " by");
        }
        long rows = root.object("dataset").required("item_count").count();
        if (rows < 1) {
            throw root.fail("dataset.item_count must be >= 1");
        }
        Map<String, Double> thresholds = new LinkedHashMap<>();
        if (constraints.isPresent()) {
            JsonField c = JsonField.root(constraintsFile, constraints.get());
            String sectionName = type.id() + CONSTRAINTS_SUFFIX;
            JsonField limits = c.optional(sectionName).orElseThrow(() -> c.fail("no " + sectionName
                    + " for the statistics' problem type"));
            for (String name : limits.fieldNames()) {
                thresholds.put(name, limits.object(name).required("threshold").number());
            }
        }
        return new TrainingQuality(rows, new ModelQualityFigures(type, metrics, primary.doubleValue()), thresholds);
    }
}
