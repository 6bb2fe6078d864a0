package dev.driftline.streams.modelquality;

import static dev.driftline.streams.support.BinaryFields.readString;
import static dev.driftline.streams.support.BinaryFields.writeString;

import dev.driftline.contracts.VersionedBytes;
import dev.driftline.streams.support.BinaryFields;

/**
 * The value of the {@code quality-pairs} repartition topic, version 1 ({@link VersionedBytes}):
 * {@code byte version (1); string model; long windowStart; scalar label; scalar prediction} ({@link Scalars}).
 */
final class LabelledPairCodec {
    static final int VERSION = 1;

    private LabelledPairCodec() {
    }

    static byte[] toBytes(LabelledPair p) {
        return VersionedBytes.write(VERSION, 32 + p.model().length(), out -> {
            writeString(out, p.model());
            out.writeLong(p.windowStart());
            Scalars.write(out, p.label());
            Scalars.write(out, p.prediction());
        });
    }

    /** @throws IllegalArgumentException when {@code b} is not a pair of a known version */
    static LabelledPair fromBytes(byte[] b) {
        return BinaryFields.readOrReject(b, VERSION, "labelled pair", in -> new LabelledPair(readString(in),
                in.readLong(), Scalars.read(in), Scalars.read(in)));
    }
}
