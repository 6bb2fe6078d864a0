package dev.driftline.drift.profile;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The writer of {@link ProfileCodec}'s fields. Writes straight into the stream's protected buffer:
 * {@code ByteArrayOutputStream.write(int)} is synchronized and checks capacity per byte, which made serialising the
 * exact samples (8 bytes a value) the largest cost of closing a window.
 */
final class ProfileOut extends ByteArrayOutputStream {
    ProfileOut() {
        super(256);
    }

    private void ensure(int n) {
        if (count + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + n));
        }
    }

    ProfileOut varLong(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative count " + v);
        }
        return unsignedVarLong(v);
    }

    /** {@code v} as an unsigned 64-bit number, 1 to 10 bytes. */
    ProfileOut unsignedVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[count++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[count++] = (byte) v;
        return this;
    }

    ProfileOut doubleBits(double d) {
        ensure(8);
        put(d);
        return this;
    }

    private void put(double d) {
        long bits = Double.doubleToRawLongBits(d);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[count++] = (byte) (bits >>> shift);
        }
    }

    ProfileOut doubles(double[] values) {
        ensure(8 * values.length);
        for (double d : values) {
            put(d);
        }
        return this;
    }

    /** Ascending finite doubles: the first as raw bits, then each one's step in sortable bits as a varint. */
    ProfileOut sortedDoubles(double[] ascending) {
        ensure(8 * ascending.length);
        long previous = 0;
        for (int i = 0; i < ascending.length; i++) {
            long sortable = ProfileCodec.sortable(ascending[i]);
            if (i == 0) {
                put(ascending[0]);
            } else {
                unsignedVarLong(sortable - previous); // wraps for steps past 2^63; reading wraps back
            }
            previous = sortable;
        }
        return this;
    }

    ProfileOut blob(byte[] b) {
        varLong(b.length);
        writeBytes(b);
        return this;
    }
}
