package dev.driftline.contracts.inference;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array with the field encodings of {@link InferenceRowsCodec}: varints (unsigned LEB128, 7 bits a
 * byte, low bits first), zig-zag varlongs, 8-byte big-endian doubles and length-prefixed UTF-8 strings. Plain array
 * writes instead of a DataOutputStream: this runs for every value of every row the pipeline sees.
 */
final class RowsOut {
    private byte[] buf;
    private int size;

    RowsOut(int sizeHint) {
        buf = new byte[Math.max(16, sizeHint)];
    }

    void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    /** An unsigned varint (callers pass counts, lengths and indexes, all >= 0). */
    void writeVarint(int v) {
        writeVarlong(v & 0xffffffffL);
    }

    /** A long as zig-zag varlong: small magnitudes of either sign take few bytes. */
    void writeZigZag(long v) {
        writeVarlong((v << 1) ^ (v >> 63));
    }

    void writeDouble(double d) {
        long bits = Double.doubleToRawLongBits(d);
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (bits >>> shift);
        }
    }

    void writeString(String s) {
        writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Varint length, then the bytes. */
    void writeBytes(byte[] b) {
        writeVarint(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void writeVarlong(long v) {
        ensure(10);
        while ((v & ~0x7fL) != 0) {
            buf[size++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
