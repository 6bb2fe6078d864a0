package dev.driftline.streams.modelquality;

import static dev.driftline.streams.support.BinaryFields.readString;
import static dev.driftline.streams.support.BinaryFields.writeString;

import dev.driftline.contracts.VersionedBytes;

/**
 * The binary form of a {@link JoinEntry}, version 1 ({@link VersionedBytes}):
 * {@code byte version (1); boolean isRecord; long expiresAt; string model; long windowStart; scalar value}
 * ({@link Scalars}).
 */
final class JoinEntryCodec {
    static final int VERSION = 1;

    private JoinEntryCodec() {
    }

    static byte[] toBytes(JoinEntry e) {
        return VersionedBytes.write(VERSION, 48, out -> {
            out.writeBoolean(e.isRecord());
            out.writeLong(e.expiresAt());
            writeString(out, e.model());
            out.writeLong(e.windowStart());
            Scalars.write(out, e.value());
        });
    }

    /** @throws IllegalStateException when the entry has another version */
    static JoinEntry fromBytes(byte[] b) {
        return VersionedBytes.read(b, VERSION, "quality-join entry", in -> new JoinEntry(in.readBoolean(),
                in.readLong(), readString(in), in.readLong(), Scalars.read(in)));
    }
}
