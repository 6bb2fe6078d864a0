package dev.driftline.streams.modelquality;

import dev.driftline.drift.modelquality.ModelQualityFigures;

/**
 * One inference row that met its ground truth: what the per-window aggregation needs and nothing else. Sent keyed by
 * model through the {@code quality-pairs} repartition topic as compact binary ({@link LabelledPairCodec}).
 *
 * @param modelVersion the row's model version, "" when the endpoint reports none
 * @param label        a {@link ModelQualityFigures#scalar} value, non-null
 * @param prediction   a {@link ModelQualityFigures#scalar} value, non-null
 */
record LabelledPair(String model, String modelVersion, long windowStart, Object label, Object prediction) {
}
