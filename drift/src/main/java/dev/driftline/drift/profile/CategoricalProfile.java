package dev.driftline.drift.profile;

import dev.driftline.drift.model.FeatureType;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;

/**
 * Profile of a {@link FeatureType#STRING} or {@link FeatureType#BOOLEAN} feature: category frequencies and an HLL
 * distinct count.
 *
 * <p>Frequencies are exact while the feature has at most {@code maxExactCategories} distinct values (default
 * {@value #DEFAULT_MAX_EXACT_CATEGORIES}): the usual case, and the one where the drift spec requires exact figures.
 * The first category beyond that switches the profile, for good, to a DataSketches frequent-items sketch (map size
 * {@code sketchMapSize}, which tracks up to ¾ of that many items): the memory of an id-like feature stays bounded, and
 * heavy hitters keep counts with a known error bound. The sketch still counts exactly until it has to purge, so
 * {@link #isApproximate()} is true only once {@link #maximumError()} is positive.
 *
 * <p>What counts as what:
 * <ul>
 *   <li>missing: {@code null}, blank strings (an empty CSV field), NaN and the string "NaN" (any case);</li>
 *   <li>STRING categories: strings as given (not trimmed), booleans as "true"/"false", integral numbers in plain
 *       decimal ("3", also for 3.0, so JSON 3 and CSV "3" agree), other finite numbers as {@link Double#toString};</li>
 *   <li>BOOLEAN categories: "true"/"false" from booleans, from those strings in any case, and from the numbers 1/0;</li>
 *   <li>type mismatches (counted, not summarised): anything else, e.g. maps, lists, ±infinity, "yes" for a boolean.</li>
 * </ul>
 */
public final class CategoricalProfile implements FeatureProfile {
    public static final int DEFAULT_MAX_EXACT_CATEGORIES = 1_000;
    static final ArrayOfStringsSerDe SERDE = new ArrayOfStringsSerDe();

    private final FeatureType type;
    private final int maxExactCategories;
    private final int sketchMapSize;
    private long missing;
    private long typeMismatches;
    private long present;
    private Map<String, Long> counts; // exact mode; null once sketched
    private ItemsSketch<String> sketch; // sketched mode; null while exact
    private final HllAccumulator hll;

    /** Defaults: {@value #DEFAULT_MAX_EXACT_CATEGORIES} exact categories, map size 2048, HLL lgK 11. */
    public CategoricalProfile(FeatureType type) {
        this(type, DEFAULT_MAX_EXACT_CATEGORIES, defaultSketchMapSize(DEFAULT_MAX_EXACT_CATEGORIES),
                NumericProfile.DEFAULT_HLL_LG_K);
    }

    /**
     * @param maxExactCategories categories counted exactly before switching to the sketch (≥ 1)
     * @param sketchMapSize      frequent-items map size, a power of two ≥ 8
     * @param hllLgK             log2 of the HLL register count (4 … 21)
     */
    public CategoricalProfile(FeatureType type, int maxExactCategories, int sketchMapSize, int hllLgK) {
        this(type, maxExactCategories, sketchMapSize, 0, 0, 0, new HashMap<>(), null,
                new HllSketch(hllLgK, NumericProfile.HLL_WORKING));
    }

    /**
     * An exact profile assembled from category counts (each &gt; 0) rather than values, e.g. an imported baseline. The
     * exact cap is raised to the number of categories when there are more than the default, since the counts are
     * exact; the HLL is built from the category names.
     */
    public static CategoricalProfile fromCounts(FeatureType type, long missing, Map<String, Long> counts) {
        int cap = Math.max(DEFAULT_MAX_EXACT_CATEGORIES, counts.size());
        HllSketch hll = new HllSketch(NumericProfile.DEFAULT_HLL_LG_K, NumericProfile.HLL_WORKING);
        long present = 0;
        // Sorted, so equal counts give equal bytes (a small HLL lists its coupons in insertion order).
        for (Map.Entry<String, Long> e : new TreeMap<>(counts).entrySet()) {
            if (e.getKey() == null || e.getValue() == null || e.getValue() <= 0) {
                throw new IllegalArgumentException("category '" + e.getKey() + "' has count " + e.getValue());
            }
            present = Math.addExact(present, e.getValue());
            hll.update(e.getKey());
        }
        if (missing < 0) {
            throw new IllegalArgumentException("negative missing count " + missing);
        }
        return new CategoricalProfile(type, cap, defaultSketchMapSize(cap), missing, 0, present,
                new HashMap<>(counts), null, hll);
    }

    CategoricalProfile(FeatureType type, int maxExactCategories, int sketchMapSize, long missing, long typeMismatches,
                       long present, Map<String, Long> counts, ItemsSketch<String> sketch, HllSketch hll) {
        Objects.requireNonNull(type, "type");
        if (!type.isCategorical()) {
            throw new IllegalArgumentException("a categorical profile needs a categorical feature type, not " + type);
        }
        if (maxExactCategories < 1) {
            throw new IllegalArgumentException("maxExactCategories must be >= 1: " + maxExactCategories);
        }
        if (sketchMapSize < 8 || Integer.bitCount(sketchMapSize) != 1) {
            throw new IllegalArgumentException("sketchMapSize must be a power of two >= 8: " + sketchMapSize);
        }
        if ((counts == null) == (sketch == null)) {
            throw new IllegalArgumentException("exactly one of counts and sketch must be given");
        }
        this.type = type;
        this.maxExactCategories = maxExactCategories;
        this.sketchMapSize = sketchMapSize;
        this.missing = missing;
        this.typeMismatches = typeMismatches;
        this.present = present;
        this.counts = counts;
        this.sketch = sketch;
        this.hll = new HllAccumulator(hll);
    }

