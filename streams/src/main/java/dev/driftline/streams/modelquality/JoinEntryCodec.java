package dev.driftline.streams.modelquality;

import static dev.driftline.streams.support.BinaryFields.readString;
import static dev.driftline.streams.support.BinaryFields.writeString;

import dev.driftline.contracts.VersionedBytes;

/**
 * The binary form of a {@link JoinEntry} ({@link VersionedBytes}), version 2:
 * {@code byte version (2); boolean isRecord; long expiresAt; string model; string modelVersion; long windowStart;
 * scalar value} ({@link Scalars}). Version 1 entries (no modelVersion, read as "") are still read: a store
 * written before the upgrade holds them until they join or expire.
 */
final class JoinEntryCodec {
    static final int VERSION = 2;
    /** The first format, without the model version. */
    static final int V1 = 1;

    private JoinEntryCodec() {
    }

    static byte[] toBytes(JoinEntry e) {
        return VersionedBytes.write(VERSION, 48 + e.modelVersion().length(), out -> {
            out.writeBoolean(e.isRecord());
            out.writeLong(e.expiresAt());
            writeString(out, e.model());
            writeString(out, e.modelVersion());
            out.writeLong(e.windowStart());
            Scalars.write(out, e.value());
        });
    }

    /** @throws IllegalStateException when the entry has another version */
    static JoinEntry fromBytes(byte[] b) {
        boolean v1 = b.length > 0 && b[0] == V1;
        return VersionedBytes.read(b, v1 ? V1 : VERSION, "quality-join entry", in -> new JoinEntry(in.readBoolean(),
                in.readLong(), readString(in), v1 ? "" : readString(in), in.readLong(), Scalars.read(in)));
    }
}
