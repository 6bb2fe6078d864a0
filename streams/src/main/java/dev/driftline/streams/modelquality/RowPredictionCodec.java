package dev.driftline.streams.modelquality;

import static dev.driftline.streams.support.BinaryFields.readString;
import static dev.driftline.streams.support.BinaryFields.writeString;

import dev.driftline.contracts.VersionedBytes;
import dev.driftline.streams.support.BinaryFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of the {@code quality-predictions} repartition topic ({@link VersionedBytes}), version 3: the judged
 * rows of one inference (all share its model, model version and window)
 * {@code byte version (3); string model; string modelVersion; long windowStart; int n; n × (int row, scalar
 * prediction)} ({@link Scalars}). Versions 1 and 2 (one row: {@code int row; string model; [v2: string
 * modelVersion;] long windowStart; scalar prediction}, version 1 read with model version "") are still read: the
 * topic may hold rows written before the upgrade. A reader older than version 3 rejects (and drops) version 3 values,
 * so deploy readers first.
 */
final class RowPredictionCodec {
    static final int VERSION = 3;
    /** The first format, without the model version. */
    static final int V1 = 1;
    /** One row with its model version. */
    static final int V2 = 2;

    private RowPredictionCodec() {
    }

    /** One inference's rows (at least one, all of one model, model version and window). */
    static byte[] toBytes(List<RowPrediction> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows");
        }
        RowPrediction first = rows.get(0);
        for (RowPrediction r : rows) {
            if (!r.model().equals(first.model()) || !r.modelVersion().equals(first.modelVersion())
                    || r.windowStart() != first.windowStart()) {
                throw new IllegalArgumentException("rows of one inference share its model, version and window");
            }
        }
        return VersionedBytes.write(VERSION, 40 + first.model().length() + first.modelVersion().length()
                + 16 * rows.size(), out -> {
            writeString(out, first.model());
            writeString(out, first.modelVersion());
            out.writeLong(first.windowStart());
            out.writeInt(rows.size());
            for (RowPrediction r : rows) {
                out.writeInt(r.row());
                Scalars.write(out, r.prediction());
            }
        });
    }

    /** The version-2 form of one row (what the code before batching wrote; kept for the compatibility tests). */
    static byte[] toBytesV2(RowPrediction p) {
        return VersionedBytes.write(V2, 40 + p.model().length() + p.modelVersion().length(), out -> {
            out.writeInt(p.row());
            writeString(out, p.model());
            writeString(out, p.modelVersion());
            out.writeLong(p.windowStart());
            Scalars.write(out, p.prediction());
        });
    }

    /** @throws IllegalArgumentException when {@code b} is not a row prediction of a known version */
    static List<RowPrediction> fromBytes(byte[] b) {
        int version = b.length > 0 ? b[0] & 0xff : VERSION;
        if (version == V1 || version == V2) {
            boolean v1 = version == V1;
            RowPrediction one = BinaryFields.readOrReject(b, version, "row prediction", in -> new RowPrediction(
                    in.readInt(), readString(in), v1 ? "" : readString(in), in.readLong(), Scalars.read(in)));
            return List.of(one);
        }
        return BinaryFields.readOrReject(b, VERSION, "row prediction", in -> {
            String model = readString(in);
            String modelVersion = readString(in);
            long windowStart = in.readLong();
            int n = in.readInt();
            if (n < 1 || n > in.available()) {
                throw new IOException("bad row count " + n);
            }
            List<RowPrediction> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                rows.add(new RowPrediction(in.readInt(), model, modelVersion, windowStart, Scalars.read(in)));
            }
            return rows;
        });
    }
}
