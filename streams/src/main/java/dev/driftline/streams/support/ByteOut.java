package dev.driftline.streams.support;

import java.io.DataOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array written as {@link DataOutputStream} writes (big-endian; doubles by
 * {@link Double#doubleToLongBits}) and strings as {@link BinaryFields#writeString} does, without a stream call per
 * field: for a codec that writes many small fields per record on the stream thread. Reusable ({@link #reset}) and
 * not thread-safe.
 */
public final class ByteOut {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private byte[] buf = new byte[256];
    private int count;

    /** Empties it, keeping the array it has grown to. */
    public void reset() {
        count = 0;
    }

    /** Bytes written since the last {@link #reset}. */
    public int size() {
        return count;
    }

    private void ensure(int n) {
        if (n > buf.length - count) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + n));
        }
    }

    /** The low byte of {@code b}. */
    public void write(int b) {
        ensure(1);
        buf[count++] = (byte) b;
    }

    public void writeInt(int v) {
        ensure(4);
        INT.set(buf, count, v);
        count += 4;
    }

    public void writeLong(long v) {
        ensure(8);
        LONG.set(buf, count, v);
        count += 8;
    }

    public void writeDouble(double v) {
        writeLong(Double.doubleToLongBits(v));
    }

    /** Int length + UTF-8, as {@link BinaryFields#writeString}. */
    public void writeString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeInt(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, count, b.length);
        count += b.length;
    }

    /** Overwrites the int at {@code at} (a count known only at the end). */
    public void setInt(int at, int v) {
        if (at < 0 || at > count - 4) {
            throw new IndexOutOfBoundsException("int at " + at + " of " + count + " bytes");
        }
        INT.set(buf, at, v);
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, count);
    }
}
