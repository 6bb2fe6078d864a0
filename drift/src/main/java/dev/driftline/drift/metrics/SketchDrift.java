package dev.driftline.drift.metrics;

import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.FeatureProfile;
import dev.driftline.drift.profile.NumericProfile;
import dev.driftline.drift.profile.StepCdf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sketch mode: the spec's drift figures (drift-metrics.md) applied to the distributions that profiles' sketches stand
 * for, so a streaming window can be compared with a baseline without either sample.
 *
 * <p>Numeric features use each profile's distribution as a weighted step CDF ({@link NumericProfile#distribution()}:
 * the exact sample while the profile has seen at most {@value NumericProfile#EXACT_CAP} values, otherwise the KLL
 * sketch's, with exact tails from the profile's 32 smallest and largest values; inclusive ranks, P(X ≤ x)):
 * <ul>
 *   <li>KS: D = max |F_R − F_C| over the union of both sketches' retained items (the only points where either CDF
 *       steps, so this is the exact sup between the two sketch distributions); p-value by
 *       {@link KolmogorovSmirnov#pValue} with the true stream sizes;</li>
 *   <li>bins: distinct type-7 quantiles 0.1 … 0.9 of the reference sketch ("approximate type 7": exact while the
 *       sample is held or the sketch never compacted; afterwards the retained items next to the target rank),
 *       right-closed, counts from the sketches' cumulative weights at the edges; then PSI, Jensen–Shannon,
 *       Hellinger;</li>
 *   <li>Wasserstein: ∫|F_R − F_C| dx between the two step CDFs, summed exactly over the merged retained items;
 *       normalised by the reference's sample standard deviation (n−1) from the profile's exact moments.</li>
 * </ul>
 * With at most {@value NumericProfile#EXACT_CAP} values (or n ≤ k) on both sides every figure equals exact mode's.
 * Beyond that, with k = 200 the spec's sketch-mode tolerances hold (KS ±0.03, binned distances ±0.02 or 10 %,
 * normalised Wasserstein ±0.05): KLL's rank error is ≈ 1.3 %.
 *
 * <p>Categorical features use the profiles' category counts with exactly {@link ExactDrift}'s formulas, so the figures
 * are exact while both profiles are ({@link #isApproximate}). A profile whose frequent-items sketch has purged
 * contributes its lower-bound counts plus one {@link #OTHER_CATEGORY} bucket holding the mass it could not attribute,
 * so each side still sums to its true size.
 */
public final class SketchDrift {
    /** Name of the bucket for counts a purged frequent-items sketch cannot attribute to a category. */
    public static final String OTHER_CATEGORY = "<other>";

    /** numpy's linspace(0.1, 0.9, 9), as ReferenceBins spells them, so uncompacted sketches match exact mode. */
    private static final double[] DECILES = ReferenceBins.decileProbabilities();

    private SketchDrift() {
    }

    /** Drift figures for two profiles of the same kind. */
    public static DriftFigures figures(FeatureProfile reference, FeatureProfile current) {
        if (reference instanceof NumericProfile r && current instanceof NumericProfile c) {
            return numeric(r, c);
        }
        if (reference instanceof CategoricalProfile r && current instanceof CategoricalProfile c) {
            return categorical(r, c);
        }
        throw new IllegalArgumentException("cannot compare a " + reference.type() + " profile with a "
                + current.type() + " profile");
    }

    /**
     * Numeric drift figures of {@code current} against {@code reference}.
     *
     * @throws IllegalArgumentException if either profile has no present value
     */
    public static NumericDriftFigures numeric(NumericProfile reference, NumericProfile current) {
        StepCdf r = nonEmpty(reference.distribution(), "reference");
        StepCdf c = nonEmpty(current.distribution(), "current");

        double ks = 0;
        double wasserstein = 0;
        // Walk the merged retained items in order; between consecutive points both CDFs are constant.
        double nr = r.n();
        double nc = c.n();
        long wr = 0;
        long wc = 0;
        int i = 0;
        int j = 0;
        double previous = Double.NaN;
        double previousGap = 0;
        while (i < r.size() || j < c.size()) {
            double x = Math.min(i < r.size() ? r.item(i) : Double.POSITIVE_INFINITY,
                    j < c.size() ? c.item(j) : Double.POSITIVE_INFINITY);
            if (i < r.size() && r.item(i) == x) {
                wr = r.cumulativeWeight(i++);
            }
            if (j < c.size() && c.item(j) == x) {
                wc = c.cumulativeWeight(j++);
            }
            if (!Double.isNaN(previous)) {
                wasserstein += previousGap * (x - previous);
            }
            double gap = Math.abs(wr / nr - wc / nc);
            ks = Math.max(ks, gap);
            previous = x;
            previousGap = gap;
        }

        double[] edges = decileEdges(r);
        double[] p = Distances.fractions(binCounts(r, edges));
        double[] q = Distances.fractions(binCounts(c, edges));
        List<Double> edgeList = new ArrayList<>(edges.length);
        for (double e : edges) {
            edgeList.add(e);
        }
        return new NumericDriftFigures(r.n(), c.n(), ks, KolmogorovSmirnov.pValue(ks, r.n(), c.n()),
                Distances.psi(p, q), wasserstein, normalise(wasserstein, reference.standardDeviation()),
                Distances.jensenShannon(p, q), Distances.hellinger(p, q), edgeList);
    }

    /** Distinct reference deciles (type 7 on the sketch's distribution), strictly increasing. */
    static double[] decileEdges(StepCdf reference) {
        double[] distinct = new double[DECILES.length];
        int count = 0;
        for (double d : DECILES) {
            double e = reference.quantileType7(d);
            if (count == 0 || e != distinct[count - 1]) {
                distinct[count++] = e;
            }
        }
        return Arrays.copyOf(distinct, count);
    }

    /** Weight per right-closed bin (−∞, e0], (e0, e1], …, (e_last, +∞), from cumulative weights at the edges. */
    static long[] binCounts(StepCdf cdf, double[] edges) {
        long[] counts = new long[edges.length + 1];
        long below = 0;
        for (int i = 0; i < edges.length; i++) {
            long atOrBelow = cdf.weightAtOrBelow(edges[i]);
            counts[i] = atOrBelow - below;
            below = atOrBelow;
        }
        counts[edges.length] = cdf.n() - below;
        return counts;
    }

    /** Same convention as exact mode: a constant reference gives 0 for no movement and +∞ for any. */
    private static double normalise(double wasserstein, double referenceSd) {
        if (referenceSd > 0) {
            return wasserstein / referenceSd;
        }
        return wasserstein == 0 ? 0 : Double.POSITIVE_INFINITY;
    }

    private static StepCdf nonEmpty(StepCdf cdf, String name) {
        if (cdf.n() == 0) {
            throw new IllegalArgumentException(name + " profile has no present value: drift needs one on each side");
        }
        return cdf;
    }

    /**
     * Categorical drift figures of {@code current} against {@code reference}: exact while neither profile
     * {@link CategoricalProfile#isApproximate() is approximate}.
     *
     * @throws IllegalArgumentException if either profile has no present value
     */
    public static CategoricalDriftFigures categorical(CategoricalProfile reference, CategoricalProfile current) {
        Map<String, Long> r = reference.frequencies();
        Map<String, Long> c = current.frequencies();
        String other = otherName(r, c);
        return ExactDrift.categorical(withUnattributed(r, reference.unattributed(), other),
                withUnattributed(c, current.unattributed(), other));
    }

    /** Whether categorical figures for these profiles are estimates rather than exact. */
    public static boolean isApproximate(CategoricalProfile reference, CategoricalProfile current) {
        return reference.isApproximate() || current.isApproximate();
    }

    private static Map<String, Long> withUnattributed(Map<String, Long> counts, long unattributed, String other) {
        if (unattributed <= 0) {
            return counts;
        }
        Map<String, Long> all = new HashMap<>(counts);
        all.put(other, unattributed);
        return all;
    }

    /** {@link #OTHER_CATEGORY}, primed until it differs from every real category on either side. */
    private static String otherName(Map<String, Long> r, Map<String, Long> c) {
        String name = OTHER_CATEGORY;
        while (r.containsKey(name) || c.containsKey(name)) {
            name += "'";
        }
        return name;
    }
}
