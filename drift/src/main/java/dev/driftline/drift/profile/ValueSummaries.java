package dev.driftline.drift.profile;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * What a {@link NumericProfile} keeps of its present values beyond counts and moments: the exact sample while it
 * holds at most {@link ExactSample#CAP} values, and the summaries (KLL quantile sketch, HLL distinct count, exact
 * extremes) that take over after it.
 *
 * <p>While the exact sample is held the summaries are not fed value by value (it holds everything they would):
 * they are rebuilt from the sample when first read ({@link #current}) or when the sample is dropped at the cap.
 * Their updates were the largest cost of profiling a row, and most window partials never outgrow the sample. The
 * extremes come out identical; a sketch built from the same values in another order is as valid (the codec has
 * always rebuilt them from the sorted sample). So a read may change this object: like the sketches, summaries being
 * updated belong to one thread, and a profile shared by threads is made {@link #current} before it is shared.
 */
final class ValueSummaries {
    private KllDoublesSketch kll;
    private ExtremeValues extremes;
    private HllAccumulator hll;
    private ExactSample exact; // every present value while there are at most CAP; null for good afterwards
    private boolean behind; // the sample holds values the summaries have not seen

    ValueSummaries(KllDoublesSketch kll, ExtremeValues extremes, HllSketch hll, ExactSample exact) {
        this.kll = kll;
        this.extremes = extremes;
        this.hll = new HllAccumulator(hll);
        this.exact = exact;
    }

    /** Adds a present (finite, accepted) value. */
    void add(double value) {
        if (exact != null) {
            if (exact.size() < ExactSample.CAP) {
                exact.add(value);
                behind = true;
                return;
            }
            current(); // past the cap: the sketches take over for good, from every value so far
            exact = null;
        }
        kll.update(value);
        extremes.add(value);
        hll.sketch().update(value);
    }

    /** Brings the summaries up to date with the exact sample (a no-op unless values were added since). */
    void current() {
        if (!behind) {
            return;
        }
        // In the sample's order: arrival order unless it was sorted (or two samples concatenated by a merge) since.
        // The HLL is then byte for byte what value-by-value updates would have made, and so is the KLL while it
        // holds at most k values; past k its compactions draw from datasketches' shared random source, a fresh
        // draw either way, so only its error bounds are the same. The extremes are the m smallest and largest in
        // any order, and adding each value (most are rejected at a glance) is cheaper than sorting the sample.
        KllDoublesSketch k = KllDoublesSketch.newHeapInstance(kll.getK());
        HllSketch h = new HllSketch(hll.sketch().getLgConfigK(), NumericProfile.HLL_WORKING);
        int m = extremes.m();
        if (exact.isSorted()) { // e.g. written since (the codec sorts it): the extremes are its ends
            exact.forEachValue(v -> {
                k.update(v);
                h.update(v);
            });
            extremes = exact.extremes(m);
        } else {
            ExtremeValues e = new ExtremeValues(m);
            exact.forEachValue(v -> {
                k.update(v);
                h.update(v);
                e.add(v);
            });
            extremes = e;
        }
        kll = k;
        hll = new HllAccumulator(h);
        behind = false;
    }

    /** Merges {@code o} (not this object) into these summaries. */
    void merge(ValueSummaries o) {
        ExactSample both = exact == null || o.exact == null ? null : exact.merged(o.exact);
        if (both != null) {
            // the merged sample holds every value: empty sketches of the merged precisions, filled when read
            kll = KllDoublesSketch.newHeapInstance(Math.min(kll.getK(), o.kll.getK()));
            hll = new HllAccumulator(new HllSketch(Math.min(hllLgK(), o.hllLgK()), NumericProfile.HLL_WORKING));
            extremes = new ExtremeValues(extremes.m());
            exact = both;
            behind = true;
            return;
        }
        current();
        if (o.behind && o.hllLgK() == hllLgK() && o.kll.getK() >= kll.getK()) {
            absorb(o.exact);
        } else {
            o.current();
            extremes.merge(o.extremes);
            kll.merge(o.kll);
            hll.merge(o.hll.sketch());
        }
        exact = null;
    }

    /**
     * Takes the values of another profile's exact sample whose sketches were never built (a decoded partial): adding
     * them to these sketches gives what building its sketches and merging them would, without building them. The
     * HLL registers are the same (a union at one precision keeps each register's maximum), the extremes are the
     * same, and the KLL takes the same values, exactly rather than through a sketch of its own of at least this
     * accuracy, up to its compactions' random draws. Building a partial's sketches (an HLL through its coupon-list and
     * hash-set phases) and merging them was most of a window merge's time once its sample outgrew the cap.
     */
    private void absorb(ExactSample values) {
        HllSketch h = hll.sketch();
        values.forEachValue(h::update);
        values.addTo(kll);
        if (values.isSorted()) {
            extremes.merge(values.extremes(extremes.m()));
        } else {
            values.forEachValue(extremes::add);
        }
    }

    ValueSummaries copy() {
        ValueSummaries c = new ValueSummaries(KllDoublesSketch.heapify(Memory.wrap(kll.toByteArray())),
                extremes.copy(), hll.sketch().copy(), exact == null ? null : exact.copy());
        c.behind = behind;
        return c;
    }

    /**
     * For the codec: the exact sample of a profile decoded from its sample alone, as {@link #add} put the values
     * there (the array, which the codec has checked to be finite, ascending and at most the cap, is taken, not
     * copied); with {@code shareable} the summaries at once, since a profile shared by several threads (a baseline,
     * through the baseline cache) must not change when read; otherwise when first read. Returns its size.
     */
    int replaySample(double[] ascending, boolean shareable) {
        exact = ExactSample.adoptSorted(ascending);
        behind = exact.size() > 0;
        if (shareable) {
            current();
        }
        return exact.size();
    }

    /** Whether reading the sketches or extremes would leave this object as it is. */
    boolean isCurrent() {
        return !behind;
    }

    /** The exact sample, or null once dropped (or never held: a profile built from summaries). */
    ExactSample exact() {
        return exact;
    }

    KllDoublesSketch kll() {
        current();
        return kll;
    }

    HllSketch hll() {
        current();
        return hll.sketch();
    }

    ExtremeValues extremes() {
        current();
        return extremes;
    }

    /** The KLL accuracy parameter, without bringing the sketch up to date (it does not change). */
    int k() {
        return kll.getK();
    }

    int hllLgK() {
        return hll.sketch().getLgConfigK();
    }

    int extremeM() {
        return extremes.m();
    }
}
