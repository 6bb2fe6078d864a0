package dev.driftline.streams.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.contracts.window.PartialWindow;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedoEntryCodecTest {
    /** Written by the code before RedoEntryCodec (WindowProfilerProcessor.encodeDelta) for {@link #entry()}. */
    static final String V1 = "01000000046972697300000000000493e000000006000000016e00000000016c01000000000000000700"
            + "00000164024004000000000000000000016203010000000173040000000642657267656e000000016f05";

    static RedoEntry entry() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("n", null);
        v.put("l", 7L);
        v.put("d", 2.5);
        v.put("b", true);
        v.put("s", "Bergen");
        v.put("o", PartialWindow.OTHER);
        return new RedoEntry("iris", 300_000L, v);
    }

    @Test
    void roundTripsKeepingTypesAndOrder() {
        RedoEntry r = RedoEntryCodec.fromBytes(RedoEntryCodec.toBytes(entry()));
        assertThat(r).isEqualTo(entry());
        assertThat(r.values().keySet()).containsExactly("n", "l", "d", "b", "s", "o");
        assertThat(r.values().get("l")).isInstanceOf(Long.class);
        assertThat(r.values().get("d")).isInstanceOf(Double.class);
        assertThat(r.values().get("o")).isSameAs(PartialWindow.OTHER);
    }

    @Test
    void readsAndWritesTheFormatOfTheCodeBeforeIt() {
        byte[] old = HexFormat.of().parseHex(V1);
        assertThat(RedoEntryCodec.fromBytes(old)).isEqualTo(entry());
        assertThat(RedoEntryCodec.toBytes(entry())).isEqualTo(old);
    }

    @Test
    void anUnknownVersionOrTagIsAClearError() {
        byte[] b = HexFormat.of().parseHex(V1);
        b[0] = 2;
        assertThatThrownBy(() -> RedoEntryCodec.fromBytes(b)).isInstanceOf(IllegalStateException.class)
                .hasMessage("window redo entry version 2 is not supported");
        byte[] t = HexFormat.of().parseHex(V1);
        t[t.length - 1] = 9; // the last value's tag
        assertThatThrownBy(() -> RedoEntryCodec.fromBytes(t)).isInstanceOf(IllegalStateException.class)
                .hasMessage("unknown value tag 9");
    }
}
