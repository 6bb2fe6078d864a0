package dev.driftline.streams.modelquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class JoinEntryCodecTest {
    /** Written by the code before JoinEntryCodec (QualityJoinProcessor.Entry.toBytes) for the entries below. */
    static final String V1_ROW = "01010000018bf3f1ec0000000004697269730000018bcfe56800033fe8000000000000";
    static final String V1_LABEL = "01000000018bf3f1ec0000000000000000000000000004000000067365746f7361";
    /** Version 2: the model version ("v2") follows the model. */
    static final String V2_ROW = "02010000018bf3f1ec000000000469726973000000027632"
            + "0000018bcfe56800033fe8000000000000";
    static final JoinEntry ROW = new JoinEntry(true, 1_700_604_800_000L, "iris", "v2", 1_700_000_000_000L, 0.75);
    static final JoinEntry LABEL = new JoinEntry(false, 1_700_604_800_000L, "", "", 0, "setosa");

    @Test
    void roundTrips() {
        for (JoinEntry e : new JoinEntry[] {ROW, LABEL, new JoinEntry(true, 5, "m|1", "", 7, false)}) {
            assertThat(JoinEntryCodec.fromBytes(JoinEntryCodec.toBytes(e))).isEqualTo(e);
        }
    }

    @Test
    void writesVersionTwo() {
        assertThat(HexFormat.of().formatHex(JoinEntryCodec.toBytes(ROW))).isEqualTo(V2_ROW);
        assertThat(JoinEntryCodec.fromBytes(HexFormat.of().parseHex(V2_ROW))).isEqualTo(ROW);
    }

    @Test
    void readsTheEntriesOfTheCodeBeforeItWithoutAVersion() {
        // a store written before the upgrade: its waiting rows join with version "" (unknown)
        assertThat(JoinEntryCodec.fromBytes(HexFormat.of().parseHex(V1_ROW)))
                .isEqualTo(new JoinEntry(true, 1_700_604_800_000L, "iris", "", 1_700_000_000_000L, 0.75));
        assertThat(JoinEntryCodec.fromBytes(HexFormat.of().parseHex(V1_LABEL))).isEqualTo(LABEL);
    }

    @Test
    void anUnknownVersionIsAClearError() {
        byte[] b = HexFormat.of().parseHex(V1_ROW);
        b[0] = 3;
        assertThatThrownBy(() -> JoinEntryCodec.fromBytes(b)).isInstanceOf(IllegalStateException.class)
                .hasMessage("quality-join entry version 3 is not supported");
    }
}
