package dev.driftline.drift.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of one inference request: what the model saw and what it answered, plus the ground-truth label once it is
 * known. A request with n rows yields n records sharing {@code inferenceId}, told apart by {@code row}.
 *
 * <p>The maps are copied into unmodifiable, insertion-ordered maps. Unlike {@link Map#copyOf} they keep {@code null}
 * values, because a feature present with a null value is a missing value the profiles must count. Rows of a
 * {@link RowColumns} batch and maps {@link #handOver handed over} are kept as they are (both read-only already).
 * Nested values (lists, maps) are not deep-copied: records are built from freshly parsed payloads nobody else holds.
 *
 * @param model        model name, non-blank
 * @param modelVersion model version or variant, non-null (may be empty when the endpoint does not report one)
 * @param inferenceId  request id, non-null
 * @param row          0-based row within the request
 * @param eventTime    when the inference happened (event time, not processing time)
 * @param features     feature name → value (Number, String, Boolean, null, or anything a payload may hold)
 * @param predictions  output name → value
 * @param label        ground truth, {@code null} until joined
 */
public record InferenceRecord(String model, String modelVersion, String inferenceId, int row, Instant eventTime,
                              Map<String, Object> features, Map<String, Object> predictions, Object label) {
    public InferenceRecord {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(inferenceId, "inferenceId");
        Objects.requireNonNull(eventTime, "eventTime");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        if (row < 0) {
            throw new IllegalArgumentException("row must be >= 0, was " + row);
        }
        features = copy(features, "features");
        predictions = copy(predictions, "predictions");
    }

    /** The same record with its ground truth attached (labels arrive later than inferences). */
    public InferenceRecord withLabel(Object newLabel) {
        return new InferenceRecord(model, modelVersion, inferenceId, row, eventTime, features, predictions, newLabel);
    }

    /** Whether the record has ground truth. */
    public boolean hasLabel() {
        return label != null;
    }

    /**
     * A map of freshly built values handed over to records without a copy: the caller builds {@code fresh}, passes
     * it here and never touches it again (a payload parser's rows, one map per row: copying each row again was a
     * measurable share of normalising a payload). Records keep it as it is; {@link #withLabel} and other records
     * built from it share it, as they may since it cannot change.
     *
     * @throws IllegalArgumentException when it holds a null name
     */
    public static Map<String, Object> handOver(LinkedHashMap<String, Object> fresh) {
        if (fresh.containsKey(null)) {
            throw new IllegalArgumentException("a row contains a null name");
        }
        return FrozenMap.handOver(fresh);
    }

    private static Map<String, Object> copy(Map<String, Object> map, String what) {
        Objects.requireNonNull(map, what);
        if (map instanceof FrozenMap || RowColumns.of(map) != null) {
            return map; // unmodifiable and owned by records alone
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>(map);
        if (copy.containsKey(null)) {
            throw new IllegalArgumentException(what + " contain a null name");
        }
        return FrozenMap.handOver(copy);
    }
}
