package dev.driftline.drift.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * The bins the binned drift metrics (PSI, Jensen–Shannon, Hellinger) use for a numeric feature: edges are the
 * distinct reference deciles 0.1 … 0.9 (Hyndman–Fan type 7, numpy's default), and the bins are right-closed,
 * (−∞, e0], (e0, e1], …, (e_last, +∞). Deciles of the reference put about a tenth of the reference in each bin, so
 * the metrics compare like-sized bins whatever the feature's scale; ties (integer or heavily repeated values) merge
 * edges, which is why only distinct values are kept.
 *
 * <p>Immutable; the edges are finite and strictly increasing.
 */
public final class ReferenceBins {
    private static final int DECILES = 9;

    /**
     * 0.1 … 0.9 as numpy's {@code linspace(0.1, 0.9, 9)} spells them (i·0.1 + 0.1, so 0.3 and 0.7 are one ulp above
     * the nearest doubles). Any spelling is within the spec's 1e-9; this one reproduces the reference vectors'
     * edges bit for bit, which keeps "same bins" an equality check between implementations.
     */
    private static final double[] DECILE_PROBABILITIES = computeDecileProbabilities();

    private final double[] edges;

    private ReferenceBins(double[] edges) {
        this.edges = edges;
    }

    /** Bins from an unsorted reference sample (copied, not modified). */
    public static ReferenceBins fromReference(double[] reference) {
        double[] sorted = reference.clone();
        Arrays.sort(sorted);
        return fromSortedReference(sorted);
    }

    /** Bins from a reference sample already sorted ascending (not checked beyond the first and last value). */
    public static ReferenceBins fromSortedReference(double[] sorted) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("reference bins need a non-empty reference sample");
        }
        if (!Double.isFinite(sorted[0]) || !Double.isFinite(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("reference bins need finite values (NaN and infinities are missing)");
        }
        double[] deciles = new double[DECILES];
        for (int i = 0; i < DECILES; i++) {
            deciles[i] = quantileType7(sorted, DECILE_PROBABILITIES[i]);
        }
        // Deciles of a sorted sample are non-decreasing, so distinct values are the ones differing from the last kept.
        double[] distinct = new double[DECILES];
        int count = 0;
        for (double d : deciles) {
            if (count == 0 || d != distinct[count - 1]) {
                distinct[count++] = d;
            }
        }
        return new ReferenceBins(Arrays.copyOf(distinct, count));
    }

    /**
     * Bins with the given edges, e.g. edges stored with a baseline or taken from a sketch's quantiles; they must be
     * finite and strictly increasing (at least one).
     */
    public static ReferenceBins ofEdges(double... edges) {
        if (edges.length == 0) {
            throw new IllegalArgumentException("reference bins need at least one edge");
        }
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i])) {
                throw new IllegalArgumentException("bin edge " + i + " is not finite: " + edges[i]);
            }
            if (i > 0 && edges[i] <= edges[i - 1]) {
                throw new IllegalArgumentException("bin edges must be strictly increasing: " + Arrays.toString(edges));
            }
        }
        return new ReferenceBins(edges.clone());
    }

    /** The decile probabilities 0.1 … 0.9 exactly as numpy's linspace spells them (a copy). */
    public static double[] decileProbabilities() {
        return DECILE_PROBABILITIES.clone();
    }

    private static double[] computeDecileProbabilities() {
        double step = (0.9 - 0.1) / (DECILES - 1);
        double[] p = new double[DECILES];
        for (int i = 0; i < DECILES - 1; i++) {
            p[i] = i * step + 0.1;
        }
        p[DECILES - 1] = 0.9;
        return p;
    }

    /**
     * Quantile {@code p} of a sorted sample by linear interpolation between order statistics (Hyndman–Fan type 7,
     * numpy's default {@code method="linear"}): h = (n−1)·p, result = x[⌊h⌋] + (h−⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
     *
     * <p>The interpolation is written exactly as numpy's {@code _lerp} (from the lower value when the fraction is
     * below ½, from the upper one otherwise) so the edges agree to the last bit rather than just closely; that
     * form also returns x exactly when both neighbours equal x.
     */
    public static double quantileType7(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("quantile of an empty sample");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile probability must be in [0, 1]: " + p);
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double t = h - lo;
        double a = sorted[lo];
        double b = sorted[lo + 1];
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /** Number of bins: one more than the number of edges. */
    public int binCount() {
        return edges.length + 1;
    }

    /** The edges, ascending (a copy). */
    public double[] edges() {
        return edges.clone();
    }

    /** The edges as a list, the form {@link NumericDriftFigures#binEdges()} reports. */
    public List<Double> edgeList() {
        return Arrays.stream(edges).boxed().toList();
    }

    /**
     * Index of the bin holding {@code value}: the number of edges strictly below it, so a value equal to an edge
     * falls in the lower bin (right-closed bins, numpy's {@code searchsorted(edges, x, side="left")}).
     */
    public int binOf(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("NaN has no bin (count it as missing)");
        }
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Count of values per bin, for a sample in any order (each value placed by binary search over the edges). */
    public long[] counts(double[] sample) {
        long[] counts = new long[binCount()];
        for (double v : sample) {
            counts[binOf(v)]++;
        }
        return counts;
    }

    @Override
    public String toString() {
        return "ReferenceBins" + Arrays.toString(edges);
    }
}
