package dev.driftline.contracts.window;

import dev.driftline.contracts.Codec;
import dev.driftline.contracts.RecordFormatException;
import dev.driftline.contracts.VersionedBytes;
import dev.driftline.drift.profile.FeatureProfile;
import dev.driftline.drift.profile.ProfileCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The binary form of a {@link PartialWindow}: the value of {@code window.partials}, and the snapshot the window
 * profiler and the merge keep in their stores. Format version 1 ({@link VersionedBytes}: DataOutputStream,
 * big-endian; string = int length + UTF-8):
 * <pre>
 *   byte version (1); string model; long windowStart; long windowEnd; long rows;
 *   int n; n × (string feature name, int length, ProfileCodec bytes)   -- names ascending
 *   int m; m × (string feature name, long missing count)                -- untyped missing, names ascending
 * </pre>
 * Readers reject what they cannot read with an {@link IllegalArgumentException} (unknown version, truncated value,
 * trailing bytes), so a consumer can drop an unreadable record instead of failing.
 */
public final class PartialWindowCodec implements Codec<PartialWindow> {
    public static final int VERSION = 1;
    public static final PartialWindowCodec INSTANCE = new PartialWindowCodec();

    private PartialWindowCodec() {
    }

    @Override
    public byte[] encode(PartialWindow w) {
        return toBytes(w);
    }

    @Override
    public PartialWindow decode(byte[] bytes) {
        try {
            return fromBytes(bytes);
        } catch (IllegalArgumentException e) {
            throw new RecordFormatException(e.getMessage() != null && e.getMessage().contains("version")
                    ? RecordFormatException.UNKNOWN_SCHEMA_VERSION : RecordFormatException.BAD_VALUE,
                    String.valueOf(e.getMessage()), e);
        }
    }

    public static byte[] toBytes(PartialWindow w) {
        return VersionedBytes.write(VERSION, 32, out -> {
            writeString(out, w.model());
            out.writeLong(w.windowStart());
            out.writeLong(w.windowEnd());
            out.writeLong(w.rows());
            out.writeInt(w.profiles().size());
            for (Map.Entry<String, FeatureProfile> e : w.profiles().entrySet()) {
                writeString(out, e.getKey());
                byte[] b = ProfileCodec.toBytes(e.getValue());
                out.writeInt(b.length);
                out.write(b);
            }
            out.writeInt(w.untypedMissing().size());
            for (Map.Entry<String, Long> e : w.untypedMissing().entrySet()) {
                writeString(out, e.getKey());
                out.writeLong(e.getValue());
            }
        });
    }

    /**
     * Reads a value written by {@link #toBytes}.
     *
     * @throws IllegalArgumentException when it has another version, is truncated or has trailing bytes
     */
    public static PartialWindow fromBytes(byte[] bytes) {
        if (bytes.length > 0 && (bytes[0] & 0xff) != VERSION) {
            throw new IllegalArgumentException("partial-window format version " + (bytes[0] & 0xff)
                    + " is not supported (reads " + VERSION + ")");
        }
        try {
            return VersionedBytes.read(bytes, VERSION, "partial-window format", PartialWindowCodec::readFields);
        } catch (UncheckedIOException ex) {
            throw new IllegalArgumentException("truncated partial window", ex.getCause());
        }
    }

    private static PartialWindow readFields(DataInputStream in) throws IOException {
        String model = readString(in);
        long start = in.readLong();
        long end = in.readLong();
        long rows = in.readLong();
        Map<String, FeatureProfile> profiles = new TreeMap<>();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            String name = readString(in);
            profiles.put(name, ProfileCodec.fromBytes(in.readNBytes(in.readInt())));
        }
        Map<String, Long> untyped = new TreeMap<>();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            untyped.put(readString(in), in.readLong());
        }
        if (in.available() > 0) {
            throw new IllegalArgumentException(in.available() + " trailing bytes after a partial window");
        }
        return new PartialWindow(model, start, end, rows, profiles, untyped);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("bad string length " + n);
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
