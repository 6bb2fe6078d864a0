package dev.driftline.streams.window;

import static dev.driftline.streams.support.BinaryFields.readString;
import static dev.driftline.streams.support.BinaryFields.writeString;

import dev.driftline.contracts.VersionedBytes;
import dev.driftline.contracts.window.PartialWindow;
import dev.driftline.streams.support.ScalarTags;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The binary form of a {@link RedoEntry}, version 1 ({@link VersionedBytes}; string = int length + UTF-8):
 * <pre>
 *   byte version (1); string model; long windowStart; int n; n × (string name, byte tag, value)
 *   tags: 0 null, 1 long, 2 double, 3 boolean, 4 string, 5 other (a type mismatch for every profile; no value)
 * </pre>
 */
final class RedoEntryCodec {
    static final int VERSION = 1;
    private static final int NULL = 0;
    private static final ScalarTags TAGS = new ScalarTags(3, 1, 2, 4); // boolean 3, long 1, double 2, string 4
    private static final int OTHER = 5;

    private RedoEntryCodec() {
    }

    static byte[] toBytes(RedoEntry e) {
        return VersionedBytes.write(VERSION, 32, out -> {
            writeString(out, e.model());
            out.writeLong(e.windowStart());
            out.writeInt(e.values().size());
            for (Map.Entry<String, Object> v : e.values().entrySet()) {
                writeString(out, v.getKey());
                Object value = v.getValue();
                if (value == null) {
                    out.writeByte(NULL);
                } else if (!TAGS.write(out, value)) {
                    out.writeByte(OTHER);
                }
            }
        });
    }

    /** @throws IllegalStateException when the value has another version or an unknown value tag */
    static RedoEntry fromBytes(byte[] b) {
        return VersionedBytes.read(b, VERSION, "window redo entry", in -> {
            String model = readString(in);
            long start = in.readLong();
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0, n = in.readInt(); i < n; i++) {
                String name = readString(in);
                int tag = in.readUnsignedByte();
                Object value;
                if (tag == NULL) {
                    value = null;
                } else if (tag == OTHER) {
                    value = PartialWindow.OTHER;
                } else if (TAGS.knows(tag)) {
                    value = TAGS.read(in, tag);
                } else {
                    throw new IllegalStateException("unknown value tag " + tag);
                }
                values.put(name, value);
            }
            return new RedoEntry(model, start, values);
        });
    }
}
