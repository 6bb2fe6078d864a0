package dev.driftline.streams.modelquality;

import static dev.driftline.streams.support.BinaryFields.readString;
import static dev.driftline.streams.support.BinaryFields.writeString;

import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A label or prediction ({@link LabelledPair#scalar}) in the model-quality codecs: a type tag, then the value —
 * 1 boolean, 2 long, 3 double, 4 string (int length + UTF-8).
 */
final class Scalars {
    private static final int BOOLEAN = 1;
    private static final int LONG = 2;
    private static final int DOUBLE = 3;
    private static final int STRING = 4;

    private Scalars() {
    }

    /** @throws IllegalArgumentException when {@code v} is not a scalar */
    static void write(DataOutput out, Object v) throws IOException {
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

    /** @throws IOException on an unknown tag or a truncated value */
    static Object read(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case BOOLEAN -> Boolean.valueOf(in.readBoolean());
            case LONG -> Long.valueOf(in.readLong());
            case DOUBLE -> Double.valueOf(in.readDouble());
            case STRING -> readString(in);
            default -> throw new IOException("unknown value tag " + tag);
        };
    }
}
