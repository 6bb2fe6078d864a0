package dev.driftline.contracts.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.NumericProfile;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartialWindowCodecTest {
    /**
     * A partial window as the code before PartialWindowCodec wrote it (PartialWindow.toBytes of {@link #twoRows}
     * with "city" Bergen/Oslo and prediction 0/1): state and topic records of existing deployments look like this.
     */
    static final String V1_FIXTURE = ""
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

    static PartialWindow twoRows(boolean withCityAndPrediction) {
        PartialWindow w = new PartialWindow("iris", 1_000, 301_000);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("x", null); // typed later: replayed as missing into the numeric profile
        a.put("flag", true);
        if (withCityAndPrediction) {
            a.put("city", "Bergen");
            a.put("prediction:p", 0L);
        }
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

    @Test
    void partialWindowRoundTripsThroughItsBinaryForm() {
        PartialWindow w = twoRows(false);
        byte[] bytes = PartialWindowCodec.toBytes(w);
        PartialWindow r = PartialWindowCodec.fromBytes(bytes);
        assertThat(r.model()).isEqualTo("iris");
        assertThat(r.windowStart()).isEqualTo(1_000);
        assertThat(r.windowEnd()).isEqualTo(301_000);
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.profiles().keySet()).containsExactly("city", "flag", "prediction:p", "x");
        NumericProfile x = (NumericProfile) r.profiles().get("x");
        assertThat(x.missing()).isEqualTo(1);
        assertThat(x.mean()).isEqualTo(2.5);
        assertThat(r.profiles().get("flag").type()).isEqualTo(FeatureType.BOOLEAN);
        assertThat(((CategoricalProfile) r.profiles().get("flag")).frequencies()).containsEntry("true", 1L);
        assertThat(r.untypedMissing()).containsEntry("only-null", 2L);
        assertThat(PartialWindowCodec.toBytes(r)).isEqualTo(bytes);
        assertThat(w.toBytes()).isEqualTo(bytes); // the record's own shortcuts are the codec
        assertThat(PartialWindow.fromBytes(bytes).toBytes()).isEqualTo(bytes);
    }

    @Test
    void readsTheFormatWrittenBeforeTheCodecAndWritesTheSameWindow() {
        byte[] old = HexFormat.of().parseHex(V1_FIXTURE);
        PartialWindow r = PartialWindowCodec.fromBytes(old);
        assertThat(r.model()).isEqualTo("iris");
        assertThat(r.windowStart()).isEqualTo(1_000);
        assertThat(r.windowEnd()).isEqualTo(301_000);
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.profiles().keySet()).containsExactly("city", "flag", "prediction:p", "x");
        assertThat(((CategoricalProfile) r.profiles().get("city")).frequencies()).containsEntry("Bergen", 1L)
                .containsEntry("Oslo", 1L);
        assertThat(((NumericProfile) r.profiles().get("prediction:p")).mean()).isEqualTo(0.5);
        assertThat(r.untypedMissing()).containsExactly(Map.entry("only-null", 2L));
        // the window format is unchanged; the profiles inside are written in the current ProfileCodec version
        // (version 3 since: a profile holding its exact sample writes the sample alone), so the bytes are smaller
        assertThat(PartialWindowCodec.toBytes(r)).isEqualTo(PartialWindowCodec.toBytes(twoRows(true)))
                .hasSizeLessThan(old.length);
    }

    @Test
    void anUnknownVersionIsRejectedNamingIt() {
        byte[] b = HexFormat.of().parseHex(V1_FIXTURE);
        b[0] = 2;
        assertThatThrownBy(() -> PartialWindowCodec.fromBytes(b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partial-window format version 2 is not supported (reads 1)");
    }

    @Test
    void truncatedOrTrailingBytesAreRejected() {
        byte[] b = HexFormat.of().parseHex(V1_FIXTURE);
        assertThatThrownBy(() -> PartialWindowCodec.fromBytes(Arrays.copyOf(b, b.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("truncated partial window");
        assertThatThrownBy(() -> PartialWindowCodec.fromBytes(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("truncated partial window");
        assertThatThrownBy(() -> PartialWindowCodec.fromBytes(Arrays.copyOf(b, b.length + 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 trailing bytes");
    }
}
