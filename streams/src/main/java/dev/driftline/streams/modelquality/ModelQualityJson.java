package dev.driftline.streams.modelquality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The value of {@code <prefix>model-quality}: the model quality of one (model, inference-time window), JSON (UTF-8),
 * schema version 1, key model, record timestamp = window start.
 * <pre>
 * {"schema_version": 1, "model": "churn",
 *  "window_start": "2026-11-21T10:00:00Z", "window_end": "2026-11-21T10:05:00Z",  -- window of the inference time
 *  "version": 3,                 -- 1, 2, … per emission of this window; keep the highest per (model, window_start)
 *  "problem_type": "binary_classification",   -- or "multiclass_classification", "regression" (ModelQualityFigures)
 *  "labelled_rows": 412,         -- labelled pairs the figures are computed on
 *  "dropped_labels": 0,          -- pairs beyond the per-window cap, not used
 *  "metrics": {"accuracy": 0.91, "precision": …, "recall": …, "f1": …, "auc": …,          -- binary
 *              "true_positive_rate": …, "false_positive_rate": …, "true_positives": 40, "false_positives": …,
 *              "true_negatives": …, "false_negatives": …},
 *             -- multiclass: accuracy, weighted_precision, weighted_recall, weighted_f1
 *             -- regression: mae, mse, rmse, r2;   a figure that is undefined (AUC with one class) is null
 *  "metric": "accuracy",         -- the primary metric: accuracy (classification) or rmse (regression)
 *  "value": 0.91,
 *  "threshold": 0.7,             -- min accuracy / max rmse (ModelQualityConfig), null when there is none
 *  "status": "ok",               -- insufficient_labels | no_reference | degraded | ok (see status)
 *  "updated_at": "2026-11-21T12:00:01.250Z"}   -- wall clock of this emission
 * </pre>
 */
public final class ModelQualityJson {
    public static final int SCHEMA_VERSION = 1;
    public static final String OK = "ok";
    public static final String DEGRADED = "degraded";
    public static final String INSUFFICIENT_LABELS = "insufficient_labels";
    public static final String NO_REFERENCE = "no_reference";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelQualityJson() {
    }

    /** What one emission of a window says; {@code labelledRows} ≥ 1. */
    public record Window(String model, long windowStart, long windowEnd, int version, long labelledRows,
                         long droppedLabels, long updatedAtMs) {
    }

    /**
     * The status, in this order: fewer than {@code minLabels} labelled rows → {@code insufficient_labels} (too few to
     * judge, whatever the threshold); no threshold → {@code no_reference}; primary metric worse than the threshold
     * (accuracy below it, RMSE above it) → {@code degraded}; else {@code ok}.
     */
    public static String status(ModelQualityFigures f, long labelledRows, Optional<Double> threshold, int minLabels) {
        if (labelledRows < minLabels) {
            return INSUFFICIENT_LABELS;
        }
        if (threshold.isEmpty()) {
            return NO_REFERENCE;
        }
        return f.type().worse(f.value(), threshold.get()) ? DEGRADED : OK;
    }

    public static byte[] toJson(Window w, ModelQualityFigures f, ModelQualityConfig config) {
        Optional<Double> threshold = config.thresholdFor(w.model(), f.type());
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("model", w.model());
        root.put("window_start", Instant.ofEpochMilli(w.windowStart()).toString());
        root.put("window_end", Instant.ofEpochMilli(w.windowEnd()).toString());
        root.put("version", w.version());
        root.put("problem_type", f.type().id());
        root.put("labelled_rows", w.labelledRows());
        root.put("dropped_labels", w.droppedLabels());
        ObjectNode metrics = root.putObject("metrics");
        for (Map.Entry<String, Number> e : f.metrics().entrySet()) {
            putNumber(metrics, e.getKey(), e.getValue());
        }
        root.put("metric", f.type().primaryMetric());
        putNumber(root, "value", f.value());
        if (threshold.isPresent()) {
            root.put("threshold", threshold.get());
        } else {
            root.putNull("threshold");
        }
        root.put("status", status(f, w.labelledRows(), threshold, config.minLabels()));
        root.put("updated_at", Instant.ofEpochMilli(w.updatedAtMs()).toString());
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Whole counts as integers, figures as doubles, NaN/infinite (undefined) as null: JSON has no NaN. */
    private static void putNumber(ObjectNode o, String name, Number v) {
        if (v instanceof Long l) {
            o.put(name, l);
        } else if (v == null || !Double.isFinite(v.doubleValue())) {
            o.putNull(name);
        } else {
            o.put(name, v.doubleValue());
        }
    }
}
