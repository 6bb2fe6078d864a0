package dev.driftline.drift.metrics;

/**
 * Mean and spread of a sample, computed so that a large common offset (e.g. timestamps, prices around 10⁶) does
 * not wipe out the variance: the textbook Σx² − (Σx)²/n cancels catastrophically there. We use the corrected
 * two-pass algorithm (Chan, Golub &amp; LeVeque): deviations from a first-pass mean, minus the square of their sum
 * (which would be 0 in exact arithmetic) to cancel the first-pass mean's own rounding error.
 */
public final class SampleMoments {
    private SampleMoments() {
    }

    /** Arithmetic mean (with the same first-pass correction). */
    public static double mean(double[] x) {
        requireNonEmpty(x);
        double m0 = compensatedSum(x) / x.length;
        double deviationSum = 0;
        for (double v : x) {
            deviationSum += v - m0;
        }
        return m0 + deviationSum / x.length;
    }

    /** Σ (x − mean)², the basis of the variance and of R²'s total sum of squares. */
    public static double sumOfSquaredDeviations(double[] x) {
        requireNonEmpty(x);
        if (isConstant(x)) {
            // Exactly 0, not the 1e-34 that a mean of, say, three 0.1s rounded off 0.1 would leave: callers test
            // "no spread" with == 0 (e.g. the normalised Wasserstein of a constant reference).
            return 0;
        }
        double m0 = compensatedSum(x) / x.length;
        double sum = 0;
        double sumSquares = 0;
        for (double v : x) {
            double d = v - m0;
            sum += d;
            sumSquares += d * d;
        }
        return Math.max(0, sumSquares - sum * sum / x.length);
    }

    /** Sample standard deviation with the n−1 denominator; NaN for a single value (undefined). */
    public static double sampleStandardDeviation(double[] x) {
        requireNonEmpty(x);
        if (x.length < 2) {
            return Double.NaN;
        }
        return Math.sqrt(sumOfSquaredDeviations(x) / (x.length - 1));
    }

    private static boolean isConstant(double[] x) {
        for (double v : x) {
            if (v != x[0]) {
                return false;
            }
        }
        return true;
    }

    /** Neumaier-compensated Σx. */
    private static double compensatedSum(double[] x) {
        double sum = 0;
        double compensation = 0;
        for (double v : x) {
            double t = sum + v;
            compensation += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }
        return sum + compensation;
    }

    private static void requireNonEmpty(double[] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("empty sample");
        }
    }
}
