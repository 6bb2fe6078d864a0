package dev.driftline.drift.profile;

import java.util.Arrays;
import org.apache.datasketches.quantilescommon.DoublesSortedView;

/**
 * The distribution a quantile sketch stands for: strictly increasing items, each with the total weight (number of
 * stream values) at or below it. A KLL sketch that never compacted (n ≤ k) holds every value with weight 1, so this is
 * then exactly the empirical distribution of the stream; after compaction it is the sketch's approximation.
 *
 * <p>Immutable copy of the sketch's sorted view: the sketch keeps updating while callers compare distributions, and
 * the library's view exposes its internal arrays.
 */
public final class StepCdf {
    /** The distribution of no values. */
    public static final StepCdf EMPTY = new StepCdf(new double[0], new long[0]);

    private final double[] items;
    private final long[] cumulativeWeights;
    private final long n;

    private StepCdf(double[] items, long[] cumulativeWeights) {
        this.items = items;
        this.cumulativeWeights = cumulativeWeights;
        this.n = items.length == 0 ? 0 : cumulativeWeights[items.length - 1];
    }

    /** Copies a sketch's sorted view, folding repeated items into one step (the view may list a value twice). */
    static StepCdf of(DoublesSortedView view) {
        if (view.isEmpty()) {
            return EMPTY;
        }
        double[] q = view.getQuantiles();
        long[] w = view.getCumulativeWeights();
        double[] items = new double[q.length];
        long[] cum = new long[q.length];
        int size = 0;
        for (int i = 0; i < q.length; i++) {
            if (size > 0 && items[size - 1] == q[i]) {
                cum[size - 1] = w[i];
            } else {
                items[size] = q[i];
                cum[size] = w[i];
                size++;
            }
        }
        return new StepCdf(Arrays.copyOf(items, size), Arrays.copyOf(cum, size));
    }

    /**
     * A compacted sketch's distribution with exact tails: below the m-th smallest and at or above the m-th largest
     * value the counts come from the exact extremes, in between from the sketch, clamped to [m, n − m] (which the
     * exact tails imply) so the CDF stays monotone. Values below the m-th smallest are all among the m smallest, and
     * values above the m-th largest all among the m largest, so those counts are exact even with ties.
     *
     * @param lowest  the min(n, m) smallest values, ascending
     * @param highest the min(n, m) largest values, ascending
     */
    static StepCdf withExactTails(StepCdf sketch, double[] lowest, double[] highest) {
        long n = sketch.n;
        int m = lowest.length;
        if (n == 0) {
            return EMPTY;
        }
        if (n <= m) {
            return exact(lowest); // every value is among the m smallest
        }
        double lowCut = lowest[m - 1];
        double highCut = highest[0];
        double[] points = new double[lowest.length + sketch.items.length + highest.length];
        System.arraycopy(lowest, 0, points, 0, m);
        System.arraycopy(sketch.items, 0, points, m, sketch.items.length);
        System.arraycopy(highest, 0, points, m + sketch.items.length, highest.length);
        Arrays.sort(points);
        double[] items = new double[points.length];
        long[] cum = new long[points.length];
        int size = 0;
        for (double x : points) {
            if (size > 0 && items[size - 1] == x) {
                continue;
            }
            long atOrBelow;
            if (x < lowCut) {
                atOrBelow = countAtOrBelow(lowest, x);
            } else if (x >= highCut) {
                atOrBelow = n - (highest.length - countAtOrBelow(highest, x));
            } else {
                atOrBelow = Math.max(m, Math.min(n - m, sketch.weightAtOrBelow(x)));
            }
            items[size] = x;
            cum[size] = atOrBelow;
            size++;
        }
        return new StepCdf(Arrays.copyOf(items, size), Arrays.copyOf(cum, size));
    }

    /** The empirical distribution of a sorted sample. */
    static StepCdf exact(double[] sorted) {
        double[] items = new double[sorted.length];
        long[] cum = new long[sorted.length];
        int size = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (size > 0 && items[size - 1] == sorted[i]) {
                cum[size - 1] = i + 1;
            } else {
                items[size] = sorted[i];
                cum[size] = i + 1;
                size++;
            }
        }
        return size == 0 ? EMPTY : new StepCdf(Arrays.copyOf(items, size), Arrays.copyOf(cum, size));
    }

    private static int countAtOrBelow(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Number of stream values the distribution stands for. */
    public long n() {
        return n;
    }

    /** Number of distinct retained items (steps). */
    public int size() {
        return items.length;
    }

    /** The i-th smallest retained item. */
    public double item(int i) {
        return items[i];
    }

    /** Number of stream values ≤ {@link #item(int) item(i)}. */
    public long cumulativeWeight(int i) {
        return cumulativeWeights[i];
    }

    /** Copy of the retained items, strictly increasing. */
    public double[] items() {
        return items.clone();
    }

    /** Number of stream values ≤ x according to the sketch (exact when the sketch never compacted). */
    public long weightAtOrBelow(double x) {
        // Index of the first item > x; everything before it is ≤ x.
        int lo = 0;
        int hi = items.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (items[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == 0 ? 0 : cumulativeWeights[lo - 1];
    }

    /** P(X ≤ x), the inclusive (right-continuous) CDF. */
    public double cdf(double x) {
        return n == 0 ? Double.NaN : (double) weightAtOrBelow(x) / n;
    }

    /**
     * The order statistic x_(j), 0-based: the smallest item whose cumulative weight exceeds j. With n ≤ k this is the
     * j-th smallest value of the stream; otherwise the sketch's estimate of it.
     */
    public double orderStatistic(long j) {
        if (j < 0 || j >= n) {
            throw new IndexOutOfBoundsException("order statistic " + j + " of " + n);
        }
        int lo = 0;
        int hi = items.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulativeWeights[mid] > j) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return items[lo];
    }

    /**
     * The quantile at probability {@code p} with linear interpolation between order statistics (Hyndman–Fan type 7,
     * numpy's default {@code method="linear"}): h = (n−1)·p, x_(⌊h⌋) + (h−⌊h⌋)·(x_(⌊h⌋+1) − x_(⌊h⌋)). The
     * interpolation is written as numpy's {@code _lerp} (from the upper neighbour when the fraction is ≥ ½), as in
     * {@code ReferenceBins.quantileType7}, so a sketch that never compacted reproduces exact mode's edges bit for bit.
     *
     * <p>After compaction neighbouring order statistics usually fall on the same retained item, so this degrades
     * gracefully to the sketch's plain quantile: "approximate type 7".
     */
    public double quantileType7(double p) {
        if (n == 0) {
            return Double.NaN;
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1]: " + p);
        }
        double h = (n - 1) * p;
        long lower = (long) Math.floor(h);
        if (lower >= n - 1) {
            return orderStatistic(n - 1);
        }
        double t = h - lower;
        double a = orderStatistic(lower);
        double b = orderStatistic(lower + 1);
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
}
