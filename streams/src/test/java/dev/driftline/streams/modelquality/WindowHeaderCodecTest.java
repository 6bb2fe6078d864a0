package dev.driftline.streams.modelquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowHeaderCodecTest {
    /** Written by the code before WindowHeaderCodec (QualityWindowProcessor.Header.toBytes): 3, 10, 2, dirty. */
    static final String V1 = "01000000030000000a000000000000000201";
    /** Version 2 of the same header, its pairs all of version "v1": the per-version counts follow. */
    static final String V2 = "02000000030000000a000000000000000201" + "01" + "000000027631"
            + "0000000a" + "0000000000000002";
    static final WindowHeader HEADER = new WindowHeader(3, 10, 2, true,
            List.of(new WindowHeader.Versioned("v1", 10, 2)));

    @Test
    void roundTrips() {
        WindowHeader canary = WindowHeader.empty().counted("v1", true).counted("v2", true).counted("", false)
                .with(4, false);
        for (WindowHeader h : new WindowHeader[] {HEADER, WindowHeader.empty(), canary}) {
            assertThat(WindowHeaderCodec.fromBytes(WindowHeaderCodec.toBytes(h))).isEqualTo(h);
        }
    }

    @Test
    void writesVersionTwo() {
        assertThat(HexFormat.of().formatHex(WindowHeaderCodec.toBytes(HEADER))).isEqualTo(V2);
        assertThat(WindowHeaderCodec.fromBytes(HexFormat.of().parseHex(V2))).isEqualTo(HEADER);
    }

    @Test
    void readsTheHeadersOfTheCodeBeforeItAsOfAnUnknownVersion() {
        // pairs stored before versions were kept have no version index: they are counted under "" (slot 0)
        WindowHeader h = WindowHeaderCodec.fromBytes(HexFormat.of().parseHex(V1));
        assertThat(h).isEqualTo(new WindowHeader(3, 10, 2, true, List.of(new WindowHeader.Versioned("", 10, 2))));
        assertThat(h.byVersion()).isFalse();
        h = h.counted("v1", true).counted("v2", true); // new pairs after the upgrade get their own slots
        assertThat(h.slot("v1")).isEqualTo(1);
        assertThat(h.slot("v2")).isEqualTo(2);
        assertThat(h.byVersion()).isTrue();
    }

    @Test
    void atMostMaxVersionsNamedVersionsAreToldApart() {
        WindowHeader h = WindowHeader.empty();
        for (int i = 0; i < WindowHeader.MAX_VERSIONS + 3; i++) {
            h = h.counted("v" + i, true);
        }
        assertThat(h.versions()).hasSize(WindowHeader.MAX_VERSIONS + 1); // the rest count under ""
        assertThat(h.slot("v" + (WindowHeader.MAX_VERSIONS + 1))).isEqualTo(h.slot(""));
        assertThat(h.versions().get(h.slot("")).pairs()).isEqualTo(3);
        assertThat(h.pairs()).isEqualTo(WindowHeader.MAX_VERSIONS + 3);
    }

    @Test
    void anUnknownVersionIsAClearError() {
        byte[] b = HexFormat.of().parseHex(V1);
        b[0] = 3;
        assertThatThrownBy(() -> WindowHeaderCodec.fromBytes(b)).isInstanceOf(IllegalStateException.class)
                .hasMessage("quality-windows header version 3 is not supported");
    }
}