    /** Smallest power of two ≥ 2·cap: the sketch then tracks 1.5× the exact cap before it must purge. */
    static int defaultSketchMapSize(int maxExactCategories) {
        return Math.max(8, Integer.highestOneBit(Math.max(1, 2 * maxExactCategories - 1)) << 1);
    }

    @Override
    public void update(Object value) {
        if (value == null) {
            missing++;
            return;
        }
        String category = type == FeatureType.BOOLEAN ? Values.booleanCategory(value) : Values.stringCategory(value);
        if (category == null) {
            typeMismatches++;
        } else if (category.isBlank() || category.equalsIgnoreCase("nan")) {
            missing++;
        } else {
            add(category, 1);
            hll.sketch().update(category);
        }
    }

    private void add(String category, long weight) {
        present += weight;
        if (counts != null) {
            counts.merge(category, weight, Long::sum);
            if (counts.size() > maxExactCategories) {
                switchToSketch();
            }
        } else {
            sketch.update(category, weight);
        }
    }

    private void switchToSketch() {
        ItemsSketch<String> s = new ItemsSketch<>(sketchMapSize);
        counts.forEach(s::update);
        sketch = s;
        counts = null;
    }

    @Override
    public CategoricalProfile merge(FeatureProfile other) {
        if (!(other instanceof CategoricalProfile o) || o.type != type) {
            throw new IllegalArgumentException(
                    "cannot merge " + NumericProfile.describe(other) + " into a " + type + " profile");
        }
        if (o == this) {
            throw new IllegalArgumentException("cannot merge a profile into itself; merge a copy()");
        }
        missing += o.missing;
        typeMismatches += o.typeMismatches;
        if (o.counts != null) {
            o.counts.forEach(this::add); // may switch this profile to the sketch part-way: add() handles both modes
        } else {
            if (counts != null) {
                switchToSketch();
            }
            sketch.merge(o.sketch);
            present += o.present;
        }
        hll.merge(o.hll.sketch());
        return this;
    }

    @Override
    public CategoricalProfile copy() {
        ItemsSketch<String> s = sketch == null ? null : FrequentItemsSketches.copy(sketch, sketchMapSize);
        return new CategoricalProfile(type, maxExactCategories, sketchMapSize, missing, typeMismatches, present,
                counts == null ? null : new HashMap<>(counts), s, hll.sketch().copy());
    }

    /**
     * Category → count, sorted by category. Exact while {@link #isSketched()} is false; afterwards the sketch's lower
     * bounds for the items it still tracks (each at most {@link #maximumError()} below the truth), and the rest of the
     * mass is {@link #unattributed()}.
     */
    public Map<String, Long> frequencies() {
        if (counts != null) {
            return Collections.unmodifiableMap(new TreeMap<>(counts));
        }
        return Collections.unmodifiableMap(FrequentItemsSketches.counters(sketch));
    }

    /** Present values not attributed to any category by {@link #frequencies()} (0 while exact). */
    public long unattributed() {
        long attributed = 0;
        for (long c : frequencies().values()) {
            attributed += c;
        }
        return present - attributed;
    }

    /** Whether frequencies are held by the frequent-items sketch (the exact cap was exceeded). */
    public boolean isSketched() {
        return sketch != null;
    }

    /** Whether the sketch has purged, so frequencies are lower bounds rather than exact counts. */
    public boolean isApproximate() {
        return sketch != null && sketch.getMaximumError() > 0;
    }

    /** Upper bound on how far any count in {@link #frequencies()} is below the truth (0 while exact). */
    public long maximumError() {
        return sketch == null ? 0 : sketch.getMaximumError();
    }

    public int maxExactCategories() {
        return maxExactCategories;
    }

    public int sketchMapSize() {
        return sketchMapSize;
    }

    public int hllLgK() {
        return hll.sketch().getLgConfigK();
    }

    @Override
    public FeatureType type() {
        return type;
    }

    @Override
    public long present() {
        return present;
    }

    @Override
    public long missing() {
        return missing;
    }

    @Override
    public long typeMismatches() {
        return typeMismatches;
    }

    /** Exact number of categories while exact, the HLL estimate once sketched. */
    @Override
    public double distinctEstimate() {
        return counts != null ? counts.size() : hll.sketch().getEstimate();
    }

    // For the codec and tests.
    Map<String, Long> rawCounts() {
        return counts;
    }

    ItemsSketch<String> sketch() {
        return sketch;
    }

    byte[] hllBytes() {
        return HllAccumulator.stored(hll.sketch()); // updatable form: compact reorders a SET-mode sketch per round trip
    }

    @Override
    public String toString() {
        return "CategoricalProfile[" + type + ", count=" + count() + ", missing=" + missing + ", mismatches="
                + typeMismatches + ", distinct≈" + Math.round(distinctEstimate()) + (isSketched() ? ", sketched" : "")
                + "]";
    }
}
