package dev.driftline.streams.modelquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowPredictionCodecTest {
    /** Written by the code before RowPredictionCodec (RowPrediction.toBytes) for the rows below. */
    static final String V1_DOUBLE = "0100000002000000046972697300000000000493e0033feccccccccccccd";
    static final String V1_STRING = "01000000000000000477696e6500000000000927c00400000003726564";
    /** Version 2: the model version ("v2") follows the model. */
    static final String V2_DOUBLE = "02000000020000000469726973000000027632" + "00000000000493e0033feccccccccccccd";

    @Test
    void roundTrips() {
        for (Object prediction : new Object[] {0.9, 3L, true, "été"}) {
            for (String version : new String[] {"", "v2", "été-1"}) {
                RowPrediction p = new RowPrediction(4, "churn|v2", version, 1_763_719_200_000L, prediction);
                RowPrediction q = new RowPrediction(7, "churn|v2", version, 1_763_719_200_000L, "other");
                assertThat(RowPredictionCodec.fromBytes(RowPredictionCodec.toBytes(List.of(p, q))))
                        .containsExactly(p, q);
            }
        }
    }

    @Test
    void readsVersionTwoOneRowAValue() {
        RowPrediction p = new RowPrediction(2, "iris", "v2", 300_000L, 0.9);
        assertThat(HexFormat.of().formatHex(RowPredictionCodec.toBytesV2(p))).isEqualTo(V2_DOUBLE);
        assertThat(RowPredictionCodec.fromBytes(HexFormat.of().parseHex(V2_DOUBLE))).containsExactly(p);
    }

    @Test
    void writesVersionThreeOneValueAnInference() {
        RowPrediction a = new RowPrediction(0, "iris", "v2", 300_000L, 0.9);
        RowPrediction b = new RowPrediction(1, "iris", "v2", 300_000L, 0.1);
        byte[] both = RowPredictionCodec.toBytes(List.of(a, b));
        assertThat(both[0]).isEqualTo((byte) 3);
        assertThat(both.length).isLessThan(2 * RowPredictionCodec.toBytesV2(a).length);
        assertThatThrownBy(() -> RowPredictionCodec.toBytes(List.of(a, new RowPrediction(1, "wine", "v2", 300_000L,
                0.1)))).isInstanceOf(IllegalArgumentException.class);
        byte[] noRows = both.clone();
        noRows[1 + 4 + 4 + 4 + 2 + 8 + 3] = 0; // the row count's low byte (model "iris", version "v2"): 2 → 0
        assertThatThrownBy(() -> RowPredictionCodec.fromBytes(noRows)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad row count 0");
    }

    @Test
    void readsTheFormatOfTheCodeBeforeItWithoutAVersion() {
        // rows still in the repartition topic when the upgrade starts: their version is unknown ("")
        assertThat(RowPredictionCodec.fromBytes(HexFormat.of().parseHex(V1_DOUBLE)))
                .containsExactly(new RowPrediction(2, "iris", "", 300_000L, 0.9));
        assertThat(RowPredictionCodec.fromBytes(HexFormat.of().parseHex(V1_STRING)))
                .containsExactly(new RowPrediction(0, "wine", "", 600_000L, "red"));
    }

    @Test
    void anUnknownVersionIsRejectedAsAnArgument() {
        byte[] b = HexFormat.of().parseHex(V1_DOUBLE);
        b[0] = 9;
        assertThatThrownBy(() -> RowPredictionCodec.fromBytes(b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row prediction version 9 is not supported");
        assertThatThrownBy(() -> RowPredictionCodec.fromBytes(new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a row prediction: java.io.EOFException");
    }
}
