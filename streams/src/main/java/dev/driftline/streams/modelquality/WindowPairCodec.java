package dev.driftline.streams.modelquality;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The value of a {@code P|…|seq} entry of the {@value ModelQualityWindowProcessor#STORE} store: one labelled pair's
 * label and prediction, two {@link Scalars} and nothing else — no version byte: a window holds up to
 * {@code maxPairsPerWindow} of them, and existing state holds this format, so a change needs a new key prefix.
 */
final class WindowPairCodec {
    private WindowPairCodec() {
    }

    /** A pair's label and prediction, as stored. */
    record Pair(Object label, Object prediction) {
    }

    static byte[] toBytes(LabelledPair p) {
        try (ByteArrayOutputStream bos = new ByteArrayOutputStream(20);
             DataOutputStream out = new DataOutputStream(bos)) {
            Scalars.write(out, p.label());
            Scalars.write(out, p.prediction());
            out.flush();
            return bos.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static Pair fromBytes(byte[] b) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            return new Pair(Scalars.read(in), Scalars.read(in));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
