package dev.driftline.streams.modelquality;

import static dev.driftline.streams.support.BinaryFields.readString;
import static dev.driftline.streams.support.BinaryFields.writeString;

import dev.driftline.contracts.VersionedBytes;
import dev.driftline.streams.support.BinaryFields;

/**
 * The value of the {@code quality-predictions} repartition topic ({@link VersionedBytes}), version 2:
 * {@code byte version (2); int row; string model; string modelVersion; long windowStart; scalar prediction}
 * ({@link Scalars}). Version 1 (no modelVersion, read as "") is still read: the topic may hold rows written before
 * the upgrade. A reader older than version 2 rejects (and drops) version 2 rows, so deploy readers first.
 */
final class RowPredictionCodec {
    static final int VERSION = 2;
    /** The first format, without the model version. */
    static final int V1 = 1;

    private RowPredictionCodec() {
    }

    static byte[] toBytes(RowPrediction p) {
        return VersionedBytes.write(VERSION, 40 + p.model().length() + p.modelVersion().length(), out -> {
            out.writeInt(p.row());
            writeString(out, p.model());
            writeString(out, p.modelVersion());
            out.writeLong(p.windowStart());
            Scalars.write(out, p.prediction());
        });
    }

    /** @throws IllegalArgumentException when {@code b} is not a row prediction of a known version */
    static RowPrediction fromBytes(byte[] b) {
        boolean v1 = b.length > 0 && b[0] == V1;
        return BinaryFields.readOrReject(b, v1 ? V1 : VERSION, "row prediction", in -> new RowPrediction(
                in.readInt(), readString(in), v1 ? "" : readString(in), in.readLong(), Scalars.read(in)));
    }
}
