package dev.driftline.streams.modelquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class JoinClockCodecTest {
    @Test
    void isAVersionByteAndTheClock() {
        byte[] b = JoinClockCodec.toBytes(1_700_000_000_000L);
        assertThat(HexFormat.of().formatHex(b)).isEqualTo("010000018bcfe56800");
        assertThat(JoinClockCodec.fromBytes(b)).isEqualTo(1_700_000_000_000L);
        assertThat(JoinClockCodec.fromBytes(JoinClockCodec.toBytes(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void anUnknownVersionIsAClearError() {
        byte[] b = JoinClockCodec.toBytes(5);
        b[0] = 2;
        assertThatThrownBy(() -> JoinClockCodec.fromBytes(b)).isInstanceOf(IllegalStateException.class)
                .hasMessage("quality-join clock version 2 is not supported");
    }
}
