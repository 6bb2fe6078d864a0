package dev.driftline.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunningMomentsTest {

    /** Mean and M2 computed exactly in BigDecimal, the yardstick. */
    static double[] exact(double[] xs) {
        MathContext mc = MathContext.DECIMAL128;
        BigDecimal sum = BigDecimal.ZERO;
        for (double x : xs) {
            sum = sum.add(new BigDecimal(x));
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(xs.length), mc);
        BigDecimal m2 = BigDecimal.ZERO;
        for (double x : xs) {
            BigDecimal d = new BigDecimal(x).subtract(mean);
            m2 = m2.add(d.multiply(d, mc), mc);
        }
        return new double[] {mean.doubleValue(), m2.doubleValue()};
    }

    @Test
    void accurateEvenWithALargeOffset() {
        // Timestamps-like: mean 1.7e9, sd 1. The textbook Σx² − n·mean² loses every digit here.
        SplittableRandom rnd = new SplittableRandom(1);
        double[] xs = new double[100_000];
        RunningMoments m = new RunningMoments();
        for (int i = 0; i < xs.length; i++) {
            xs[i] = 1.7e9 + rnd.nextGaussian();
            m.add(xs[i]);
        }
        double[] exact = exact(xs);
        assertThat(Math.abs(m.mean() - exact[0]) / exact[0]).isLessThan(1e-13);
        assertThat(Math.abs(m.m2() - exact[1]) / exact[1]).isLessThan(1e-6);
    }

    @Test
    void mergeMatchesOneStream() {
        SplittableRandom rnd = new SplittableRandom(2);
        double[] xs = rnd.doubles(10_000, -50, 150).toArray();
        RunningMoments whole = new RunningMoments();
        RunningMoments a = new RunningMoments();
        RunningMoments b = new RunningMoments();
        for (int i = 0; i < xs.length; i++) {
            whole.add(xs[i]);
            (i < 3_000 ? a : b).add(xs[i]);
        }
        RunningMoments ab = a.copy();
        ab.merge(b);
        RunningMoments ba = b.copy();
        ba.merge(a);
        double[] exact = exact(xs);
        for (RunningMoments m : new RunningMoments[] {whole, ab, ba}) {
            assertThat(m.n()).isEqualTo(xs.length);
            assertThat(Math.abs(m.mean() - exact[0]) / Math.abs(exact[0])).isLessThan(1e-12);
            assertThat(Math.abs(m.m2() - exact[1]) / exact[1]).isLessThan(1e-12);
            assertThat(m.min()).isEqualTo(whole.min());
            assertThat(m.max()).isEqualTo(whole.max());
            assertThat(m.sum()).isCloseTo(whole.sum(), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void emptyAndTinySummaries() {
        RunningMoments empty = new RunningMoments();
        assertThat(empty.mean()).isNaN();
        assertThat(empty.min()).isNaN();
        assertThat(empty.max()).isNaN();
        assertThat(empty.sampleVariance()).isNaN();
        RunningMoments one = new RunningMoments();
        one.add(4);
        assertThat(one.mean()).isEqualTo(4);
        assertThat(one.sampleStandardDeviation()).isNaN();
        RunningMoments merged = empty.copy();
        merged.merge(one);
        merged.merge(new RunningMoments());
        assertThat(merged.n()).isEqualTo(1);
        assertThat(merged.min()).isEqualTo(4);
        one.add(6);
        assertThat(one.sampleVariance()).isEqualTo(2);
        assertThatThrownBy(() -> RunningMoments.of(-1, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
