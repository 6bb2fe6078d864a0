package dev.driftline.drift.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SampleMomentsTest {

    @Test
    void smallSample() {
        double[] x = {1, 2, 3, 4};
        assertThat(SampleMoments.mean(x)).isEqualTo(2.5);
        // deviations ±1.5, ±0.5 → 2.25 + 0.25 + 0.25 + 2.25 = 5; sd = √(5/3)
        assertThat(SampleMoments.sumOfSquaredDeviations(x)).isEqualTo(5);
        assertThat(SampleMoments.sampleStandardDeviation(x)).isCloseTo(Math.sqrt(5.0 / 3), within(1e-15));
    }

    @Test
    void largeOffsetDoesNotCancel() {
        // Σx² − (Σx)²/n would subtract two numbers near 4e18 whose ulp is 512: the answer 5 would be lost entirely.
        double[] x = {1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4};
        assertThat(SampleMoments.sumOfSquaredDeviations(x)).isEqualTo(5);
        assertThat(SampleMoments.mean(x)).isEqualTo(1e9 + 2.5);
    }

    @Test
    void degenerateSamples() {
        assertThat(SampleMoments.sampleStandardDeviation(new double[] {3})).isNaN();
        assertThat(SampleMoments.sampleStandardDeviation(new double[] {0.1, 0.1, 0.1})).isZero();
        assertThatThrownBy(() -> SampleMoments.mean(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
