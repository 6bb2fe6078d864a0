package dev.driftline.streams.support;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serde;

/**
 * A long as 8 bytes, big-endian, with no version byte (as Kafka's {@code LongSerializer} writes it): the value of
 * the window profiler's closed-window markers and of the merge's source progress since their first release.
 * Existing state holds these bytes, so they stay unversioned; a change needs a new store or key prefix.
 */
public final class LongCodec {
    private LongCodec() {
    }

    public static byte[] toBytes(long v) {
        return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }

    public static long fromBytes(byte[] b) {
        return ByteBuffer.wrap(b).getLong();
    }

    public static Serde<Long> serde() {
        return CodecSerde.of(LongCodec::toBytes, LongCodec::fromBytes);
    }
}
