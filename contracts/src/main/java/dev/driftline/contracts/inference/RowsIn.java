package dev.driftline.contracts.inference;

import static dev.driftline.contracts.RecordFormatException.BAD_VALUE;

import dev.driftline.contracts.RecordFormatException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the field encodings {@link RowsOut} writes, checking every length against what is left: a truncated or
 * corrupt value is a {@link RecordFormatException} ({@code bad_value}) naming what was being read, never an
 * out-of-bounds read or a huge allocation.
 */
final class RowsIn {
    private final byte[] buf;
    private int pos;

    RowsIn(byte[] buf, int pos) {
        this.buf = buf;
        this.pos = pos;
    }

    int readByte(String what) {
        if (pos >= buf.length) {
            throw truncated(what);
        }
        return buf[pos++] & 0xff;
    }

    /** An unsigned varint that must fit an int >= 0 (counts, lengths, indexes). */
    int readVarint(String what) {
        long v = readVarlong(what);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new RecordFormatException(BAD_VALUE, what + " is out of range: " + Long.toUnsignedString(v));
        }
        return (int) v;
    }

    long readZigZag(String what) {
        long v = readVarlong(what);
        return (v >>> 1) ^ -(v & 1);
    }

    double readDouble(String what) {
        if (buf.length - pos < 8) {
            throw truncated(what);
        }
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (buf[pos++] & 0xff);
        }
        return Double.longBitsToDouble(bits);
    }

    String readString(String what) {
        int n = readVarint(what + " length");
        if (n > buf.length - pos) {
            throw truncated(what);
        }
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** Whether every byte was read (a value with trailing bytes is not one this format wrote). */
    boolean atEnd() {
        return pos == buf.length;
    }

    int remaining() {
        return buf.length - pos;
    }

    private long readVarlong(String what) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte(what);
            v |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new RecordFormatException(BAD_VALUE, what + " is not a varint (more than 10 bytes)");
    }

    private static RecordFormatException truncated(String what) {
        return new RecordFormatException(BAD_VALUE, "value is truncated in " + what);
    }
}
