package dev.driftline.streams.merge;

import dev.driftline.contracts.VersionedBytes;
import dev.driftline.contracts.window.PartialWindowCodec;
import dev.driftline.streams.support.CodecSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * The binary form of a {@link MergeEntry}, version 1 ({@link VersionedBytes}):
 * <pre>
 *   byte version (1); boolean emitted; int revision; int partials; long lastPartialWallMs;
 *   the merged window as {@link PartialWindowCodec} bytes (with its own version byte) up to the end
 * </pre>
 */
final class MergeEntryCodec {
    static final int VERSION = 1;

    private MergeEntryCodec() {
    }

    static byte[] toBytes(MergeEntry e) {
        return VersionedBytes.write(VERSION, 32, out -> {
            out.writeBoolean(e.emitted());
            out.writeInt(e.revision());
            out.writeInt(e.partials());
            out.writeLong(e.lastPartialWallMs());
            out.write(PartialWindowCodec.toBytes(e.window()));
        });
    }

    /** @throws IllegalStateException when the entry has another version (its window: see PartialWindowCodec) */
    static MergeEntry fromBytes(byte[] b) {
        return VersionedBytes.read(b, VERSION, "window-merge entry", in -> new MergeEntry(in.readBoolean(),
                in.readInt(), in.readInt(), in.readLong(), PartialWindowCodec.fromBytes(in.readAllBytes())));
    }

    /** The typed serde of the store. */
    static Serde<MergeEntry> serde() {
        return CodecSerde.of(MergeEntryCodec::toBytes, MergeEntryCodec::fromBytes);
    }
}
