package dev.driftline.drift.metrics;

/**
 * Exact comparisons of the empirical CDFs of two full samples: the Kolmogorov–Smirnov statistic
 * D = sup |F_R − F_C| and the 1-Wasserstein distance ∫ |F_R − F_C| dx.
 *
 * <p>Both CDFs are step functions that only change at sample values, so one walk through the merged sorted values
 * gives both exactly. At each distinct value x every copy of x in both samples is consumed before the CDFs are
 * compared: with ties, comparing after only one sample's copies would report a gap that no x actually has (the
 * classic way a naive merge overstates D on integer data).
 *
 * <p>With i of n reference and j of m current values at or below x, F_R − F_C = (i·m − j·n)/(n·m); keeping the
 * numerator in integer arithmetic means identical samples give exactly 0 and D is rounded once, not per step.
 */
public final class EmpiricalCdfs {
    private EmpiricalCdfs() {
    }

    /** D and W1 of two samples; see the class comment. */
    public record Comparison(double ksStatistic, double wasserstein) {
    }

    /**
     * Compares two samples, each sorted ascending (checked), non-empty and free of NaN.
     *
     * @param sortedReference reference sample R, ascending
     * @param sortedCurrent   current sample C, ascending
     */
    public static Comparison compare(double[] sortedReference, double[] sortedCurrent) {
        requireSorted(sortedReference, "reference");
        requireSorted(sortedCurrent, "current");
        double[] a = sortedReference;
        double[] b = sortedCurrent;
        long n = a.length;
        long m = b.length;
        int i = 0;
        int j = 0;
        long maxGap = 0;
        // Neumaier-compensated sum of |i·m − j·n|·Δx, so long samples lose no precision to the summation order.
        double sum = 0;
        double compensation = 0;
        while (i < n || j < m) {
            double x = j >= m || (i < n && a[i] <= b[j]) ? a[i] : b[j];
            while (i < n && a[i] == x) {
                i++;
            }
            while (j < m && b[j] == x) {
                j++;
            }
            long gap = Math.abs(i * m - j * n);
            maxGap = Math.max(maxGap, gap);
            if (gap != 0 && (i < n || j < m)) {
                double next = j >= m || (i < n && a[i] <= b[j]) ? a[i] : b[j];
                double term = gap * (next - x);
                double t = sum + term;
                compensation += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
                sum = t;
            }
        }
        double nm = (double) n * m;
        return new Comparison(maxGap / nm, (sum + compensation) / nm);
    }

    private static void requireSorted(double[] sample, String name) {
        if (sample.length == 0) {
            throw new IllegalArgumentException(name + " sample is empty");
        }
        for (int k = 0; k < sample.length; k++) {
            if (Double.isNaN(sample[k])) {
                throw new IllegalArgumentException(name + " sample contains NaN at index " + k);
            }
            if (k > 0 && sample[k] < sample[k - 1]) {
                throw new IllegalArgumentException(name + " sample is not sorted ascending at index " + k);
            }
        }
    }
}
