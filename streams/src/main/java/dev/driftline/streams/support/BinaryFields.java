package dev.driftline.streams.support;

import dev.driftline.contracts.VersionedBytes;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Field encodings the stage codecs share (inside a {@link VersionedBytes} value): strings as int length + UTF-8
 * (rather than {@code writeUTF}, which fails at 64 KiB), nullable byte arrays and strings with length -1 for null.
 */
public final class BinaryFields {
    private BinaryFields() {
    }

    public static void writeString(DataOutput out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** @throws IOException when the length is negative or longer than what is left */
    public static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("bad string length " + n);
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    public static void writeNullableBytes(DataOutput out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    public static byte[] readNullableBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        return n < 0 ? null : in.readNBytes(n);
    }

    public static void writeNullableString(DataOutput out, String s) throws IOException {
        writeNullableBytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    public static String readNullableString(DataInputStream in) throws IOException {
        byte[] b = readNullableBytes(in);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /**
     * {@link VersionedBytes#read} for values that cross a topic, whose readers drop what they cannot read: an
     * unknown version or a value that cannot be read is an {@link IllegalArgumentException} naming {@code what}.
     */
    public static <T> T readOrReject(byte[] b, int version, String what, VersionedBytes.Reader<T> fields) {
        if (b.length > 0 && (b[0] & 0xff) != version) {
            throw new IllegalArgumentException(what + " version " + (b[0] & 0xff) + " is not supported");
        }
        try {
            return VersionedBytes.read(b, version, what, fields);
        } catch (UncheckedIOException ex) {
            throw new IllegalArgumentException("not a " + what + ": " + ex.getCause(), ex.getCause());
        }
    }
}
