package dev.driftline.streams.modelquality;

import dev.driftline.contracts.VersionedBytes;

/**
 * The binary form of a {@link WindowHeader}, version 1 ({@link VersionedBytes}):
 * {@code byte version (1); int version; int pairs; long dropped; boolean dirty}.
 */
final class WindowHeaderCodec {
    static final int VERSION = 1;

    private WindowHeaderCodec() {
    }

    static byte[] toBytes(WindowHeader h) {
        return VersionedBytes.write(VERSION, 18, out -> {
            out.writeInt(h.version());
            out.writeInt(h.pairs());
            out.writeLong(h.dropped());
            out.writeBoolean(h.dirty());
        });
    }

    /** @throws IllegalStateException when the header has another version */
    static WindowHeader fromBytes(byte[] b) {
        return VersionedBytes.read(b, VERSION, "quality-windows header",
                in -> new WindowHeader(in.readInt(), in.readInt(), in.readLong(), in.readBoolean()));
    }
}
