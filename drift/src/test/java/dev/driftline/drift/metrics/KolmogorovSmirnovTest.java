package dev.driftline.drift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast approximations beyond N = 140 stay within the spec's p-value tolerance of the exact distribution. */
class KolmogorovSmirnovTest {
    @ParameterizedTest
    @ValueSource(ints = {141, 300, 990, 5000, 13333})
    void approximationsMatchTheExactValueWithinTheSpecTolerance(int n) {
        for (double x = 0.05; x < 12; x *= 1.2) { // x = n·d²: p from ~1 down to ~1e-10
            double d = Math.sqrt(x / n);
            double exact = KolmogorovSmirnov.exactSf(d, n);
            double fast = KolmogorovSmirnov.sf(d, n);
            double tolerance = Math.max(1e-6, 1e-3 * exact);
            assertThat(Math.abs(fast - exact)).as("N=%d d=%s exact=%s fast=%s", n, d, exact, fast)
                    .isLessThanOrEqualTo(tolerance);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {141, 2000, 50000})
    void isMonotoneInD(int n) {
        double previous = 1;
        for (double d = 0.001; d < 0.5; d += 0.001) {
            double p = KolmogorovSmirnov.sf(d, n);
            assertThat(p).as("N=%d d=%s", n, d).isLessThanOrEqualTo(previous + 1e-12);
            previous = p;
        }
    }
}
