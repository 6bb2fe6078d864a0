package dev.driftline.streams.modelquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
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
                assertThat(RowPredictionCodec.fromBytes(RowPredictionCodec.toBytes(p))).isEqualTo(p);
            }
        }
    }

    @Test
    void writesVersionTwo() {
        RowPrediction p = new RowPrediction(2, "iris", "v2", 300_000L, 0.9);
        assertThat(HexFormat.of().formatHex(RowPredictionCodec.toBytes(p))).isEqualTo(V2_DOUBLE);
        assertThat(RowPredictionCodec.fromBytes(HexFormat.of().parseHex(V2_DOUBLE))).isEqualTo(p);
    }

    @Test
    void readsTheFormatOfTheCodeBeforeItWithoutAVersion() {
        // rows still in the repartition topic when the upgrade starts: their version is unknown ("")
        assertThat(RowPredictionCodec.fromBytes(HexFormat.of().parseHex(V1_DOUBLE)))
                .isEqualTo(new RowPrediction(2, "iris", "", 300_000L, 0.9));
        assertThat(RowPredictionCodec.fromBytes(HexFormat.of().parseHex(V1_STRING)))
                .isEqualTo(new RowPrediction(0, "wine", "", 600_000L, "red"));
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
