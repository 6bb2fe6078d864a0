package dev.driftline.contracts.window;

import dev.driftline.contracts.Codec;
import dev.driftline.contracts.RecordFormatException;
import dev.driftline.contracts.VersionedBytes;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The value of {@code profiles}: a {@link MergedWindow} in binary, format version 2, key model, record timestamp =
 * window start. Version 1 was JSON with each profile in base64 ({@link MergedWindowJson}); its text and base64 cost
 * the merge and the evaluation more than the merge itself once a window held its exact samples (21 features of
 * 1,000 values: about 170 KB of profile bytes, 230 KB as base64). Reads both: a value starting with {@code '{'} (or
 * JSON whitespace) is version 1, so a topic or a reference-window store holding older values keeps working.
 *
 * <p>Layout of version 2 ({@link DataOutputStream}: big-endian; string = int byte length + UTF-8):
 * <pre>
 *   byte    0x02                 version; a control character, which never starts a JSON text; other bytes below
 *                                0x20 are versions this build does not read (unknown_schema_version)
 *   string  model
 *   long    window_start, window_end      epoch milliseconds
 *   int     revision             1 for the first emission, n+1 for each re-emission with a straggler's partial
 *   long    rows                 rows of all merged partials
 *   int     partials             task partials merged
 *   int     F, then F × feature, in the window's order:
 *     string name                predictions as "prediction:" + name
 *     string type                the profile's feature type in lower case (fractional, integral, string, boolean)
 *     long   count, present, missing, type_mismatches
 *     byte   which of mean, std_dev, min, max follow (bits 0..3; a figure that is undefined is left out)
 *     double each of those that is set, in that order
 *     int    profile length (-1: no profile), then that many ProfileCodec bytes
 *   int     U, then U × (string name, long rows)   untyped_missing: features null in every row
 *   (no trailing bytes)
 * </pre>
 * A value that does not follow the layout is a {@link RecordFormatException} ({@code bad_value}; an unknown
 * version byte {@code unknown_schema_version}).
 */
public final class MergedWindowCodec implements Codec<MergedWindow> {
    public static final int SCHEMA_VERSION = 2;
    public static final MergedWindowCodec INSTANCE = new MergedWindowCodec();
    private static final int MEAN = 1;
    private static final int STD_DEV = 2;
    private static final int MIN = 4;
    private static final int MAX = 8;
    /** Bytes per feature besides its name and profile: type, four counts, the mask and four figures, the length. */
    private static final int FEATURE_BOUND = 96;

    private MergedWindowCodec() {
    }

    @Override
    public byte[] encode(MergedWindow w) {
        long size = 64 + 2L * w.model().length();
        for (Map.Entry<String, MergedWindow.Feature> e : w.features().entrySet()) {
            byte[] p = e.getValue().profileBytes();
            size += FEATURE_BOUND + 3L * e.getKey().length() + (p == null ? 0 : p.length);
        }
        return VersionedBytes.write(SCHEMA_VERSION, (int) Math.min(size, 1 << 24), out -> {
            writeString(out, w.model());
            out.writeLong(w.windowStart());
            out.writeLong(w.windowEnd());
            out.writeInt(w.revision());
            out.writeLong(w.rows());
            out.writeInt(w.partials());
            out.writeInt(w.features().size());
            for (Map.Entry<String, MergedWindow.Feature> e : w.features().entrySet()) {
                writeFeature(out, e.getKey(), e.getValue());
            }
            out.writeInt(w.untypedMissing().size());
            for (Map.Entry<String, Long> e : w.untypedMissing().entrySet()) {
                writeString(out, e.getKey());
                out.writeLong(e.getValue());
            }
        });
    }

    private static void writeFeature(DataOutputStream out, String name, MergedWindow.Feature f) throws IOException {
        writeString(out, name);
        writeString(out, f.type());
        out.writeLong(f.count());
        out.writeLong(f.present());
        out.writeLong(f.missing());
        out.writeLong(f.typeMismatches());
        Double[] figures = {f.mean(), f.stdDev(), f.min(), f.max()};
        int mask = 0;
        for (int i = 0; i < figures.length; i++) {
            mask |= figures[i] != null ? 1 << i : 0;
        }
        out.writeByte(mask);
        for (Double d : figures) {
            if (d != null) {
                out.writeDouble(d);
            }
        }
        byte[] p = f.profileBytes();
        out.writeInt(p == null ? -1 : p.length);
        if (p != null) {
            out.write(p);
        }
    }

    @Override
    public MergedWindow decode(byte[] bytes) {
        int first = bytes.length == 0 ? '{' : bytes[0] & 0xff;
        if (first >= 0x20 || first == '\t' || first == '\n' || first == '\r') {
            return MergedWindowJson.decode(bytes); // version 1, or not a value of this topic at all (not_json)
        }
        if (first != SCHEMA_VERSION) {
            throw new RecordFormatException(RecordFormatException.UNKNOWN_SCHEMA_VERSION, "merged window format "
                    + "version " + first + " is not supported (reads " + MergedWindowJson.SCHEMA_VERSION + " and "
                    + SCHEMA_VERSION + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            MergedWindow w = readFields(in);
            if (in.available() > 0) {
                throw bad(in.available() + " trailing bytes after a merged window");
            }
            return w;
        } catch (EOFException ex) {
            throw bad("truncated merged window");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // a byte array stream does not fail otherwise
        }
    }

    private static MergedWindow readFields(DataInputStream in) throws IOException {
        String model = readString(in, "model");
        long start = in.readLong();
        long end = in.readLong();
        int revision = in.readInt();
        long rows = in.readLong();
        int partials = in.readInt();
        int n = count(in, "features");
        Map<String, MergedWindow.Feature> features = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = readString(in, "feature name");
            features.put(name, readFeature(in, name));
        }
        int u = count(in, "untyped_missing");
        Map<String, Long> untyped = new LinkedHashMap<>();
        for (int i = 0; i < u; i++) {
            untyped.put(readString(in, "untyped_missing name"), in.readLong());
        }
        return new MergedWindow(model, start, end, revision, rows, partials, features, untyped);
    }

    private static MergedWindow.Feature readFeature(DataInputStream in, String name) throws IOException {
        String type = readString(in, "type of feature " + name);
        long count = in.readLong();
        long present = in.readLong();
        long missing = in.readLong();
        long mismatches = in.readLong();
        int mask = in.readUnsignedByte();
        if ((mask & ~(MEAN | STD_DEV | MIN | MAX)) != 0) {
            throw bad("feature " + name + " has an unknown figure mask " + mask);
        }
        Double mean = (mask & MEAN) != 0 ? in.readDouble() : null;
        Double std = (mask & STD_DEV) != 0 ? in.readDouble() : null;
        Double min = (mask & MIN) != 0 ? in.readDouble() : null;
        Double max = (mask & MAX) != 0 ? in.readDouble() : null;
        int length = in.readInt();
        if (length < -1 || length > in.available()) {
            throw bad("profile of feature " + name + " has a bad length " + length);
        }
        byte[] profile = length < 0 ? null : in.readNBytes(length);
        return new MergedWindow.Feature(type, count, present, missing, mismatches, mean, std, min, max, profile);
    }

    private static int count(DataInputStream in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw bad("bad count of " + what + ": " + n);
        }
        return n;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw bad("bad length of " + what + ": " + n);
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static RecordFormatException bad(String message) {
        return new RecordFormatException(RecordFormatException.BAD_VALUE, message);
    }
}
