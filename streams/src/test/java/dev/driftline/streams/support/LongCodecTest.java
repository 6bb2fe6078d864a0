package dev.driftline.streams.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.apache.kafka.common.serialization.LongSerializer;
import org.junit.jupiter.api.Test;

/** Closed-window markers and merge progress: 8 bytes big-endian, as ByteBuffer.putLong wrote them before. */
class LongCodecTest {
    @Test
    void roundTripsInTheFormatWrittenBefore() {
        for (long v : new long[] {0, 1_700_000_000_000L, -1, Long.MAX_VALUE}) {
            byte[] old = ByteBuffer.allocate(Long.BYTES).putLong(v).array(); // the code before LongCodec
            assertThat(LongCodec.toBytes(v)).isEqualTo(old).isEqualTo(new LongSerializer().serialize("t", v));
            assertThat(LongCodec.fromBytes(old)).isEqualTo(v);
            assertThat(LongCodec.serde().deserializer().deserialize("t", old)).isEqualTo(v);
        }
        assertThat(HexFormat.of().formatHex(LongCodec.toBytes(1_700_000_000_000L))).isEqualTo("0000018bcfe56800");
    }
}
