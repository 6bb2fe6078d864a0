package dev.driftline.contracts.modelquality;

import static dev.driftline.contracts.JsonFields.intValue;
import static dev.driftline.contracts.JsonFields.longValue;
import static dev.driftline.contracts.JsonFields.text;
import static dev.driftline.contracts.JsonFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.Codec;
import dev.driftline.contracts.JsonFields;
import dev.driftline.contracts.JsonOut;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link ModelQualityWindow} as JSON (UTF-8), schema version 1, key model, record timestamp = window start.
 * <pre>
 * {"schema_version": 1, "model": "churn",
 *  "window_start": "2026-11-21T10:00:00Z", "window_end": "2026-11-21T10:05:00Z",  -- window of the inference time
 *  "model_version": "",          -- "" = all the model's versions; else the one version this window counts (only
 *                                -- emitted while the window saw two or more versions); absent in older records = ""
 *  "version": 3,                 -- 1, 2, … per emission of this window; keep the highest per
 *                                -- (model, model_version, window_start)
 *  "problem_type": "binary_classification",   -- or "multiclass_classification", "regression"
 *  "labelled_rows": 412, "dropped_labels": 0,
 *  "metrics": {"accuracy": 0.91, "precision": …, "recall": …, "f1": …, "auc": …,          -- binary
 *              "true_positive_rate": …, "false_positive_rate": …, "true_positives": 40, "false_positives": …,
 *              "true_negatives": …, "false_negatives": …},
 *             -- multiclass: accuracy, weighted_precision, weighted_recall, weighted_f1
 *             -- regression: mae, mse, rmse, r2;   a figure that is undefined (AUC with one class) is null
 *  "metric": "accuracy", "value": 0.91,
 *  "threshold": 0.7,             -- min accuracy / max rmse, null when there is none
 *  "threshold_source": "baseline_relative",  -- configured | baseline_constraint | baseline_relative | default | null
 *  "baseline_value": 0.93,       -- the metric on the training data (the model's baseline), null without one
 *  "status": "ok",               -- insufficient_labels | no_reference | degraded | ok
 *  "updated_at": "2026-11-21T12:00:01.250Z"}   -- wall clock of this emission
 * </pre>
 * Fields added since the first release ({@code threshold_source}, {@code baseline_value}, {@code model_version}) are
 * optional on reading, so the schema version stays 1 and records of older writers still read.
 */
public final class ModelQualityCodec implements Codec<ModelQualityWindow> {
    public static final int SCHEMA_VERSION = 1;
    public static final ModelQualityCodec INSTANCE = new ModelQualityCodec();

    private ModelQualityCodec() {
    }

    @Override
    public byte[] encode(ModelQualityWindow w) {
        ObjectNode root = JsonOut.windowed(SCHEMA_VERSION, w.model(), w.windowStart(), w.windowEnd());
        root.put("model_version", w.modelVersion());
        root.put("version", w.version());
        root.put("problem_type", w.problemType());
        root.put("labelled_rows", w.labelledRows());
        root.put("dropped_labels", w.droppedLabels());
        root.set("metrics", metrics(w));
        root.put("metric", w.metric());
        JsonOut.figure(root, "value", w.value());
        if (w.threshold() != null) {
            root.put("threshold", w.threshold());
        } else {
            root.putNull("threshold");
        }
        root.put("threshold_source", w.thresholdSource());
        if (w.baselineValue() != null) {
            JsonOut.figure(root, "baseline_value", w.baselineValue());
        } else {
            root.putNull("baseline_value");
        }
        root.put("status", w.status());
        root.put("updated_at", JsonOut.instant(w.updatedAt()));
        return JsonOut.bytes(root);
    }

    /** The {@code metrics} object as compact JSON text (the lake keeps it whole). */
    public static String metricsJson(ModelQualityWindow w) {
        return metrics(w).toString();
    }

    /** The {@code metrics} object (whole counts as integers, undefined figures as null). */
    public static ObjectNode metrics(ModelQualityWindow w) {
        ObjectNode metrics = JsonOut.object();
        for (Map.Entry<String, Number> e : w.metrics().entrySet()) {
            if (e.getValue() instanceof Long l) {
                metrics.put(e.getKey(), l);
            } else {
                JsonOut.figure(metrics, e.getKey(), e.getValue() == null ? null : e.getValue().doubleValue());
            }
        }
        return metrics;
    }

    @Override
    public ModelQualityWindow decode(byte[] bytes) {
        JsonNode o = JsonFields.object(bytes, SCHEMA_VERSION, "model-quality window");
        Map<String, Number> metrics = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = JsonFields.objectField(o, "metrics").fields();
             it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            metrics.put(e.getKey(), v.isIntegralNumber() ? (Number) v.asLong()
                    : (Number) JsonFields.figure(o.get("metrics"), e.getKey()));
        }
        double threshold = JsonFields.figure(o, "threshold");
        double baselineValue = JsonFields.figure(o, "baseline_value"); // absent in records of older writers
        String modelVersion = JsonFields.optText(o, "model_version"); // absent in records of older writers
        return new ModelQualityWindow(text(o, "model"), modelVersion == null ? "" : modelVersion,
                time(o, "window_start"), time(o, "window_end"),
                intValue(o, "version"), text(o, "problem_type"), longValue(o, "labelled_rows"),
                longValue(o, "dropped_labels"), metrics, text(o, "metric"), JsonFields.figure(o, "value"),
                Double.isNaN(threshold) ? null : threshold, JsonFields.optText(o, "threshold_source"),
                Double.isNaN(baselineValue) ? null : baselineValue, text(o, "status"), time(o, "updated_at"));
    }
}
