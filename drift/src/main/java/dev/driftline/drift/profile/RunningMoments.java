package dev.driftline.drift.profile;

/**
 * Exact count, mean, sum of squared deviations (M2), sum, min and max of a stream of finite doubles, mergeable.
 *
 * <p>Values are added with Welford's update and summaries are merged with Chan, Golub &amp; LeVeque's pairwise
 * formula. Both avoid the catastrophic cancellation of the textbook Σx² − n·mean² (features such as timestamps or
 * prices have a large mean and a small spread), and the merge is exact algebra, so summaries of any partition of a
 * stream combine to the summary of the whole stream up to floating-point rounding (≈1e-15 relative, not sketch error).
 * The wasserstein_norm of the drift spec divides by the sample standard deviation computed from these moments.
 *
 * <p>Mutable; not thread-safe.
 */
public final class RunningMoments {
    private long n;
    private double mean;
    private double m2;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    public RunningMoments() {
    }

    /** Rebuilds a summary from its stored fields (deserialisation); no checks beyond n ≥ 0 and m2 ≥ 0. */
    public static RunningMoments of(long n, double mean, double m2, double sum, double min, double max) {
        if (n < 0 || !(m2 >= 0)) {
            throw new IllegalArgumentException("invalid moments: n=" + n + ", m2=" + m2);
        }
        RunningMoments m = new RunningMoments();
        m.n = n;
        m.mean = mean;
        m.m2 = m2;
        m.sum = sum;
        m.min = min;
        m.max = max;
        return m;
    }

    /** Adds one finite value (callers filter NaN and infinities: they would poison every figure). */
    public void add(double x) {
        n++;
        double delta = x - mean;
        mean += delta / n;
        m2 += delta * (x - mean);
        sum += x;
        if (x < min) {
            min = x;
        }
        if (x > max) {
            max = x;
        }
    }

    /** Merges {@code other} into this summary (Chan et al.); {@code other} is unchanged. */
    public void merge(RunningMoments other) {
        if (other.n == 0) {
            return;
        }
        if (n == 0) {
            n = other.n;
            mean = other.mean;
            m2 = other.m2;
            sum = other.sum;
            min = other.min;
            max = other.max;
            return;
        }
        long total = n + other.n;
        double delta = other.mean - mean;
        // delta·(nB/N) rather than delta·nB/N: nA·nB can overflow a double's exact integer range for huge streams.
        mean += delta * ((double) other.n / total);
        m2 += other.m2 + delta * delta * ((double) n / total) * other.n;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        n = total;
    }

    public RunningMoments copy() {
        return of(n, mean, m2, sum, min, max);
    }

    public long n() {
        return n;
    }

    /** Arithmetic mean, NaN when empty. */
    public double mean() {
        return n == 0 ? Double.NaN : mean;
    }

    /** Σ (x − mean)², 0 when empty. */
    public double m2() {
        return m2;
    }

    /** Sample variance with the n−1 denominator (numpy ddof=1), NaN for fewer than two values. */
    public double sampleVariance() {
        return n < 2 ? Double.NaN : m2 / (n - 1);
    }

    /** Sample standard deviation (n−1 denominator), NaN for fewer than two values. */
    public double sampleStandardDeviation() {
        return Math.sqrt(sampleVariance());
    }

    public double sum() {
        return sum;
    }

    /** Smallest value, NaN when empty. */
    public double min() {
        return n == 0 ? Double.NaN : min;
    }

    /** Largest value, NaN when empty. */
    public double max() {
        return n == 0 ? Double.NaN : max;
    }

    // Raw fields for the codec: min/max of an empty summary are ±infinity, which round-trips exactly.
    double rawMean() {
        return mean;
    }

    double rawMin() {
        return min;
    }

    double rawMax() {
        return max;
    }

    @Override
    public String toString() {
        return "RunningMoments[n=" + n + ", mean=" + mean() + ", sd=" + sampleStandardDeviation() + ", min=" + min()
                + ", max=" + max() + "]";
    }
}
