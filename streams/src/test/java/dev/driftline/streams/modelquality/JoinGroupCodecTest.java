package dev.driftline.streams.modelquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class JoinGroupCodecTest {
    /** Version 1 of a group with rows 0 (0.75) and 2 ("a") of model "iris" version "v2", and a label for row 5. */
    static final String V1 = "01" + "00000002" + "0000000469726973" + "000000027632" + "0000018bcfe56800"
            + "0000018bf3f1ec00" + "00000000" + "033fe8000000000000" + "00000002" + "040000000161" + "00000001"
            + "00000005" + "00000000" + "0000018bf3f1ec00" + "020000000000000001";

    private static JoinGroup sample() {
        JoinGroup g = new JoinGroup();
        g.rowsOf("iris", "v2", 1_700_000_000_000L, 1_700_604_800_000L);
        g.addRow(0, 0.75);
        g.addRow(2, "a");
        g.addLabel(5, new JoinGroup.WaitingLabel("", 1_700_604_800_000L, 1L));
        return g;
    }

    private static String describe(JoinGroup g) {
        return g.model() + "/" + g.modelVersion() + "/" + g.windowStart() + "/" + g.rowsExpireAt() + " " + g.rows()
                + " " + g.labels();
    }

    @Test
    void roundTripsRowsAndLabels() {
        JoinGroup g = sample();
        assertThat(describe(JoinGroupCodec.fromBytes(JoinGroupCodec.toBytes(g)))).isEqualTo(describe(g));
        JoinGroup labelsOnly = new JoinGroup();
        labelsOnly.addLabel(0, new JoinGroup.WaitingLabel("m|1", 9, false));
        JoinGroup back = JoinGroupCodec.fromBytes(JoinGroupCodec.toBytes(labelsOnly));
        assertThat(back.hasRows()).isFalse();
        assertThat(back.labels()).isEqualTo(labelsOnly.labels());
    }

    @Test
    void writesVersionOne() {
        assertThat(HexFormat.of().formatHex(JoinGroupCodec.toBytes(sample()))).isEqualTo(V1);
    }

    @Test
    void anUnknownVersionOrATruncatedGroupIsAClearError() {
        byte[] b = HexFormat.of().parseHex(V1);
        b[0] = 2;
        assertThatThrownBy(() -> JoinGroupCodec.fromBytes(b)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("quality-join group version 2 is not supported");
        byte[] cut = java.util.Arrays.copyOf(HexFormat.of().parseHex(V1), 20);
        assertThatThrownBy(() -> JoinGroupCodec.fromBytes(cut)).isInstanceOf(java.io.UncheckedIOException.class);
    }
}
