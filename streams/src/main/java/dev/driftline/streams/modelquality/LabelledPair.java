package dev.driftline.streams.modelquality;

import java.math.BigInteger;

/**
 * One inference row that met its ground truth: what the per-window aggregation needs and nothing else. Sent keyed by
 * model through the {@code quality-pairs} repartition topic as compact binary ({@link LabelledPairCodec}).
 *
 * @param label      a {@link #scalar} value, non-null
 * @param prediction a {@link #scalar} value, non-null
 */
record LabelledPair(String model, long windowStart, Object label, Object prediction) {
    /**
     * The canonical scalar of a label or prediction: Boolean, Long (any integral type), Double (other numbers, if
     * finite) or String; null for anything else (null, NaN/infinity, lists, maps) — such a value cannot be judged.
     */
    public static Object scalar(Object v) {
        if (v instanceof Boolean || v instanceof String || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        return null;
    }
}
