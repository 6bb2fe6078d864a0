package dev.driftline.streams.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.contracts.window.PartialWindow;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedoEntryCodecTest {
    /** Version 1, one row, written by the code before RedoEntryCodec (WindowProfilerProcessor.encodeDelta). */
    static final String V1 = "01000000046972697300000000000493e000000006000000016e00000000016c01000000000000000700"
            + "00000164024004000000000000000000016203010000000173040000000642657267656e000000016f05";

    static Map<String, Object> row() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("n", null);
        v.put("l", 7L);
        v.put("d", 2.5);
        v.put("b", true);
        v.put("s", "Bergen");
        v.put("o", PartialWindow.OTHER);
        return v;
    }

    @Test
    void roundTripsABatchKeepingTypesOrderNullsAndAbsentColumns() {
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("l", 8L);
        second.put("extra", "x"); // a column the first row lacks; the second lacks most of the first's
        RedoEntry batch = new RedoEntry("iris", 300_000L, List.of(row(), second));
        RedoEntry r = RedoEntryCodec.fromBytes(RedoEntryCodec.toBytes(batch));
        assertThat(r).isEqualTo(batch);
        assertThat(r.rows().get(0).keySet()).containsExactly("n", "l", "d", "b", "s", "o");
        assertThat(r.rows().get(0)).containsEntry("n", null);
        assertThat(r.rows().get(0).get("l")).isInstanceOf(Long.class);
        assertThat(r.rows().get(0).get("d")).isInstanceOf(Double.class);
        assertThat(r.rows().get(0).get("o")).isSameAs(PartialWindow.OTHER);
        assertThat(r.rows().get(1).keySet()).containsExactly("l", "extra"); // absent stays absent, not null
    }

    @Test
    void readsVersionOneEntriesOfTheCodeBeforeBatching() {
        RedoEntry old = RedoEntryCodec.fromBytes(HexFormat.of().parseHex(V1));
        assertThat(old).isEqualTo(RedoEntry.of("iris", 300_000L, row()));
        assertThat(RedoEntryCodec.toBytes(old)[0]).isEqualTo((byte) RedoEntryCodec.VERSION);
    }

    @Test
    void anUnknownVersionOrTagIsAClearError() {
        byte[] b = HexFormat.of().parseHex(V1);
        b[0] = 3;
        assertThatThrownBy(() -> RedoEntryCodec.fromBytes(b)).isInstanceOf(IllegalStateException.class)
                .hasMessage("window redo entry version 3 is not supported");
        byte[] t = HexFormat.of().parseHex(V1);
        t[t.length - 1] = 9; // the last value's tag
        assertThatThrownBy(() -> RedoEntryCodec.fromBytes(t)).isInstanceOf(IllegalStateException.class)
                .hasMessage("unknown value tag 9");
        byte[] v2 = RedoEntryCodec.toBytes(new RedoEntry("iris", 0L, List.of(Map.of("a", 1L))));
        v2[v2.length - 9] = 6; // an absent tag is fine in version 2 ...
        assertThat(RedoEntryCodec.fromBytes(java.util.Arrays.copyOf(v2, v2.length - 8)).rows().get(0)).isEmpty();
    }
}
