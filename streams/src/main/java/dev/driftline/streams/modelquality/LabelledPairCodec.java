package dev.driftline.streams.modelquality;

import static dev.driftline.streams.support.BinaryFields.readString;
import static dev.driftline.streams.support.BinaryFields.writeString;

import dev.driftline.contracts.VersionedBytes;
import dev.driftline.streams.support.BinaryFields;

/**
 * The value of the {@code quality-pairs} repartition topic ({@link VersionedBytes}), version 2:
 * {@code byte version (2); string model; string modelVersion; long windowStart; scalar label; scalar prediction}
 * ({@link Scalars}). Version 1 (no modelVersion, read as "") is still read: the topic may hold pairs written before
 * the upgrade. A reader older than version 2 rejects (and drops) version 2 pairs, so deploy readers first.
 */
final class LabelledPairCodec {
    static final int VERSION = 2;
    /** The first format, without the model version. */
    static final int V1 = 1;

    private LabelledPairCodec() {
    }

    static byte[] toBytes(LabelledPair p) {
        return VersionedBytes.write(VERSION, 40 + p.model().length() + p.modelVersion().length(), out -> {
            writeString(out, p.model());
            writeString(out, p.modelVersion());
            out.writeLong(p.windowStart());
            Scalars.write(out, p.label());
            Scalars.write(out, p.prediction());
        });
    }

    /** @throws IllegalArgumentException when {@code b} is not a pair of a known version */
    static LabelledPair fromBytes(byte[] b) {
        boolean v1 = b.length > 0 && b[0] == V1;
        return BinaryFields.readOrReject(b, v1 ? V1 : VERSION, "labelled pair", in -> new LabelledPair(
                readString(in), v1 ? "" : readString(in), in.readLong(), Scalars.read(in), Scalars.read(in)));
    }
}
