package dev.driftline.streams.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.contracts.window.PartialWindow;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergeEntryCodecTest {
    /** The partial window of {@link #window()} as the code before the codecs wrote it (PartialWindow v1). */
    static final String PARTIAL_V1 = ""
            + "01000000046972697300000000000003e800000000000497c80000000000000002000000040000000463697479000000"
            + "43020203e807801000000200020642657267656e01044f736c6f01280201070b030002008311940b34c1430900000000"
            + "000000000000000000000000000000000000000000000004666c616700000042020204e807801000000200020566616c"
            + "736501047472756501280201070b0300020042cfff1046b22a0900000000000000000000000000000000000000000000"
            + "00000000000c70726564696374696f6e3a70000000c602010100000000023fe00000000000003fe00000000000003ff0"
            + "00000000000000000000000000003ff00000000000003805010f00c80008000200000000000000c8000100c600000000"
            + "00000000000000000000000000f03f000000000000f03f0000000000000000200200000000000000003ff00000000000"
            + "0000000000000000003ff0000000000000280201070b03000200cbd7c2040ba59d0f0000000000000000000000000000"
            + "00000000000000000000010200000000000000003ff00000000000000000000178000000860201010100000001400400"
            + "000000000000000000000000004004000000000000400400000000000040040000000000001002020f04c80008000000"
            + "000000000440200140040000000000004004000000000000280201070b030001004aa928100000000000000000000000"
            + "00000000000000000000000000000000000101400400000000000000000001000000096f6e6c792d6e756c6c00000000"
            + "00000002";
    /** Written by the code before MergeEntryCodec (WindowMergeProcessor.Entry.toBytes): header, then the window. */
    static final String V1_EMITTED = "010100000002000000030000018bcfe56fd0" + PARTIAL_V1;
    static final String V1_PENDING = "010000000000000000010000000000000005" + PARTIAL_V1;

    static PartialWindow window() {
        PartialWindow w = new PartialWindow("iris", 1_000, 301_000);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("x", null);
        a.put("flag", true);
        a.put("city", "Bergen");
        a.put("prediction:p", 0L);
        a.put("only-null", null);
        w.addRow(a);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("x", 2.5);
        b.put("flag", false);
        b.put("city", "Oslo");
        b.put("prediction:p", 1L);
        b.put("only-null", null);
        w.addRow(b);
        return w;
    }

    private static void assertSame(MergeEntry actual, MergeEntry expected) {
        assertThat(actual).usingRecursiveComparison().ignoringFields("window").isEqualTo(expected);
        assertThat(actual.window().toBytes()).isEqualTo(expected.window().toBytes());
    }

    @Test
    void roundTripsThroughTheStoreSerde() {
        MergeEntry e = new MergeEntry(true, 2, 3, 1_700_000_002_000L, window());
        byte[] b = MergeEntryCodec.serde().serializer().serialize("t", e);
        assertThat(b).isEqualTo(MergeEntryCodec.toBytes(e));
        assertSame(MergeEntryCodec.serde().deserializer().deserialize("t", b), e);
        assertSame(MergeEntryCodec.fromBytes(b), e);
    }

    @Test
    void readsAndWritesTheFormatOfTheCodeBeforeIt() {
        MergeEntry emitted = new MergeEntry(true, 2, 3, 1_700_000_002_000L, window());
        MergeEntry pending = new MergeEntry(false, 0, 1, 5L, window());
        byte[] e = HexFormat.of().parseHex(V1_EMITTED);
        byte[] p = HexFormat.of().parseHex(V1_PENDING);
        assertSame(MergeEntryCodec.fromBytes(e), emitted);
        assertSame(MergeEntryCodec.fromBytes(p), pending);
        // the entry format is unchanged; its window's profiles are written in the current ProfileCodec version
        assertSame(MergeEntryCodec.fromBytes(MergeEntryCodec.toBytes(MergeEntryCodec.fromBytes(e))), emitted);
        assertSame(MergeEntryCodec.fromBytes(MergeEntryCodec.toBytes(MergeEntryCodec.fromBytes(p))), pending);
        assertThat(MergeEntryCodec.toBytes(emitted)).hasSizeLessThanOrEqualTo(e.length);
    }

    @Test
    void anUnknownVersionIsAClearError() {
        byte[] b = HexFormat.of().parseHex(V1_PENDING);
        b[0] = 3;
        assertThatThrownBy(() -> MergeEntryCodec.fromBytes(b)).isInstanceOf(IllegalStateException.class)
                .hasMessage("window-merge entry version 3 is not supported");
    }
}
