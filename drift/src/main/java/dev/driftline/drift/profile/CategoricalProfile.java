package dev.driftline.drift.profile;

import dev.driftline.drift.model.FeatureType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
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
    private static final double MAX_EXACT_LONG = 0x1p53;

    private final FeatureType type;
    private final int maxExactCategories;
    private final int sketchMapSize;
    private long missing;
    private long typeMismatches;
    private long present;
    private Map<String, Long> counts; // exact mode; null once sketched
    private ItemsSketch<String> sketch; // sketched mode; null while exact
    private HllSketch hll;

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
                new HllSketch(hllLgK, NumericProfile.HLL_TYPE));
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
        this.hll = hll;
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
        String category = type == FeatureType.BOOLEAN ? booleanCategory(value) : stringCategory(value);
        if (category == null) {
            typeMismatches++;
        } else if (category.isBlank() || category.equalsIgnoreCase("nan")) {
            missing++;
        } else {
            add(category, 1);
            hll.update(category);
        }
    }

    /** The category of a value for a STRING feature, "" for a NaN number (→ missing), null for a mismatch. */
    private static String stringCategory(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                return "";
            }
            if (Double.isInfinite(d)) {
                return null;
            }
            return d == Math.rint(d) && Math.abs(d) < MAX_EXACT_LONG ? Long.toString((long) d) : Double.toString(d);
        }
        return null;
    }

    /** "true"/"false" for a BOOLEAN feature, "" for blank/NaN input (→ missing), null for a mismatch. */
    private static String booleanCategory(Object value) {
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof String s) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false") || t.isEmpty() || t.equals("nan")) {
                return t;
            }
            return t.equals("1") ? "true" : t.equals("0") ? "false" : null;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isNaN(d) ? "" : d == 1 ? "true" : d == 0 ? "false" : null;
        }
        return null;
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
        hll = NumericProfile.union(hll, o.hll);
        return this;
    }

    @Override
    public CategoricalProfile copy() {
        ItemsSketch<String> s = sketch == null ? null : FrequentItemsSketches.copy(sketch, sketchMapSize);
        return new CategoricalProfile(type, maxExactCategories, sketchMapSize, missing, typeMismatches, present,
                counts == null ? null : new HashMap<>(counts), s, hll.copy());
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
        return hll.getLgConfigK();
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
        return counts != null ? counts.size() : hll.getEstimate();
    }

    // For the codec and tests.
    Map<String, Long> rawCounts() {
        return counts;
    }

    ItemsSketch<String> sketch() {
        return sketch;
    }

    byte[] hllBytes() {
        return hll.toUpdatableByteArray(); // compact form reorders a SET-mode sketch on every round trip
    }

    @Override
    public String toString() {
        return "CategoricalProfile[" + type + ", count=" + count() + ", missing=" + missing + ", mismatches="
                + typeMismatches + ", distinct≈" + Math.round(distinctEstimate()) + (isSketched() ? ", sketched" : "")
                + "]";
    }
}
