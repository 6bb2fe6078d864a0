package dev.driftline.streams.modelquality;

import static dev.driftline.streams.support.BinaryFields.readString;
import static dev.driftline.streams.support.BinaryFields.writeString;

import dev.driftline.contracts.VersionedBytes;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a {@link WindowHeader} ({@link VersionedBytes}), version 2:
 * {@code byte version (2); int version; int pairs; long dropped; boolean dirty;
 * unsigned byte n; n × (string modelVersion; int pairs; long dropped)}.
 * Version 1 (without the per-version counts) is still read: its pairs, written before model versions were kept,
 * count under the version "" (unknown), so an upgraded window is never split by version on pairs it cannot place.
 */
final class WindowHeaderCodec {
    static final int VERSION = 2;
    /** The first format, without the per-version counts. */
    static final int V1 = 1;

    private WindowHeaderCodec() {
    }

    static byte[] toBytes(WindowHeader h) {
        return VersionedBytes.write(VERSION, 24 + 24 * h.versions().size(), out -> {
            out.writeInt(h.version());
            out.writeInt(h.pairs());
            out.writeLong(h.dropped());
            out.writeBoolean(h.dirty());
            out.writeByte(h.versions().size());
            for (WindowHeader.Versioned v : h.versions()) {
                writeString(out, v.name());
                out.writeInt(v.pairs());
                out.writeLong(v.dropped());
            }
        });
    }

    /** @throws IllegalStateException when the header has another version */
    static WindowHeader fromBytes(byte[] b) {
        boolean v1 = b.length > 0 && b[0] == V1;
        return VersionedBytes.read(b, v1 ? V1 : VERSION, "quality-windows header", in -> {
            int version = in.readInt();
            int pairs = in.readInt();
            long dropped = in.readLong();
            boolean dirty = in.readBoolean();
            List<WindowHeader.Versioned> versions = new ArrayList<>();
            if (v1) {
                if (pairs > 0 || dropped > 0) {
                    versions.add(new WindowHeader.Versioned("", pairs, dropped));
                }
            } else {
                for (int i = 0, n = in.readUnsignedByte(); i < n; i++) {
                    versions.add(new WindowHeader.Versioned(readString(in), in.readInt(), in.readLong()));
                }
            }
            return new WindowHeader(version, pairs, dropped, dirty, versions);
        });
    }
}
