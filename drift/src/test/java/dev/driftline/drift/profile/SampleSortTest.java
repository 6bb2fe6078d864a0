package dev.driftline.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SampleSortTest {
    /** Values of every kind a sample holds: signed zeros, ties, subnormals, extremes, one magnitude, wide spread. */
    private static double value(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> -0.0;
            case 1 -> 0.0;
            case 2 -> random.nextInt(5) - 2;
            case 3 -> Double.longBitsToDouble(random.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL) * (random.nextBoolean() ? 1 : -1);
            case 4 -> random.nextBoolean() ? Double.MIN_VALUE : -Double.MAX_VALUE;
            case 5 -> Double.MAX_VALUE;
            default -> 50 + 10 * random.nextGaussian();
        };
    }

    @Test
    void sortsAsArraysSortDoesBitForBit() {
        Random random = new Random(11);
        for (int round = 0; round < 3_000; round++) {
            int size = random.nextInt(ExactSample.CAP + 1);
            double[] values = new double[size + random.nextInt(8)]; // room past size, left alone
            for (int i = 0; i < values.length; i++) {
                values[i] = round % 3 == 0 ? 50 + 10 * random.nextGaussian() : value(random);
            }
            double[] expected = values.clone();
            Arrays.sort(expected, 0, size);
            SampleSort.sort(values, size);
            assertThat(Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray())
                    .as("round %d, %d values", round, size)
                    .isEqualTo(Arrays.stream(expected).mapToLong(Double::doubleToRawLongBits).toArray());
        }
    }

    @Test
    void keysOrderAsDoubleCompare() {
        double[] ascending = {-Double.MAX_VALUE, -1.5, -Double.MIN_VALUE, -0.0, 0.0, Double.MIN_VALUE, 1.5,
                Double.MAX_VALUE};
        for (int i = 0; i < ascending.length; i++) {
            assertThat(SampleSort.value(SampleSort.key(ascending[i]))).isEqualTo(ascending[i]);
            if (i > 0) {
                assertThat(Long.compareUnsigned(SampleSort.key(ascending[i - 1]), SampleSort.key(ascending[i])))
                        .isNegative();
            }
        }
    }
}
