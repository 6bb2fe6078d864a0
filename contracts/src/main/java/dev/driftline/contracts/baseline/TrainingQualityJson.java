package dev.driftline.contracts.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.JsonFields;
import dev.driftline.contracts.JsonOut;
import dev.driftline.drift.modelquality.ModelQualityFigures;
import dev.driftline.drift.modelquality.ProblemType;
import dev.driftline.drift.modelquality.TrainingQuality;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code model_quality} object of a baseline file ({@link BaselineCodec}):
 * <pre>
 * {"problem_type": "binary_classification", "labelled_rows": 50000, "metric": "accuracy", "value": 0.91,
 *  "metrics": {"accuracy": 0.91, …, "true_positives": 4100, …},   -- as a model-quality window's; undefined = null
 *  "thresholds": {"accuracy": 0.85}}                             -- taken over (SageMaker constraints), else {}
 * </pre>
 */
public final class TrainingQualityJson {
    private TrainingQualityJson() {
    }

    public static ObjectNode toJson(TrainingQuality q) {
        ObjectNode o = JsonOut.object().put("problem_type", q.type().id()).put("labelled_rows", q.labelledRows())
                .put("metric", q.type().primaryMetric());
        JsonOut.figure(o, "value", q.primaryValue());
        ObjectNode metrics = o.putObject("metrics");
        for (Map.Entry<String, Number> e : q.figures().metrics().entrySet()) {
            if (e.getValue() instanceof Long || e.getValue() instanceof Integer) {
                metrics.put(e.getKey(), e.getValue().longValue());
            } else {
                JsonOut.figure(metrics, e.getKey(), e.getValue() == null ? null : e.getValue().doubleValue());
            }
        }
        ObjectNode thresholds = o.putObject("thresholds");
        new java.util.TreeMap<>(q.thresholds()).forEach(thresholds::put);
        return o;
    }

    /** @param where file and path, for messages */
    public static TrainingQuality fromJson(JsonNode o, String where) {
        String typeId = o.path("problem_type").asText("");
        ProblemType type = null;
        for (ProblemType t : ProblemType.values()) {
            if (t.id().equals(typeId)) {
                type = t;
            }
        }
        if (type == null) {
            throw new IllegalArgumentException(where + ": problem_type must be binary_classification, "
                    + "multiclass_classification or regression, not '" + typeId + "'");
        }
        Map<String, Number> metrics = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("metrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            metrics.put(e.getKey(), e.getValue().isIntegralNumber() ? (Number) e.getValue().asLong()
                    : (Number) JsonFields.figure(o.get("metrics"), e.getKey()));
        }
        Number primary = metrics.get(type.primaryMetric());
        if (primary == null || Double.isNaN(primary.doubleValue())) {
            throw new IllegalArgumentException(where + ": metrics has no " + type.primaryMetric());
        }
        Map<String, Double> thresholds = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("thresholds").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException(where + ": thresholds." + e.getKey() + " must be a number");
            }
            thresholds.put(e.getKey(), e.getValue().asDouble());
        }
        long rows = o.path("labelled_rows").asLong(0);
        if (rows < 1) {
            throw new IllegalArgumentException(where + ": labelled_rows must be >= 1");
        }
        return new TrainingQuality(rows, new ModelQualityFigures(type, metrics, primary.doubleValue()), thresholds);
    }
}
