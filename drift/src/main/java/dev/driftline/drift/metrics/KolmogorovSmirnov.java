package dev.driftline.drift.metrics;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The two-sample KS p-value as the spec defines it: P(D_N ≥ D) under the one-sample Kolmogorov distribution with
 * N = round(n·m/(n+m)), i.e. scipy's {@code kstwo.sf(D, N)} used by {@code ks_2samp(method="asymp")}.
 *
 * <p>Apache Commons Statistics implements exactly that distribution (Simard &amp; L'Ecuyer: Durbin/Pomeranz for
 * small N, Pelz–Good and the limiting form beyond) in {@code KolmogorovSmirnovDistribution.Two.sf(double, int)} (two-sided; {@code One} is the one-sided Smirnov distribution),
 * but keeps it (and its Pelz–Good series) package-private behind its one-sample test. We call that method rather than re-implementing a
 * delicate numerical algorithm; the reference-vector tests pin the result, so a library change that moved or
 * altered it would fail loudly.
 */
public final class KolmogorovSmirnov {
    /** Up to this N the exact computation is used; beyond it the Pelz–Good asymptotic series (as scipy does). */
    static final int EXACT_MAX_N = 140;
    /** Pelz–Good is used up to this n·d² (p ≈ 1e-6); beyond it {@link #tail}. */
    static final double PELZ_GOOD_MAX_X = 7.3;

    private static final MethodHandle SF = find("sf");
    private static final MethodHandle PELZ_GOOD = find("pelzGood");

    private KolmogorovSmirnov() {
    }

    /** Effective sample size N = round(n·m/(n+m)). */
    public static int effectiveN(long n, long m) {
        return (int) Math.round((double) n * m / (n + m));
    }

    /**
     * P(D_N ≥ d) for the two-sided one-sample Kolmogorov distribution of size {@code n}.
     *
     * <p>For N ≤ 140 the exact value; beyond, the Pelz–Good series. The exact Durbin-matrix path costs
     * milliseconds to tens of milliseconds for N in the thousands (measured here: 70 ms at N = 50,000), which would
     * make every window's evaluation expensive; Pelz–Good takes microseconds and, checked against the exact value
     * over N = 141…50,000 and p down to 1e-6, stays within 6 % of the spec's tolerance (1e-6 absolute or 0.1 %
     * relative).
     */
    public static double sf(double d, int n) {
        if (d <= 0 || n <= 0) {
            return 1;
        }
        if (d >= 1) {
            return 0;
        }
        try {
            if (n <= EXACT_MAX_N) {
                return (double) SF.invokeExact(d, n);
            }
            if ((double) n * d * d > PELZ_GOOD_MAX_X) {
                return tail(d, n);
            }
            return Math.min(1, Math.max(0, (double) PELZ_GOOD.invokeExact(d, n)));
        } catch (Throwable e) {
            throw new IllegalStateException("Kolmogorov distribution failed for D=" + d + ", N=" + n, e);
        }
    }

    /**
     * Deep tail (p below about 1e-6, where the spec's tolerance is absolute): the limiting Kolmogorov series with
     * Stephens' finite-sample correction. Pelz–Good is not reliable this far out (it returned 0 and values out of
     * order there), and the exact path is slow; this is monotone in d and far inside the 1e-6 tolerance.
     */
    static double tail(double d, int n) {
        double sqrtN = Math.sqrt(n);
        double t = d * (sqrtN + 0.12 + 0.11 / sqrtN);
        double sum = 0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * t * t);
            sum += (k % 2 == 1 ? term : -term);
            if (term < 1e-300) {
                break;
            }
        }
        return Math.min(1, Math.max(0, 2 * sum));
    }

    /** The exact value at any N (slow for large N); for tests that pin the approximations. */
    static double exactSf(double d, int n) {
        try {
            return (double) SF.invokeExact(d, n);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The spec's two-sample p-value for statistic {@code d} and sample sizes {@code n}, {@code m}. */
    public static double pValue(double d, long n, long m) {
        return sf(d, effectiveN(n, m));
    }

    private static MethodHandle find(String name) {
        try {
            Class<?> two = Class.forName("org.apache.commons.statistics.inference.KolmogorovSmirnovDistribution$Two");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(two, MethodHandles.lookup());
            return lookup.findStatic(two, name, MethodType.methodType(double.class, double.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("Commons Statistics' Kolmogorov distribution not found "
                    + "(commons-statistics-inference 1.2 expected): " + e);
        }
    }
}
