package dev.driftline.drift.profile;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;

/**
 * A profile's distinct-count sketch that merges lazily: a merge only feeds a pending union, and the sketch is taken
 * from it when next needed. Taking a union's result converts its registers, which per merge was the largest cost of
 * merging window partials; a window merges one partial per profiling task before anyone reads the sketch.
 */
final class HllAccumulator {
    private HllSketch sketch;
    private Union pending;

    HllAccumulator(HllSketch sketch) {
        this.sketch = sketch;
    }

    /** The sketch, with the pending merges folded in. */
    HllSketch sketch() {
        if (pending != null) {
            sketch = pending.getResult(NumericProfile.HLL_WORKING);
            pending = null;
        }
        return sketch;
    }

    /** The written form of {@code sketch}: its updatable bytes as {@link NumericProfile#HLL_TYPE}. */
    static byte[] stored(HllSketch sketch) {
        HllSketch s = sketch.getTgtHllType() == NumericProfile.HLL_TYPE ? sketch
                : sketch.copyAs(NumericProfile.HLL_TYPE);
        return s.toUpdatableByteArray();
    }

    /** Adds {@code other} (at the smaller of the precisions, as a union of the two would). */
    void merge(HllSketch other) {
        if (pending == null) {
            pending = new Union(Math.min(sketch.getLgConfigK(), other.getLgConfigK()));
            pending.update(sketch);
        }
        pending.update(other);
    }
}
