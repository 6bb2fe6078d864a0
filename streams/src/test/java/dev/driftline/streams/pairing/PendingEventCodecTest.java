package dev.driftline.streams.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PendingEventCodecTest {
    /** Written by the code before PendingEventCodec (PendingEvent.encode) for {@link #full()}, {@link #emitted()}. */
    static final String V1_FULL = ""
            + "010000000469726973000000077b2261223a317d000000106170706c69636174696f6e2f6a736f6e0000018bcfe56800"
            + "000000077b2262223a327d0000001f6170706c69636174696f6e2f6a736f6e3b20636861727365743d7574662d380000"
            + "018bcfe569f40000018bcfe56be800";
    static final String V1_EMITTED = ""
            + "01ffffffffffffffffffffffff0000018bcfe56800ffffffffffffffff0000000000000000000000000000002a01";

    static PendingEvent full() {
        return new PendingEvent("iris", utf8("{\"a\":1}"), "application/json", 1_700_000_000_000L, utf8("{\"b\":2}"),
                "application/json; charset=utf-8", 1_700_000_000_500L, 1_700_000_001_000L, false);
    }

    static PendingEvent emitted() {
        return new PendingEvent(null, null, null, 1_700_000_000_000L, null, null, 0, 42L, true);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertSame(PendingEvent a, PendingEvent b) {
        assertThat(a).usingRecursiveComparison().isEqualTo(b); // byte[] fields compare by content
    }

    @Test
    void roundTrips() {
        for (PendingEvent e : new PendingEvent[] {full(), emitted()}) {
            assertSame(PendingEventCodec.fromBytes(PendingEventCodec.toBytes(e)), e);
        }
        assertSame(PendingEventCodec.serde().deserializer().deserialize("t",
                PendingEventCodec.serde().serializer().serialize("t", full())), full());
        assertThat(PendingEventCodec.serde().serializer().serialize("t", null)).isNull();
    }

    @Test
    void readsAndWritesTheFormatOfTheCodeBeforeIt() {
        byte[] full = HexFormat.of().parseHex(V1_FULL);
        byte[] emitted = HexFormat.of().parseHex(V1_EMITTED);
        assertSame(PendingEventCodec.fromBytes(full), full());
        assertSame(PendingEventCodec.fromBytes(emitted), emitted());
        assertThat(PendingEventCodec.toBytes(full())).isEqualTo(full);
        assertThat(PendingEventCodec.toBytes(emitted())).isEqualTo(emitted);
    }

    @Test
    void anUnknownVersionIsAClearError() {
        byte[] b = HexFormat.of().parseHex(V1_EMITTED);
        b[0] = 7;
        assertThatThrownBy(() -> PendingEventCodec.fromBytes(b)).isInstanceOf(IllegalStateException.class)
                .hasMessage("pending-event state version 7 is not supported");
    }
}
