package dev.driftline.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExtremeValuesTest {

    @Test
    void keepsTheSmallestAndLargestExactly() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int n : new int[] {0, 1, 5, 8, 9, 100, 10_000}) {
            double[] xs = new double[n];
            ExtremeValues e = new ExtremeValues(8);
            for (int i = 0; i < n; i++) {
                xs[i] = rnd.nextInt(20) == 0 ? 3.0 : rnd.nextGaussian(); // some ties
                e.add(xs[i]);
            }
            Arrays.sort(xs);
            int k = Math.min(n, 8);
            assertThat(e.lowest()).isEqualTo(Arrays.copyOf(xs, k));
            assertThat(e.highest()).isEqualTo(Arrays.copyOfRange(xs, n - k, n));
        }
    }

    @Test
    void mergeEqualsOneStreamInAnyOrder() {
        SplittableRandom rnd = new SplittableRandom(2);
        ExtremeValues whole = new ExtremeValues(16);
        ExtremeValues[] parts = {new ExtremeValues(16), new ExtremeValues(16), new ExtremeValues(16)};
        for (int i = 0; i < 5_000; i++) {
            double x = rnd.nextDouble();
            whole.add(x);
            parts[i < 10 ? 0 : i < 2_000 ? 1 : 2].add(x);
        }
        ExtremeValues abc = parts[0].copy();
        abc.merge(parts[1]);
        abc.merge(parts[2]);
        ExtremeValues cba = parts[2].copy();
        cba.merge(parts[1]);
        cba.merge(parts[0]);
        for (ExtremeValues e : new ExtremeValues[] {abc, cba}) {
            assertThat(e.lowest()).isEqualTo(whole.lowest());
            assertThat(e.highest()).isEqualTo(whole.highest());
        }
    }
}
