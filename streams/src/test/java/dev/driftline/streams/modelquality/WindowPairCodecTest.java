package dev.driftline.streams.modelquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The pair entries of the quality-windows store: two tagged scalars and an optional trailing version index, no
 * version byte (the first release's format, grown by an optional field only).
 */
class WindowPairCodecTest {
    /** Written by the code before WindowPairCodec (QualityWindowProcessor.pairValue) for the pairs below. */
    static final String V0_BOOLEAN_DOUBLE = "0101033feccccccccccccd";
    static final String V0_STRING_LONG = "040000000162020000000000000007";

    @Test
    void roundTrips() {
        for (Object[] v : new Object[][] {{true, 0.9}, {"b", 7L}, {2L, "été"}}) {
            for (int slot : new int[] {0, 1, 16}) {
                WindowPairCodec.Pair p = WindowPairCodec.fromBytes(WindowPairCodec.toBytes(
                        new LabelledPair("iris", "v", 0, v[0], v[1]), slot));
                assertThat(p).isEqualTo(new WindowPairCodec.Pair(v[0], v[1], slot));
            }
        }
    }

    @Test
    void readsAndWritesTheFormatOfTheCodeBeforeIt() {
        assertThat(WindowPairCodec.fromBytes(HexFormat.of().parseHex(V0_BOOLEAN_DOUBLE)))
                .isEqualTo(new WindowPairCodec.Pair(true, 0.9, 0));
        assertThat(WindowPairCodec.fromBytes(HexFormat.of().parseHex(V0_STRING_LONG)))
                .isEqualTo(new WindowPairCodec.Pair("b", 7L, 0));
        // a window's first version (slot 0: all of single-version traffic) is stored exactly as before
        assertThat(HexFormat.of().formatHex(WindowPairCodec.toBytes(
                new LabelledPair("iris", "v1", 300_000L, true, 0.9), 0))).isEqualTo(V0_BOOLEAN_DOUBLE);
        assertThat(HexFormat.of().formatHex(WindowPairCodec.toBytes(
                new LabelledPair("iris", "", 300_000L, "b", 7L), 0))).isEqualTo(V0_STRING_LONG);
        // another version's pair appends its index, which a reader of the format before ignores
        assertThat(HexFormat.of().formatHex(WindowPairCodec.toBytes(
                new LabelledPair("iris", "v2", 300_000L, true, 0.9), 2))).isEqualTo(V0_BOOLEAN_DOUBLE + "02");
    }

    @Test
    void anUnknownTagIsAClearError() {
        byte[] b = HexFormat.of().parseHex(V0_BOOLEAN_DOUBLE);
        b[0] = 8;
        assertThatThrownBy(() -> WindowPairCodec.fromBytes(b)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("unknown value tag 8");
        assertThatThrownBy(() -> WindowPairCodec.toBytes(new LabelledPair("iris", "", 0, true, 0.9), 256))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
