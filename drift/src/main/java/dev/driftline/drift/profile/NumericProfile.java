package dev.driftline.drift.profile;

import dev.driftline.drift.model.FeatureType;
import java.util.Locale;
import java.util.Objects;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Profile of a {@link FeatureType#FRACTIONAL} or {@link FeatureType#INTEGRAL} feature: exact counts and moments, a KLL
 * quantile sketch for the distribution (KS, binned distances, Wasserstein) and an HLL distinct count.
 *
 * <p>What counts as what:
 * <ul>
 *   <li>missing: {@code null}, a blank string (an empty CSV field), NaN and the string "NaN" (any case). NaNs are
 *       also counted in {@link #nanCount()} because a model emitting NaN is a different bug from an absent field.</li>
 *   <li>present: any finite {@link Number}, and strings holding a plain decimal number such as "3.5" or "-1e3" (CSV
 *       input carries numbers as text); those are also counted in {@link #numericStrings()}.</li>
 *   <li>type mismatch (counted, not summarised): other strings, booleans, maps, lists, ±infinity (which would make the
 *       mean, variance and Wasserstein distance infinite), and for INTEGRAL features any value with a fractional part.
 *       An integral feature that starts receiving 2.5 has changed type; adding 2.5 would hide that in the
 *       distribution, while the counter makes it a visible data-quality violation (as SageMaker's data-type check).
 *       Integral-valued doubles (3.0, "3.0") are accepted.</li>
 * </ul>
 *
 * <p>The KLL sketch bounds rank error, not value error, so the profile also keeps the 32 smallest and largest values
 * exactly ({@link ExtremeValues}): the distribution's tails, where a compacted sketch's heavily weighted outliers
 * would distort the Wasserstein distance of heavy-tailed features.
 *
 * <p>While it has seen at most {@value #EXACT_CAP} present values the profile also keeps them all
 * ({@link ExactSample}), and its {@link #distribution()} is then exactly the empirical one, so small samples get
 * exact-mode drift figures (a KLL sketch of k = 200 compacts from 201 values on, and at a few hundred values its rank
 * error moves decile edges by whole observations). The sample is dropped for good once the profile, or a merge, passes {@value #EXACT_CAP} values.
 *
 * <p>Size budget (8 KB at 10 million values): the default KLL k = 200 (rank error ≈ 1.3 %) serialises to at most
 * 5,296 bytes at 10 million values, the extremes to 512 bytes, and the default HLL (lgK = 11, HLL_4, ≈ 2.3 %
 * relative error) to at most 1,128 bytes: under 7 KB in all (lgK = 12 would take ≈ 8.1 KB). The exact sample is
 * gone by then; while held it costs 8 bytes a value, so a profile of exactly {@value #EXACT_CAP} values serialises to
 * ≈ 8 KB of sample plus its sketches (≈ 12 KB in all), the largest a numeric profile gets.
 */
public final class NumericProfile implements FeatureProfile {
    public static final int DEFAULT_K = 200;
    public static final int DEFAULT_HLL_LG_K = 11;
    /** Up to this many present values the profile keeps them all and its distribution is exact. */
    public static final int EXACT_CAP = ExactSample.CAP;
    /** The HLL type profiles are written in (4 bits a register: half the bytes of HLL_8). */
    static final TgtHllType HLL_TYPE = TgtHllType.HLL_4;
    /**
     * The HLL type new and merged sketches are kept in while profiling: a byte a register makes each update a plain
     * store, where HLL_4 manages nibbles and an exception table (the HLL update was the largest single cost of a
     * value); converted to {@link #HLL_TYPE} when written (same registers, same estimate).
     */
    static final TgtHllType HLL_WORKING = TgtHllType.HLL_8;

    private final FeatureType type;
    private long missing;
    private long nan;
    private long typeMismatches;
    private long numericStrings;
    private final RunningMoments moments;
    /** The exact sample, then the sketches and extremes (filled lazily: see {@link ValueSummaries}). */
    private final ValueSummaries values;
    /**
     * {@link #distribution()} until the values change (every change of {@link #values} clears it): a baseline's is
     * asked for by every window evaluated against it, and building it from the sketch was a tenth of the
     * evaluation. A baseline is shared by the stream threads; StepCdf is immutable with final fields, so a thread
     * sees either null (and builds an equal one) or a complete one.
     */
    private StepCdf distribution;

    /** A profile with k = {@value #DEFAULT_K} and HLL lgK = {@value #DEFAULT_HLL_LG_K}. */
    public NumericProfile(FeatureType type) {
        this(type, DEFAULT_K, DEFAULT_HLL_LG_K);
    }

    /**
     * @param k      KLL accuracy parameter (8 … 65535; rank error ≈ 1.3 % at 200); the sketch is exact while n ≤ k
     * @param hllLgK log2 of the HLL register count (4 … 21)
     */
    public NumericProfile(FeatureType type, int k, int hllLgK) {
        this(requireNumeric(type), 0, 0, 0, 0, new RunningMoments(), KllDoublesSketch.newHeapInstance(k),
                new ExtremeValues(ExtremeValues.DEFAULT_M), new HllSketch(hllLgK, HLL_WORKING), new ExactSample());
    }

    /**
     * A profile assembled from summaries rather than values, e.g. a baseline imported from another tool: exact moments,
     * a KLL sketch and an HLL sketch of the same present values (both are copied, not kept). No NaN, type-mismatch or
     * numeric-string counts. The exactly-kept extremes are taken from the sketch's order statistics: exact while it
     * has not compacted, otherwise its estimates (the true min and max are always exact). No exact sample: the
     * distribution is the sketch's.
     *
     * @throws IllegalArgumentException when the sketch's n differs from the moments' n
     */
    public static NumericProfile fromSummary(FeatureType type, long missing, RunningMoments moments,
                                             KllDoublesSketch kll, HllSketch hll) {
        if (kll.getN() != moments.n() || missing < 0) {
            throw new IllegalArgumentException("sketch holds " + kll.getN() + " values, moments " + moments.n()
                    + ", missing " + missing);
        }
        KllDoublesSketch k = KllDoublesSketch.heapify(Memory.wrap(kll.toByteArray()));
        ExtremeValues extremes = ExtremeValues.ofOrderStatistics(
                k.isEmpty() ? StepCdf.EMPTY : StepCdf.of(k.getSortedView()), ExtremeValues.DEFAULT_M);
        return new NumericProfile(type, missing, 0, 0, 0, moments.copy(), k, extremes, hll.copy(), null);
    }

    NumericProfile(FeatureType type, long missing, long nan, long typeMismatches, long numericStrings,
                   RunningMoments moments, KllDoublesSketch kll, ExtremeValues extremes, HllSketch hll,
                   ExactSample exact) {
        this(requireNumeric(type), missing, nan, typeMismatches, numericStrings, moments,
                new ValueSummaries(kll, extremes, hll, exact));
        if (exact != null && exact.size() != moments.n()) {
            throw new IllegalArgumentException("exact sample holds " + exact.size() + " values, moments "
                    + moments.n());
        }
    }

    private NumericProfile(FeatureType type, long missing, long nan, long typeMismatches, long numericStrings,
                           RunningMoments moments, ValueSummaries values) {
        this.type = type;
        this.missing = missing;
        this.nan = nan;
        this.typeMismatches = typeMismatches;
        this.numericStrings = numericStrings;
        this.moments = moments;
        this.values = values;
    }

    private static FeatureType requireNumeric(FeatureType type) {
        Objects.requireNonNull(type, "type");
        if (!type.isNumeric()) {
            throw new IllegalArgumentException("a numeric profile needs a numeric feature type, not " + type);
        }
        return type;
    }

    @Override
    public void update(Object value) {
        if (value == null) {
            missing++;
        } else if (Values.isPlainNumber(value)) {
            update(((Number) value).doubleValue());
        } else if (value instanceof String s) {
            updateFromString(s);
        } else {
            // Booleans, characters, maps, lists, atomic/custom Number subclasses with unclear semantics.
            typeMismatches++;
        }
    }

    /** The fast path for callers that already hold a double (no boxing). */
    public void update(double value) {
        accept(value);
    }

    private boolean accept(double value) {
        if (Double.isNaN(value)) {
            missing++;
            nan++;
            return false;
        }
        if (Double.isInfinite(value) || (type == FeatureType.INTEGRAL && value != Math.rint(value))) {
            typeMismatches++;
            return false;
        }
        moments.add(value);
        values.add(value);
        distribution = null;
        return true;
    }

    private void updateFromString(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            missing++;
        } else if (t.toLowerCase(Locale.ROOT).equals("nan")) {
            missing++;
            nan++;
        } else if (Values.isDecimal(t)) {
            if (accept(Double.parseDouble(t))) {
                numericStrings++;
            }
        } else {
            typeMismatches++;
        }
    }

    @Override
    public NumericProfile merge(FeatureProfile other) {
        if (!(other instanceof NumericProfile o) || o.type != type) {
            throw new IllegalArgumentException("cannot merge " + describe(other) + " into a " + type + " profile");
        }
        if (o == this) {
            throw new IllegalArgumentException("cannot merge a profile into itself; merge a copy()");
        }
        missing += o.missing;
        nan += o.nan;
        typeMismatches += o.typeMismatches;
        numericStrings += o.numericStrings;
        moments.merge(o.moments);
        values.merge(o.values);
        distribution = null;
        return this;
    }

    static String describe(FeatureProfile p) {
        return p == null ? "null" : p.type() + " " + p.getClass().getSimpleName();
    }

    @Override
    public NumericProfile copy() {
        return new NumericProfile(type, missing, nan, typeMismatches, numericStrings, moments.copy(), values.copy());
    }

    @Override
    public FeatureType type() {
        return type;
    }

    @Override
    public long present() {
        return moments.n();
    }

    @Override
    public long missing() {
        return missing;
    }

    /** NaN values (numbers or "NaN" strings), a subset of {@link #missing()}. */
    public long nanCount() {
        return nan;
    }

    @Override
    public long typeMismatches() {
        return typeMismatches;
    }

    /** Present values that arrived as numeric strings, a subset of {@link #present()}. */
    public long numericStrings() {
        return numericStrings;
    }

    @Override
    public double distinctEstimate() {
        return values.hll().getEstimate();
    }

    /** Exact moments of the present values (a copy). */
    public RunningMoments moments() {
        return moments.copy();
    }

    public double mean() {
        return moments.mean();
    }

    /** Sample standard deviation, n−1 denominator. */
    public double standardDeviation() {
        return moments.sampleStandardDeviation();
    }

    public double min() {
        return moments.min();
    }

    public double max() {
        return moments.max();
    }

    public double sum() {
        return moments.sum();
    }

    /** The KLL accuracy parameter (after merging sketches of different k, the smaller one). */
    public int k() {
        return values.k();
    }

    public int hllLgK() {
        return values.hllLgK();
    }

    /**
     * Whether the profile's {@link #distribution()} is an approximation: it no longer holds its exact sample (more
     * than {@value #EXACT_CAP} values, or built from a summary) and the quantile sketch has compacted.
     */
    public boolean isApproximate() {
        return values.exact() == null && values.kll().isEstimationMode();
    }

    /** Whether the profile still holds every present value ({@value #EXACT_CAP} at most). */
    public boolean holdsExactSample() {
        return values.exact() != null;
    }

    /**
     * The profile's distribution as an immutable step CDF (empty when no value is present), the one drift figures
     * use: the exact empirical distribution while the profile holds its exact sample ({@value #EXACT_CAP} values at
     * most), otherwise {@link #stepCdf()}.
     */
    public StepCdf distribution() {
        StepCdf d = distribution;
        if (d == null) {
            ExactSample exact = values.exact();
            d = exact != null ? exact.toStepCdf() : stepCdf();
            distribution = d;
        }
        return d;
    }

    /**
     * The quantile sketch's distribution as an immutable step CDF (empty when no value is present): exactly the
     * empirical distribution while the sketch has not compacted; afterwards the sketch's, with exact tails from the
     * {@value ExtremeValues#DEFAULT_M} smallest and largest values (see {@link StepCdf#withExactTails}). Unlike
     * {@link #distribution()} it ignores the exact sample, so it always fits a KLL sketch of this k (what a SageMaker
     * export writes).
     *
     * <p>The first call after an update lets the library sort the sketch's level 0 in place: the profile's serialised
     * bytes may change (order and a flag), its content does not.
     */
    public StepCdf stepCdf() {
        KllDoublesSketch kll = values.kll();
        if (kll.isEmpty()) {
            return StepCdf.EMPTY; // the library refuses a sorted view of an empty sketch
        }
        StepCdf sketch = StepCdf.of(kll.getSortedView());
        return kll.isEstimationMode()
                ? StepCdf.withExactTails(sketch, values.extremes().lowest(), values.extremes().highest()) : sketch;
    }

    /** Quantile, Hyndman–Fan type 7 on the profile's {@link #distribution()}; NaN when empty. */
    public double quantile(double p) {
        return distribution().quantileType7(p);
    }

    /**
     * For the codec: rebuilds the exact sample of a profile decoded from its sample alone (the counters and moments
     * are already set); see {@link ValueSummaries#replaySample} for {@code shareable}.
     */
    void replaySample(double[] ascending, boolean shareable) {
        int n = values.replaySample(ascending, shareable);
        distribution = null;
        if (n != moments.n()) {
            throw new ProfileFormatException("corrupt profile: exact sample of " + n + " values, moments "
                    + moments.n());
        }
    }

    // For the codec and tests.
    /** Whether reading the sketches or extremes would leave the profile as it is (see {@link ValueSummaries}). */
    boolean summariesCurrent() {
        return values.isCurrent();
    }

    long kllN() {
        return values.kll().getN();
    }

    byte[] kllBytes() {
        return values.kll().toByteArray();
    }

    ExtremeValues extremes() {
        return values.extremes();
    }

    /** How many smallest and largest values the profile keeps exactly. */
    int extremeM() {
        return values.extremeM();
    }

    byte[] hllBytes() {
        return HllAccumulator.stored(values.hll()); // updatable form: compact reorders a SET-mode sketch per round trip
    }

    RunningMoments rawMoments() {
        return moments;
    }

    /** Whether the exact sample is held and already ascending (tests: what the encoding will not have to sort). */
    boolean exactSampleSorted() {
        ExactSample exact = values.exact();
        return exact != null && exact.isSorted();
    }

    /** The exact sample, ascending, or null once dropped. */
    double[] exactValues() {
        ExactSample exact = values.exact();
        return exact == null ? null : exact.sortedValues();
    }

    @Override
    public String toString() {
        return "NumericProfile[" + type + ", count=" + count() + ", missing=" + missing + ", mismatches="
                + typeMismatches + ", " + moments + ", k=" + k() + "]";
    }
}
