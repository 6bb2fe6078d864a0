package dev.driftline.streams.modelquality;

import static dev.driftline.streams.support.BinaryFields.readString;
import static dev.driftline.streams.support.BinaryFields.writeString;

import dev.driftline.contracts.VersionedBytes;
import dev.driftline.streams.support.BinaryFields;

/**
 * The value of the {@code quality-predictions} repartition topic, version 1 ({@link VersionedBytes}):
 * {@code byte version (1); int row; string model; long windowStart; scalar prediction} ({@link Scalars}).
 */
final class RowPredictionCodec {
    static final int VERSION = 1;

    private RowPredictionCodec() {
    }

    static byte[] toBytes(RowPrediction p) {
        return VersionedBytes.write(VERSION, 32 + p.model().length(), out -> {
            out.writeInt(p.row());
            writeString(out, p.model());
            out.writeLong(p.windowStart());
            Scalars.write(out, p.prediction());
        });
    }

    /** @throws IllegalArgumentException when {@code b} is not a row prediction of a known version */
    static RowPrediction fromBytes(byte[] b) {
        return BinaryFields.readOrReject(b, VERSION, "row prediction", in -> new RowPrediction(in.readInt(),
                readString(in), in.readLong(), Scalars.read(in)));
    }
}
