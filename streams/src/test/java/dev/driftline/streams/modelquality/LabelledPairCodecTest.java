package dev.driftline.streams.modelquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class LabelledPairCodecTest {
    /** Written by the code before LabelledPairCodec (LabelledPair.toBytes) for the pairs below. */
    static final String V1_LONG_DOUBLE = "01000000046972697300000000000493e0020000000000000001033feccccccccccccd";
    static final String V1_BOOLEAN_STRING = "010000000477696e6500000000000927c001000400000003726564";
    /** Version 2: the model version ("v2") follows the model. */
    static final String V2_LONG_DOUBLE = "020000000469726973000000027632"
            + "00000000000493e0020000000000000001033feccccccccccccd";

    @Test
    void pairsSurviveTheirBinaryForm() {
        for (Object[] v : Arrays.asList(new Object[] {1L, 0.75}, new Object[] {"été", true},
                new Object[] {false, "x".repeat(70_000)})) {
            for (String version : new String[] {"", "v2"}) {
                LabelledPair p = new LabelledPair("churn|v2", version, 1_763_719_200_000L, v[0], v[1]);
                assertThat(LabelledPairCodec.fromBytes(LabelledPairCodec.toBytes(p))).isEqualTo(p);
            }
        }
    }

    @Test
    void writesVersionTwo() {
        LabelledPair p = new LabelledPair("iris", "v2", 300_000L, 1L, 0.9);
        assertThat(HexFormat.of().formatHex(LabelledPairCodec.toBytes(p))).isEqualTo(V2_LONG_DOUBLE);
        assertThat(LabelledPairCodec.fromBytes(HexFormat.of().parseHex(V2_LONG_DOUBLE))).isEqualTo(p);
    }

    @Test
    void readsTheFormatOfTheCodeBeforeItWithoutAVersion() {
        // pairs still in the repartition topic when the upgrade starts: their version is unknown ("")
        assertThat(LabelledPairCodec.fromBytes(HexFormat.of().parseHex(V1_LONG_DOUBLE)))
                .isEqualTo(new LabelledPair("iris", "", 300_000L, 1L, 0.9));
        assertThat(LabelledPairCodec.fromBytes(HexFormat.of().parseHex(V1_BOOLEAN_STRING)))
                .isEqualTo(new LabelledPair("wine", "", 600_000L, false, "red"));
    }

    @Test
    void whatCannotBeReadIsRejectedAsAnArgument() {
        byte[] b = HexFormat.of().parseHex(V1_LONG_DOUBLE);
        b[0] = 3;
        assertThatThrownBy(() -> LabelledPairCodec.fromBytes(b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labelled pair version 3 is not supported");
        byte[] c = HexFormat.of().parseHex(V2_LONG_DOUBLE);
        assertThatThrownBy(() -> LabelledPairCodec.fromBytes(Arrays.copyOf(c, c.length - 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a labelled pair: ");
        assertThatThrownBy(() -> LabelledPairCodec.toBytes(new LabelledPair("iris", "", 0, null, 1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a scalar: null");
    }
}
