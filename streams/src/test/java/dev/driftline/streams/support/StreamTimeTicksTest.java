package dev.driftline.streams.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamTimeTicksTest {

    @Test
    void firesOnTheFirstRecordThenOnceAtEachAlignedTickAsKafkaStreamsPunctuationDoes() {
        StreamTimeTicks ticks = new StreamTimeTicks(1000);
        assertThat(ticks.due(12_345)).isTrue(); // the first record: stream time is known
        assertThat(ticks.due(12_999)).isFalse(); // the next tick is 13,000 (aligned to 0, not to the first record)
        assertThat(ticks.due(13_000)).isTrue();
        assertThat(ticks.due(13_000)).isFalse(); // stream time standing still fires nothing
        assertThat(ticks.due(13_500)).isFalse();
        assertThat(ticks.due(20_250)).isTrue(); // a gap: the ticks jumped over fire once
        assertThat(ticks.due(20_999)).isFalse();
        assertThat(ticks.due(21_000)).isTrue();
    }

    @Test
    void refusesANonPositiveInterval() {
        assertThatThrownBy(() -> new StreamTimeTicks(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
