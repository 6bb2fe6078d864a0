package dev.driftline.drift.profile;

import java.util.Arrays;

/**
 * The m smallest and m largest values of a stream, exactly (default m = {@value #DEFAULT_M}), mergeable.
 *
 * <p>Why: a KLL sketch bounds rank error, not value error. After compaction one retained item stands for up to
 * 2^level values, so a lone outlier that survives compaction is counted 16 or 64 times, and one that does not is lost.
 * Rank-based figures (KS, decile bins) do not care, but the Wasserstein distance integrates over values, and for a
 * heavy-tailed feature (prices, counts, durations) one over-weighted outlier moved the normalised Wasserstein by 0.5
 * in about one sketch in six on the lognormal reference case. Keeping the extremes exactly makes the CDF exact
 * below the m-th smallest and above the m-th largest value ({@link NumericProfile#stepCdf()}), for 16·m bytes.
 *
 * <p>Merging keeps the m smallest/largest of the union, which is exactly associative and commutative.
 */
final class ExtremeValues {
    static final int DEFAULT_M = 32;

    private final int m;
    private double[] low; // ascending, the smallest values seen
    private int lowSize;
    private double[] high; // ascending, the largest values seen
    private int highSize;

    ExtremeValues(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("extreme-value count must be >= 1: " + m);
        }
        this.m = m;
        this.low = new double[m];
        this.high = new double[m];
    }

    /** Rebuilds from stored arrays (ascending, at most m each). */
    static ExtremeValues of(int m, double[] low, double[] high) {
        ExtremeValues e = new ExtremeValues(m);
        if (low.length > m || high.length > m || low.length != high.length) {
            throw new IllegalArgumentException("extreme values: " + low.length + "/" + high.length + " for m=" + m);
        }
        for (int i = 1; i < low.length; i++) {
            if (!(low[i - 1] <= low[i] && high[i - 1] <= high[i])) {
                throw new IllegalArgumentException("extreme values are not sorted");
            }
        }
        System.arraycopy(low, 0, e.low, 0, low.length);
        System.arraycopy(high, 0, e.high, 0, high.length);
        e.lowSize = low.length;
        e.highSize = high.length;
        return e;
    }

    /** The m smallest and largest order statistics of a distribution (e.g. a sketch's estimates of them). */
    static ExtremeValues ofOrderStatistics(StepCdf cdf, int m) {
        int c = (int) Math.min(cdf.n(), m);
        double[] low = new double[c];
        double[] high = new double[c];
        for (int j = 0; j < c; j++) {
            low[j] = cdf.orderStatistic(j);
            high[j] = cdf.orderStatistic(cdf.n() - c + j);
        }
        return of(m, low, high);
    }

    void add(double x) {
        // Fast rejection first: once full, almost every value is neither among the smallest nor the largest.
        if (lowSize < m || x < low[lowSize - 1]) {
            lowSize = insert(low, lowSize, x, true);
        }
        if (highSize < m || x > high[0]) {
            highSize = insert(high, highSize, x, false);
        }
    }

    /** Inserts x into the sorted prefix; when full, drops the largest (keepSmallest) or the smallest value. */
    private int insert(double[] a, int size, double x, boolean keepSmallest) {
        int pos = Arrays.binarySearch(a, 0, size, x);
        if (pos < 0) {
            pos = -pos - 1;
        }
        if (size < m) {
            System.arraycopy(a, pos, a, pos + 1, size - pos);
            a[pos] = x;
            return size + 1;
        }
        if (keepSmallest) {
            System.arraycopy(a, pos, a, pos + 1, size - 1 - pos);
            a[pos] = x;
        } else {
            // Shift the smaller values down over the smallest one and put x just below pos.
            System.arraycopy(a, 1, a, 0, pos - 1);
            a[pos - 1] = x;
        }
        return size;
    }

    void merge(ExtremeValues other) {
        low = mergeSorted(low, lowSize, other.low, other.lowSize, true);
        high = mergeSorted(high, highSize, other.high, other.highSize, false);
        lowSize = Math.min(m, lowSize + other.lowSize);
        highSize = Math.min(m, highSize + other.highSize);
    }

    private double[] mergeSorted(double[] a, int na, double[] b, int nb, boolean keepSmallest) {
        double[] all = new double[na + nb];
        System.arraycopy(a, 0, all, 0, na);
        System.arraycopy(b, 0, all, na, nb);
        Arrays.sort(all);
        int keep = Math.min(m, all.length);
        double[] out = new double[m];
        System.arraycopy(all, keepSmallest ? 0 : all.length - keep, out, 0, keep);
        return out;
    }

    ExtremeValues copy() {
        return of(m, lowest(), highest());
    }

    int m() {
        return m;
    }

    /** The smallest values, ascending (at most m; fewer while fewer values were seen). */
    double[] lowest() {
        return Arrays.copyOf(low, lowSize);
    }

    /** The largest values, ascending (at most m). */
    double[] highest() {
        return Arrays.copyOf(high, highSize);
    }
}
