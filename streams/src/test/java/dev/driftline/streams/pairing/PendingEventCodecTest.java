package dev.driftline.streams.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PendingEventCodecTest {
    /**
     * Version 1, written by the code before PendingEventCodec (PendingEvent.encode) for {@link #full()},
     * {@link #emitted()} without endpoint (which read back with endpoint "").
     */
    static final String V1_FULL = ""
            + "010000000469726973000000077b2261223a317d000000106170706c69636174696f6e2f6a736f6e0000018bcfe56800"
            + "000000077b2262223a327d0000001f6170706c69636174696f6e2f6a736f6e3b20636861727365743d7574662d380000"
            + "018bcfe569f40000018bcfe56be800";
    static final String V1_EMITTED = ""
            + "01ffffffffffffffffffffffff0000018bcfe56800ffffffffffffffff0000000000000000000000000000002a01";

    static PendingEvent full() {
        return full("");
    }

    static PendingEvent full(String endpoint) {
        return new PendingEvent("iris", endpoint, utf8("{\"a\":1}"), "application/json", 1_700_000_000_000L,
                utf8("{\"b\":2}"), "application/json; charset=utf-8", 1_700_000_000_500L, 1_700_000_001_000L, false);
    }

    static PendingEvent emitted() {
        return new PendingEvent(null, "", null, null, 1_700_000_000_000L, null, null, 0, 42L, true);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertSame(PendingEvent a, PendingEvent b) {
        assertThat(a).usingRecursiveComparison().isEqualTo(b); // byte[] fields compare by content
    }

    @Test
    void roundTrips() {
        for (PendingEvent e : new PendingEvent[] {full(), full("churn-predictor-00002"), emitted()}) {
            assertSame(PendingEventCodec.fromBytes(PendingEventCodec.toBytes(e)), e);
        }
        assertSame(PendingEventCodec.serde().deserializer().deserialize("t",
                PendingEventCodec.serde().serializer().serialize("t", full("é/1"))), full("é/1"));
        assertThat(PendingEventCodec.serde().serializer().serialize("t", null)).isNull();
    }

    @Test
    void aNullEndpointIsEmpty() {
        assertThat(new PendingEvent("m", null, null, null, 0, null, null, 0, 0, false).endpoint()).isEmpty();
    }

    @Test
    void writesVersion2WithTheEndpointAfterTheModel() {
        byte[] b = PendingEventCodec.toBytes(full("rev-2"));
        // version 2; model "iris" (int 4 + 4 bytes); endpoint "rev-2" (int 5 + 5 bytes); then the version 1 fields
        assertThat(HexFormat.of().formatHex(b, 0, 18)).isEqualTo("02" + "0000000469726973" + "00000005" + "7265762d32");
        assertThat(HexFormat.of().formatHex(b, 18, b.length)).isEqualTo(V1_FULL.substring(2 + 16));
    }

    @Test
    void readsTheFormatOfTheCodeBeforeItWithAnEmptyEndpoint() {
        assertSame(PendingEventCodec.fromBytes(HexFormat.of().parseHex(V1_FULL)), full());
        assertSame(PendingEventCodec.fromBytes(HexFormat.of().parseHex(V1_EMITTED)), emitted());
        assertThat(PendingEventCodec.fromBytes(HexFormat.of().parseHex(V1_FULL)).endpoint()).isEqualTo("");
    }

    @Test
    void anUnknownVersionIsAClearError() {
        byte[] b = HexFormat.of().parseHex(V1_EMITTED);
        b[0] = 7;
        assertThatThrownBy(() -> PendingEventCodec.fromBytes(b)).isInstanceOf(IllegalStateException.class)
                .hasMessage("pending-event state version 7 is not supported");
    }
}
