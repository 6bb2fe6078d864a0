package dev.driftline.drift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

/** The spec's exact-mode tolerances (drift-metrics.md, "Exact mode"). */
public final class ExactTolerance {
    /** Statistics and distances: relative error. */
    public static final double RELATIVE = 1e-9;
    /** Statistics and distances near 0: absolute error. */
    public static final double ABSOLUTE_NEAR_ZERO = 1e-12;
    /** p-values: absolute error, or {@link #PVALUE_RELATIVE} relative, whichever is larger. */
    public static final double PVALUE_ABSOLUTE = 1e-6;
    public static final double PVALUE_RELATIVE = 1e-3;

    private ExactTolerance() {
    }

    /** Statistic or distance within relative 1e-9, or absolute 1e-12 for a figure near 0. */
    public static void assertFigure(String what, double actual, double expected) {
        double allowed = Math.max(RELATIVE * Math.abs(expected), ABSOLUTE_NEAR_ZERO);
        assertThat(Math.abs(actual - expected))
                .as("%s: actual %s, expected %s (allowed error %s)", what, actual, expected, allowed)
                .isLessThanOrEqualTo(allowed);
    }

    /** p-value within 1e-6 absolute or 0.1 % relative, whichever is larger. */
    public static void assertPValue(String what, double actual, double expected) {
        double allowed = Math.max(PVALUE_ABSOLUTE, PVALUE_RELATIVE * Math.abs(expected));
        assertThat(Math.abs(actual - expected))
                .as("%s: actual %s, expected %s (allowed error %s)", what, actual, expected, allowed)
                .isLessThanOrEqualTo(allowed);
    }
}
