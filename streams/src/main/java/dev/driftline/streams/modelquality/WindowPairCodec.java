package dev.driftline.streams.modelquality;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The value of a {@code P|…|seq} entry of the {@value ModelQualityWindowProcessor#STORE} store: one labelled pair's
 * label and prediction, two {@link Scalars}, then — only when it is not 0 — one unsigned byte: the index of the
 * pair's model version in its window's {@link WindowHeader#versions()}. No version byte: a window holds up to
 * {@code maxPairsPerWindow} of them, and existing state holds this format, so it only grows by optional trailing
 * fields (pairs written before the index existed read as index 0, which the upgraded header names "", and a reader
 * without it ignores the trailing byte); any other change needs a new key prefix. The pairs of a window's first
 * version — all of them in single-version traffic — cost no byte more than before.
 */
final class WindowPairCodec {
    private WindowPairCodec() {
    }

    /** A pair's label and prediction, and the index of its model version in the window's header. */
    record Pair(Object label, Object prediction, int slot) {
    }

    static byte[] toBytes(LabelledPair p, int slot) {
        if (slot < 0 || slot > 255) {
            throw new IllegalArgumentException("version index out of range: " + slot);
        }
        try (ByteArrayOutputStream bos = new ByteArrayOutputStream(21);
             DataOutputStream out = new DataOutputStream(bos)) {
            Scalars.write(out, p.label());
            Scalars.write(out, p.prediction());
            if (slot != 0) {
                out.writeByte(slot);
            }
            out.flush();
            return bos.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static Pair fromBytes(byte[] b) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            Object label = Scalars.read(in);
            Object prediction = Scalars.read(in);
            return new Pair(label, prediction, in.available() > 0 ? in.readUnsignedByte() : 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
