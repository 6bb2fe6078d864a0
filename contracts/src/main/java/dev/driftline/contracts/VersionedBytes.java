package dev.driftline.contracts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

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
        try (Buffer bos = new Buffer(sizeHint);
             DataOutputStream out = new DataOutputStream(bos)) {
            out.writeByte(version);
            fields.write(out);
            out.flush();
            return bos.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A byte array stream without {@code ByteArrayOutputStream}'s locking: its {@code write} methods are
     * synchronized, and {@link DataOutputStream} calls one per field (a tag byte and an 8-byte double per value of a
     * window's redo entry). The buffer never leaves the thread that writes it.
     */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(Math.max(size, 16));
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        private void ensure(int n) {
            if (n > buf.length - count) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + n));
            }
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
