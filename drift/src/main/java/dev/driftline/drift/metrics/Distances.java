package dev.driftline.drift.metrics;

/**
 * Distances between two discrete distributions over the same bins (numeric bins or categories), exactly as
 * defined in the drift-metrics spec. {@code p} is the reference, {@code q} the current window; both are fractions
 * that sum to 1 (an empty sample gives no distribution and must not reach here).
 */
public final class Distances {
    /** PSI replaces every fraction below this by it (no renormalisation), so empty bins do not give infinity. */
    public static final double PSI_EPSILON = 1e-4;

    private Distances() {
    }

    /** Population stability index: Σ (q−p)·ln(q/p) with fractions floored at {@link #PSI_EPSILON}. */
    public static double psi(double[] p, double[] q) {
        requireSameLength(p, q);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double pi = Math.max(p[i], PSI_EPSILON);
            double qi = Math.max(q[i], PSI_EPSILON);
            sum += (qi - pi) * Math.log(qi / pi);
        }
        return sum;
    }

    /** Jensen–Shannon distance (square root of the divergence), base-2 logarithms, range [0, 1]. */
    public static double jensenShannon(double[] p, double[] q) {
        requireSameLength(p, q);
        double divergence = 0;
        for (int i = 0; i < p.length; i++) {
            double m = 0.5 * (p[i] + q[i]);
            divergence += 0.5 * klTerm(p[i], m) + 0.5 * klTerm(q[i], m);
        }
        // Rounding can leave a tiny negative divergence for identical distributions.
        return Math.sqrt(Math.max(0, divergence / Math.log(2)));
    }

    /** Hellinger distance: sqrt(½ Σ (√p − √q)²), range [0, 1]. */
    public static double hellinger(double[] p, double[] q) {
        requireSameLength(p, q);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double d = Math.sqrt(p[i]) - Math.sqrt(q[i]);
            sum += d * d;
        }
        return Math.sqrt(0.5 * sum);
    }

    /** L-infinity distance max |p − q| (SageMaker Model Monitor's categorical comparison). */
    public static double linf(double[] p, double[] q) {
        requireSameLength(p, q);
        double max = 0;
        for (int i = 0; i < p.length; i++) {
            max = Math.max(max, Math.abs(p[i] - q[i]));
        }
        return max;
    }

    /** Fractions from counts; all zeros when the total is zero. */
    public static double[] fractions(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double[] f = new double[counts.length];
        if (total > 0) {
            for (int i = 0; i < counts.length; i++) {
                f[i] = (double) counts[i] / total;
            }
        }
        return f;
    }

    /** x·ln(x/m) with the convention 0·ln 0 = 0. */
    private static double klTerm(double x, double m) {
        return x > 0 ? x * Math.log(x / m) : 0;
    }

    private static void requireSameLength(double[] p, double[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException("distributions over different bins: " + p.length + " vs " + q.length);
        }
    }
}
