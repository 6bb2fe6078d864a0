package dev.driftline.streams.window;

import static dev.driftline.streams.support.BinaryFields.readString;
import static dev.driftline.streams.support.BinaryFields.writeString;

import dev.driftline.contracts.VersionedBytes;
import dev.driftline.contracts.window.PartialWindow;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.drift.model.RowColumns;
import dev.driftline.streams.support.ScalarTags;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a {@link RedoEntry} ({@link VersionedBytes}; string = int length + UTF-8). Version 2 (written)
 * holds the rows of one window since the last commit, column names once:
 * <pre>
 *   byte version (2); string model; long windowStart;
 *   int c; c × string column name          -- every column of the rows, in order of first appearance
 *   int r; r × (c × (byte tag, value))      -- per row, per column
 * </pre>
 * Version 1 (read, written before batching: one entry per row):
 * <pre>
 *   byte version (1); string model; long windowStart; int n; n × (string name, byte tag, value)
 * </pre>
 * Tags: 0 null, 1 long, 2 double, 3 boolean, 4 string, 5 other (a type mismatch for every profile; no value), and in
 * version 2 only 6 absent (the row has no such column: unlike null it counts nowhere).
 */
final class RedoEntryCodec {
    static final int VERSION = 2;
    private static final int NULL = 0;
    private static final ScalarTags TAGS = new ScalarTags(3, 1, 2, 4); // boolean 3, long 1, double 2, string 4
    private static final int OTHER = 5;
    private static final int ABSENT = 6;
    private static final Object NO_VALUE = new Object();

    private RedoEntryCodec() {
    }

    static byte[] toBytes(RedoEntry e) {
        List<String> columns = columns(e.rows());
        int hint = 32 + e.model().length() + columns.size() * (16 + 9 * e.rows().size());
        return VersionedBytes.write(VERSION, hint, out -> {
            writeString(out, e.model());
            out.writeLong(e.windowStart());
            out.writeInt(columns.size());
            for (String c : columns) {
                writeString(out, c);
            }
            out.writeInt(e.rows().size());
            for (Map<String, Object> row : e.rows()) {
                for (String c : columns) {
                    Object value = row.getOrDefault(c, NO_VALUE);
                    if (value == NO_VALUE) {
                        out.writeByte(ABSENT);
                    } else {
                        writeValue(out, value);
                    }
                }
            }
        });
    }

    /**
     * The redo entry of inference rows: the same bytes as {@link #toBytes(RedoEntry)} of their
     * {@link PartialWindow#columns profiled columns}, without a map per row when the rows share one
     * {@link RowColumns} table (an event's batch, the usual case): the feature names are then written once from the
     * table and each row's values by position.
     */
    static byte[] toBytes(String model, long windowStart, List<InferenceRecord> rows) {
        RowColumns table = rows.isEmpty() ? null : RowColumns.of(rows.get(0).features());
        if (table == null || !sharedAndUnshadowed(table, rows)) {
            List<Map<String, Object>> maps = new ArrayList<>(rows.size());
            for (InferenceRecord r : rows) {
                maps.add(PartialWindow.columns(r.features(), r.predictions()));
            }
            return toBytes(new RedoEntry(model, windowStart, maps));
        }
        LinkedHashMap<String, Boolean> predictionNames = new LinkedHashMap<>();
        for (InferenceRecord r : rows) {
            for (String n : r.predictions().keySet()) {
                predictionNames.putIfAbsent(n, Boolean.TRUE);
            }
        }
        List<String> predictions = new ArrayList<>(predictionNames.keySet());
        int features = table.size();
        int hint = 32 + model.length() + (features + predictions.size()) * (16 + 9 * rows.size());
        return VersionedBytes.write(VERSION, hint, out -> {
            writeString(out, model);
            out.writeLong(windowStart);
            out.writeInt(features + predictions.size());
            for (String c : table.names()) {
                writeString(out, c);
            }
            for (String c : predictions) {
                writeString(out, PartialWindow.predictionColumn(c));
            }
            out.writeInt(rows.size());
            for (InferenceRecord r : rows) {
                Map<String, Object> row = r.features();
                for (int i = 0; i < features; i++) {
                    writeValue(out, PartialWindow.canonical(RowColumns.value(row, i)));
                }
                for (String c : predictions) {
                    Object value = r.predictions().getOrDefault(c, NO_VALUE);
                    if (value == NO_VALUE) {
                        out.writeByte(ABSENT);
                    } else {
                        writeValue(out, PartialWindow.canonical(value));
                    }
                }
            }
        });
    }

    /** Whether every row's features are of {@code table}, and no feature name could be a prediction's column. */
    private static boolean sharedAndUnshadowed(RowColumns table, List<InferenceRecord> rows) {
        for (InferenceRecord r : rows) {
            if (RowColumns.of(r.features()) != table) {
                return false;
            }
        }
        return PartialWindow.noPredictionColumn(table);
    }

    private static List<String> columns(List<Map<String, Object>> rows) {
        LinkedHashMap<String, Boolean> names = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            for (String n : row.keySet()) {
                names.putIfAbsent(n, Boolean.TRUE);
            }
        }
        return new ArrayList<>(names.keySet());
    }

    private static void writeValue(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (!TAGS.write(out, value)) {
            out.writeByte(OTHER);
        }
    }

    /** @throws IllegalStateException when the value has an unknown version or an unknown value tag */
    static RedoEntry fromBytes(byte[] b) {
        int version = b.length == 0 ? -1 : b[0] & 0xff;
        if (version == 1) {
            return VersionedBytes.read(b, 1, "window redo entry", RedoEntryCodec::readV1);
        }
        return VersionedBytes.read(b, VERSION, "window redo entry", RedoEntryCodec::readV2);
    }

    private static RedoEntry readV1(DataInputStream in) throws IOException {
        String model = readString(in);
        long start = in.readLong();
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            String name = readString(in);
            values.put(name, readValue(in, in.readUnsignedByte(), false));
        }
        return RedoEntry.of(model, start, values);
    }

    private static RedoEntry readV2(DataInputStream in) throws IOException {
        String model = readString(in);
        long start = in.readLong();
        int c = in.readInt();
        if (c < 0 || c > in.available()) {
            throw new IllegalStateException("bad column count " + c);
        }
        String[] columns = new String[c];
        for (int i = 0; i < c; i++) {
            columns[i] = readString(in);
        }
        int r = in.readInt();
        if (r < 0 || (c > 0 && r > in.available())) {
            throw new IllegalStateException("bad row count " + r);
        }
        List<Map<String, Object>> rows = new ArrayList<>(r);
        for (int j = 0; j < r; j++) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String column : columns) {
                Object v = readValue(in, in.readUnsignedByte(), true);
                if (v != NO_VALUE) {
                    values.put(column, v);
                }
            }
            rows.add(values);
        }
        return new RedoEntry(model, start, rows);
    }

    private static Object readValue(DataInputStream in, int tag, boolean absentAllowed) throws IOException {
        if (tag == NULL) {
            return null;
        }
        if (tag == OTHER) {
            return PartialWindow.OTHER;
        }
        if (tag == ABSENT && absentAllowed) {
            return NO_VALUE;
        }
        if (TAGS.knows(tag)) {
            return TAGS.read(in, tag);
        }
        throw new IllegalStateException("unknown value tag " + tag);
    }
}
