package dev.driftline.streams.modelquality;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * One inference row that met its ground truth: what the per-window aggregation needs and nothing else. Sent keyed by
 * model through the {@code quality-pairs} repartition topic as compact binary (format version 1: version byte,
 * model, window start, then label and prediction as tagged scalars).
 *
 * @param label      a {@link #scalar} value, non-null
 * @param prediction a {@link #scalar} value, non-null
 */
record LabelledPair(String model, long windowStart, Object label, Object prediction) {
    private static final int VERSION = 1;
    private static final int BOOLEAN = 1;
    private static final int LONG = 2;
    private static final int DOUBLE = 3;
    private static final int STRING = 4;

    /**
     * The canonical scalar of a label or prediction: Boolean, Long (any integral type), Double (other numbers, if
     * finite) or String; null for anything else (null, NaN/infinity, lists, maps) — such a value cannot be judged.
     */
    public static Object scalar(Object v) {
        if (v instanceof Boolean || v instanceof String || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        return null;
    }

    public byte[] toBytes() {
        try (ByteArrayOutputStream bos = new ByteArrayOutputStream(32 + model.length());
             DataOutputStream out = new DataOutputStream(bos)) {
            out.writeByte(VERSION);
            writeString(out, model);
            out.writeLong(windowStart);
            writeValue(out, label);
            writeValue(out, prediction);
            out.flush();
            return bos.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** @throws IllegalArgumentException when {@code b} is not a pair of a known version */
    public static LabelledPair fromBytes(byte[] b) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            int v = in.readUnsignedByte();
            if (v != VERSION) {
                throw new IllegalArgumentException("labelled pair version " + v + " is not supported");
            }
            return new LabelledPair(readString(in), in.readLong(), readValue(in), readValue(in));
        } catch (IOException ex) {
            throw new IllegalArgumentException("not a labelled pair: " + ex, ex);
        }
    }

    /** Writes a {@link #scalar} as a type tag and its value. */
    static void writeValue(DataOutput out, Object v) throws IOException {
        if (v instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            writeString(out, s);
        } else {
            throw new IllegalArgumentException("not a scalar: " + v);
        }
    }

    static Object readValue(DataInput in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case BOOLEAN -> in.readBoolean();
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case STRING -> readString(in);
            default -> throw new IOException("unknown value tag " + tag);
        };
    }

    // Length-prefixed UTF-8 rather than writeUTF: class names and models are short, but writeUTF fails at 64 KiB.
    static void writeString(DataOutput out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 16 << 20) {
            throw new IOException("bad string length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
