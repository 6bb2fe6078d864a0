package dev.driftline.streams.modelquality;

import dev.driftline.streams.support.ScalarTags;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A label or prediction ({@link LabelledPair#scalar}) in the model-quality codecs: a type tag, then the value —
 * 1 boolean, 2 long, 3 double, 4 string (int length + UTF-8).
 */
final class Scalars {
    private static final ScalarTags TAGS = new ScalarTags(1, 2, 3, 4);

    private Scalars() {
    }

    /** @throws IllegalArgumentException when {@code v} is not a scalar */
    static void write(DataOutput out, Object v) throws IOException {
        if (!TAGS.write(out, v)) {
            throw new IllegalArgumentException("not a scalar: " + v);
        }
    }

    /** @throws IOException on an unknown tag or a truncated value */
    static Object read(DataInputStream in) throws IOException {
        return TAGS.read(in, in.readUnsignedByte());
    }
}
