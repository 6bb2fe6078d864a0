package dev.driftline.sink.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theDefaultDoublesFrom100MillisecondsAndStaysAtTwoSeconds() {
        assertThat(IntStream.range(0, 9).mapToObj(Backoff.DEFAULT::delay).map(Duration::toMillis))
                .containsExactly(100L, 200L, 400L, 800L, 1600L, 2000L, 2000L, 2000L, 2000L);
        assertThat(Backoff.DEFAULT.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aCustomScheduleAndItsLimits() {
        Backoff b = new Backoff(Duration.ofMillis(30), Duration.ofMillis(100));
        assertThat(IntStream.range(0, 4).mapToObj(b::delay).map(Duration::toMillis))
                .containsExactly(30L, 60L, 100L, 100L);
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).delay(5)).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.DEFAULT.delay(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
