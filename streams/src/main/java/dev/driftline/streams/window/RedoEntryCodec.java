package dev.driftline.streams.window;

import static dev.driftline.streams.support.BinaryFields.readString;
import static dev.driftline.streams.support.BinaryFields.writeString;

import dev.driftline.contracts.VersionedBytes;
import dev.driftline.contracts.window.PartialWindow;
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
    private static final int LONG = 1;
    private static final int DOUBLE = 2;
    private static final int BOOLEAN = 3;
    private static final int STRING = 4;
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
                } else if (value instanceof Long l) {
                    out.writeByte(LONG);
                    out.writeLong(l);
                } else if (value instanceof Double d) {
                    out.writeByte(DOUBLE);
                    out.writeDouble(d);
                } else if (value instanceof Boolean b) {
                    out.writeByte(BOOLEAN);
                    out.writeBoolean(b);
                } else if (value instanceof String s) {
                    out.writeByte(STRING);
                    writeString(out, s);
                } else {
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
                Object value = switch (tag) { // boxed one by one: a bare switch would widen long to double
                    case NULL -> null;
                    case LONG -> Long.valueOf(in.readLong());
                    case DOUBLE -> Double.valueOf(in.readDouble());
                    case BOOLEAN -> Boolean.valueOf(in.readBoolean());
                    case STRING -> readString(in);
                    case OTHER -> PartialWindow.OTHER;
                    default -> throw new IllegalStateException("unknown value tag " + tag);
                };
                values.put(name, value);
            }
            return new RedoEntry(model, start, values);
        });
    }
}
