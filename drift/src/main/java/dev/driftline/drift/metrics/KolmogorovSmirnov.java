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
 * but keeps it package-private behind its one-sample test. We call that method rather than re-implementing a
 * delicate numerical algorithm; the reference-vector tests pin the result, so a library change that moved or
 * altered it would fail loudly.
 */
public final class KolmogorovSmirnov {
    private static final MethodHandle SF = findSf();

    private KolmogorovSmirnov() {
    }

    /** Effective sample size N = round(n·m/(n+m)). */
    public static int effectiveN(long n, long m) {
        return (int) Math.round((double) n * m / (n + m));
    }

    /** P(D_N ≥ d) for the one-sample Kolmogorov distribution of size {@code n}. */
    public static double sf(double d, int n) {
        if (d <= 0) {
            return 1;
        }
        if (d >= 1) {
            return 0;
        }
        try {
            return (double) SF.invokeExact(d, n);
        } catch (Throwable e) {
            throw new IllegalStateException("Kolmogorov distribution failed for D=" + d + ", N=" + n, e);
        }
    }

    /** The spec's two-sample p-value for statistic {@code d} and sample sizes {@code n}, {@code m}. */
    public static double pValue(double d, long n, long m) {
        return sf(d, effectiveN(n, m));
    }

    private static MethodHandle findSf() {
        try {
            Class<?> one = Class.forName("org.apache.commons.statistics.inference.KolmogorovSmirnovDistribution$Two");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(one, MethodHandles.lookup());
            return lookup.findStatic(one, "sf", MethodType.methodType(double.class, double.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("Commons Statistics' Kolmogorov distribution not found "
                    + "(commons-statistics-inference 1.2 expected): " + e);
        }
    }
}
