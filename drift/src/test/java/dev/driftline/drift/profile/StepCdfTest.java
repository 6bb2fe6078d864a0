package dev.driftline.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.drift.metrics.ReferenceBins;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

class StepCdfTest {

    @Test
    void exactDistributionWithTies() {
        StepCdf cdf = StepCdf.exact(new double[] {1, 2, 2, 2, 5});
        assertThat(cdf.n()).isEqualTo(5);
        assertThat(cdf.items()).containsExactly(1, 2, 5);
        assertThat(cdf.weightAtOrBelow(0.5)).isZero();
        assertThat(cdf.weightAtOrBelow(2)).isEqualTo(4); // inclusive: P(X ≤ 2)
        assertThat(cdf.weightAtOrBelow(4.9)).isEqualTo(4);
        assertThat(cdf.cdf(5)).isEqualTo(1);
        assertThat(cdf.orderStatistic(0)).isEqualTo(1);
        assertThat(cdf.orderStatistic(1)).isEqualTo(2);
        assertThat(cdf.orderStatistic(3)).isEqualTo(2);
        assertThat(cdf.orderStatistic(4)).isEqualTo(5);
        assertThatThrownBy(() -> cdf.orderStatistic(5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(StepCdf.EMPTY.cdf(1)).isNaN();
        assertThat(StepCdf.EMPTY.quantileType7(0.5)).isNaN();
    }

    @Test
    void type7QuantilesMatchExactModeBitForBit() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + rnd.nextInt(500);
            double[] sample = new double[n];
            for (int i = 0; i < n; i++) {
                sample[i] = trial % 2 == 0 ? rnd.nextGaussian() : rnd.nextInt(7); // continuous, then tie-heavy
            }
            Arrays.sort(sample);
            StepCdf cdf = StepCdf.exact(sample);
            for (int i = 0; i <= 100; i++) {
                double p = i / 100.0;
                assertThat(cdf.quantileType7(p)).isEqualTo(ReferenceBins.quantileType7(sample, p));
            }
        }
    }

    @Test
    void uncompactedSketchViewIsTheSample() {
        KllDoublesSketch kll = KllDoublesSketch.newHeapInstance(200);
        double[] sample = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
        for (double v : sample) {
            kll.update(v);
        }
        Arrays.sort(sample);
        StepCdf fromSketch = StepCdf.of(kll.getSortedView());
        StepCdf exact = StepCdf.exact(sample);
        assertThat(fromSketch.items()).isEqualTo(exact.items());
        for (int i = 0; i < exact.size(); i++) {
            assertThat(fromSketch.cumulativeWeight(i)).isEqualTo(exact.cumulativeWeight(i));
        }
    }

    @Test
    void exactTailsOnACompactedSketchWithTies() {
        // Integer data with heavy ties at both ends; k = 16 compacts a lot.
        KllRandom.seed(3);
        KllDoublesSketch kll = KllDoublesSketch.newHeapInstance(16);
        SplittableRandom rnd = new SplittableRandom(5);
        double[] sample = new double[3_000];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = i < 100 ? 0 : i < 3_000 - 40 ? 1 + rnd.nextInt(50) : 1000 + i;
            kll.update(sample[i]);
        }
        Arrays.sort(sample);
        ExtremeValues e = new ExtremeValues(32);
        for (double v : sample) {
            e.add(v);
        }
        StepCdf cdf = StepCdf.withExactTails(StepCdf.of(kll.getSortedView()), e.lowest(), e.highest());
        StepCdf exact = StepCdf.exact(sample);
        assertThat(cdf.n()).isEqualTo(sample.length);
        long previous = 0;
        for (int i = 0; i < cdf.size(); i++) {
            assertThat(cdf.cumulativeWeight(i)).isGreaterThanOrEqualTo(previous);
            previous = cdf.cumulativeWeight(i);
        }
        // From the 32nd largest value (2_968 + 1000) on, exact; below the 32nd smallest (0, tied) nothing to check.
        for (double x = sample[sample.length - 32]; x <= sample[sample.length - 1] + 1; x += 0.5) {
            assertThat(cdf.weightAtOrBelow(x)).as("x=%s", x).isEqualTo(exact.weightAtOrBelow(x));
        }
        assertThat(cdf.weightAtOrBelow(-1)).isZero();
        assertThat(cdf.weightAtOrBelow(0)).isGreaterThanOrEqualTo(32);
    }
}
