package dev.driftline.streams.support;

import static dev.driftline.streams.support.BinaryFields.readString;
import static dev.driftline.streams.support.BinaryFields.writeString;

import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How one binary store format tags a scalar value (boolean, long, double or string): a tag byte, then the value
 * (strings as int length + UTF-8). The formats were written with different tag numbers, which must stay; this writes
 * and reads the four kinds once for all of them.
 */
public record ScalarTags(int bool, int integer, int fractional, int string) {

    /** Writes {@code v} with its tag; false (nothing written) when it is none of the four kinds. */
    public boolean write(DataOutput out, Object v) throws IOException {
        if (v instanceof Boolean b) {
            out.writeByte(bool);
            out.writeBoolean(b);
        } else if (v instanceof Long l) {
            out.writeByte(integer);
            out.writeLong(l);
        } else if (v instanceof Double d) {
            out.writeByte(fractional);
            out.writeDouble(d);
        } else if (v instanceof String s) {
            out.writeByte(string);
            writeString(out, s);
        } else {
            return false;
        }
        return true;
    }

    /** Whether {@code tag} is one of the four. */
    public boolean knows(int tag) {
        return tag == bool || tag == integer || tag == fractional || tag == string;
    }

    /** The value after tag {@code tag} (one of {@link #knows}), boxed one by one (a switch would widen long). */
    public Object read(DataInputStream in, int tag) throws IOException {
        if (tag == bool) {
            return Boolean.valueOf(in.readBoolean());
        }
        if (tag == integer) {
            return Long.valueOf(in.readLong());
        }
        if (tag == fractional) {
            return Double.valueOf(in.readDouble());
        }
        if (tag == string) {
            return readString(in);
        }
        throw new IOException("unknown value tag " + tag);
    }
}
