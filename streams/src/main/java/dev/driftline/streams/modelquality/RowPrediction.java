package dev.driftline.streams.modelquality;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What model quality needs of one inference row, sent from the ingest job to the label join (key = inference id):
 * the row's position, model, window start of its event time and the judged prediction ({@link LabelledPair#scalar}).
 * Binary, versioned; a few dozen bytes, so the join's own sub-topology costs one small record per row rather than
 * a second copy of the features.
 */
record RowPrediction(int row, String model, long windowStart, Object prediction) {
    private static final int VERSION = 1;

    public byte[] toBytes() {
        try (ByteArrayOutputStream bos = new ByteArrayOutputStream(32 + model.length());
             DataOutputStream out = new DataOutputStream(bos)) {
            out.writeByte(VERSION);
            out.writeInt(row);
            LabelledPair.writeString(out, model);
            out.writeLong(windowStart);
            LabelledPair.writeValue(out, prediction);
            out.flush();
            return bos.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** @throws IllegalArgumentException when {@code b} is not a row prediction of a known version */
    public static RowPrediction fromBytes(byte[] b) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            int v = in.readUnsignedByte();
            if (v != VERSION) {
                throw new IllegalArgumentException("row prediction version " + v + " is not supported");
            }
            return new RowPrediction(in.readInt(), LabelledPair.readString(in), in.readLong(),
                    LabelledPair.readValue(in));
        } catch (IOException ex) {
            throw new IllegalArgumentException("not a row prediction: " + ex, ex);
        }
    }
}
