package dev.driftline.streams.modelquality;

import dev.driftline.contracts.VersionedBytes;

/**
 * The value of a {@code C|…} clock entry of the {@value LabelJoinProcessor#STORE} store ({@link JoinClocks}),
 * version 1 ({@link VersionedBytes}): {@code byte version (1); long clock (epoch ms)}.
 */
final class JoinClockCodec {
    static final int VERSION = 1;

    private JoinClockCodec() {
    }

    static byte[] toBytes(long clock) {
        return VersionedBytes.write(VERSION, 9, out -> out.writeLong(clock));
    }

    /** @throws IllegalStateException when the value has another version */
    static long fromBytes(byte[] b) {
        return VersionedBytes.read(b, VERSION, "quality-join clock", in -> in.readLong());
    }
}
