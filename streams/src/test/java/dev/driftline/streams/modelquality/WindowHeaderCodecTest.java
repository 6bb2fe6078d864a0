package dev.driftline.streams.modelquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WindowHeaderCodecTest {
    /** Written by the code before WindowHeaderCodec (QualityWindowProcessor.Header.toBytes) for {@link #HEADER}. */
    static final String V1 = "01000000030000000a000000000000000201";
    static final WindowHeader HEADER = new WindowHeader(3, 10, 2, true);

    @Test
    void roundTrips() {
        for (WindowHeader h : new WindowHeader[] {HEADER, new WindowHeader(0, 0, 0, false)}) {
            assertThat(WindowHeaderCodec.fromBytes(WindowHeaderCodec.toBytes(h))).isEqualTo(h);
        }
    }

    @Test
    void readsAndWritesTheFormatOfTheCodeBeforeIt() {
        assertThat(WindowHeaderCodec.fromBytes(HexFormat.of().parseHex(V1))).isEqualTo(HEADER);
        assertThat(HexFormat.of().formatHex(WindowHeaderCodec.toBytes(HEADER))).isEqualTo(V1);
    }

    @Test
    void anUnknownVersionIsAClearError() {
        byte[] b = HexFormat.of().parseHex(V1);
        b[0] = 2;
        assertThatThrownBy(() -> WindowHeaderCodec.fromBytes(b)).isInstanceOf(IllegalStateException.class)
                .hasMessage("quality-windows header version 2 is not supported");
    }
}
