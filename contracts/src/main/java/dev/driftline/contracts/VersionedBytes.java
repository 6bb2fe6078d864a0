package dev.driftline.contracts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The small versioned binary values of the pipeline's state stores: a version byte, then fields written with
 * {@link DataOutputStream}. One place for the stream plumbing and the version check, so a store entry's codec is
 * just its fields.
 */
public final class VersionedBytes {
    private VersionedBytes() {
    }

    /** Writes the fields of one value. */
    @FunctionalInterface
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads the fields of one value. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    public static byte[] write(int version, int sizeHint, Writer fields) {
        try (ByteArrayOutputStream bos = new ByteArrayOutputStream(sizeHint);
             DataOutputStream out = new DataOutputStream(bos)) {
            out.writeByte(version);
            fields.write(out);
            out.flush();
            return bos.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** @throws IllegalStateException when the value has another version ({@code what} names it in the message) */
    public static <T> T read(byte[] b, int version, String what, Reader<T> fields) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            int v = in.readUnsignedByte();
            if (v != version) {
                throw new IllegalStateException(what + " version " + v + " is not supported");
            }
            return fields.read(in);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
