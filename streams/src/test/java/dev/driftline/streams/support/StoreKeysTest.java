package dev.driftline.streams.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StoreKeysTest {
    @Test
    void paddedNumbersHaveNineteenDigitsAndSortAsTheNumbers() {
        assertThat(StoreKeys.padded(0)).isEqualTo("0000000000000000000");
        assertThat(StoreKeys.padded(1_763_719_200_000L)).isEqualTo("0000001763719200000");
        assertThat(StoreKeys.padded(Long.MAX_VALUE)).isEqualTo(Long.toString(Long.MAX_VALUE));
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            long a = (random.nextLong() & Long.MAX_VALUE) >>> random.nextInt(63);
            long b = (random.nextLong() & Long.MAX_VALUE) >>> random.nextInt(63);
            assertThat(StoreKeys.padded(a)).hasSize(19).isEqualTo(String.format("%019d", a));
            assertThat(Integer.signum(StoreKeys.padded(a).compareTo(StoreKeys.padded(b))))
                    .isEqualTo(Long.signum(Long.compare(a, b)));
        }
        assertThat(StoreKeys.windowKey("iris", 300_000L)).isEqualTo("iris|0000000000000300000");
    }
}
