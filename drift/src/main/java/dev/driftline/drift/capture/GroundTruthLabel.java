package dev.driftline.drift.capture;

import java.time.Instant;

/**
 * One ground-truth label, as published on {@code driftline.labels}:
 * {@code {"inference_id", "row", "model", "label", "event_time"}} (key = inference id).
 *
 * @param label a Long, Double or String
 */
public record GroundTruthLabel(String inferenceId, int row, String model, Object label, Instant eventTime) {
}
