package dev.driftline.streams.window;

import static dev.driftline.streams.support.BinaryFields.readString;
import static dev.driftline.streams.support.BinaryFields.writeString;

import dev.driftline.contracts.VersionedBytes;
import dev.driftline.contracts.window.PartialWindow;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.drift.model.RowColumns;
import dev.driftline.streams.support.ByteOut;
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
     * A window's rows as version-2 redo entries, encoded as each row is profiled rather than when the task commits.
     * Kept as records until the commit, the rows were read a second time after 100 ms of other work, from boxed
     * values long out of the cache: 9.7 % of the stream thread in a profile of {@code bench pipeline --windows 4}
     * (windows open across many commits, as every window of a live service), 3.0 % encoded as they come.
     *
     * <p>Rows of one {@link RowColumns} table (an event's batch; a model's events share one) go straight into an
     * entry whose columns are the table's names and the first row's prediction columns, each row's values by
     * position, as {@link #toBytes(RedoEntry)} writes the same rows as maps; a row of another table, or with a
     * prediction the entry has no column for, starts the next entry. Other rows (plain maps, or a feature named like
     * a prediction's column) take the general path, an entry of maps. Replaying the entries in order gives the rows
     * in order, whichever way they were cut. An entry is also cut once it holds {@link #MAX_ENTRY_BYTES}: a commit's
     * rows of one window grow with the task's rate and the rows' width, and a changelog record over Kafka's
     * {@code max.request.size} (1 MiB by default) would stop the stream thread (it did at 28,000 events/s of
     * 4 × 20 values with the windows open for minutes: 1,186,465 bytes). Not thread-safe: one per open window of a
     * task.
     */
    static final class Rows {
        /** Most bytes of an entry (past one row): half of Kafka's default 1 MiB, as {@code inference.records}. */
        static final int MAX_ENTRY_BYTES = 512 * 1024;
        private final String model;
        private final long windowStart;
        private final List<byte[]> entries = new ArrayList<>();
        /** The entry being written (kept across commits: its buffer has grown to a commit's rows). */
        private final ByteOut out = new ByteOut();
        private boolean writing;
        private RowColumns table;
        private List<String> predictions;
        private int rowCountAt;
        private int rows;
        private List<Map<String, Object>> maps = new ArrayList<>();

        Rows(String model, long windowStart) {
            this.model = model;
            this.windowStart = windowStart;
        }

        void add(InferenceRecord r) {
            RowColumns t = RowColumns.of(r.features());
            if (t == null || (t != table && !PartialWindow.noPredictionColumn(t))) {
                endTable();
                maps.add(PartialWindow.columns(r.features(), r.predictions()));
                return;
            }
            Map<String, Object> rowPredictions = r.predictions();
            if (!writing || t != table || !predictions.containsAll(rowPredictions.keySet())) {
                end();
                begin(t, rowPredictions);
            }
            Map<String, Object> row = r.features();
            for (int i = 0, n = t.size(); i < n; i++) {
                value(PartialWindow.canonical(RowColumns.value(row, i)));
            }
            for (String c : predictions) {
                Object value = rowPredictions.getOrDefault(c, NO_VALUE);
                if (value == NO_VALUE) {
                    out.write(ABSENT);
                } else {
                    value(PartialWindow.canonical(value));
                }
            }
            rows++;
            if (out.size() >= MAX_ENTRY_BYTES) {
                endTable(); // the next row begins the next entry
            }
        }

        /** Whether no row was added since the last {@link #finish} or {@link #discard}. */
        boolean isEmpty() {
            return !writing && maps.isEmpty() && entries.isEmpty();
        }

        /** The entries of the rows added since the last call, in row order (usually one); then starts afresh. */
        List<byte[]> finish() {
            end();
            List<byte[]> done = List.copyOf(entries);
            entries.clear();
            return done;
        }

        /** Forgets the rows added since the last {@link #finish} (a snapshot or the window's close holds them). */
        void discard() {
            writing = false;
            table = null;
            maps = new ArrayList<>();
            entries.clear();
        }

        /** A canonical value with its tag, as {@link #writeValue} writes it. */
        private void value(Object v) {
            if (v instanceof Double d) {
                out.write(TAGS.fractional());
                out.writeDouble(d);
            } else if (v == null) {
                out.write(NULL);
            } else if (v instanceof Long l) {
                out.write(TAGS.integer());
                out.writeLong(l);
            } else if (v instanceof Boolean b) {
                out.write(TAGS.bool());
                out.write(b ? 1 : 0);
            } else if (v instanceof String s) {
                out.write(TAGS.string());
                out.writeString(s);
            } else {
                out.write(OTHER);
            }
        }

        private void begin(RowColumns t, Map<String, Object> rowPredictions) {
            table = t;
            predictions = List.copyOf(rowPredictions.keySet());
            out.reset();
            out.write(VERSION);
            out.writeString(model);
            out.writeLong(windowStart);
            out.writeInt(t.size() + predictions.size());
            for (String c : t.names()) {
                out.writeString(c);
            }
            for (String c : predictions) {
                out.writeString(PartialWindow.predictionColumn(c));
            }
            rowCountAt = out.size();
            out.writeInt(0); // the row count, set by endTable
            rows = 0;
            writing = true;
        }

        private void end() {
            endTable();
            if (!maps.isEmpty()) {
                addMaps(maps);
                maps = new ArrayList<>();
            }
        }

        /** Rows as maps, as one entry or, past {@link #MAX_ENTRY_BYTES}, halves of them in order. */
        private void addMaps(List<Map<String, Object>> rows) {
            byte[] entry = toBytes(new RedoEntry(model, windowStart, rows));
            if (entry.length <= MAX_ENTRY_BYTES || rows.size() == 1) {
                entries.add(entry);
                return;
            }
            addMaps(rows.subList(0, rows.size() / 2));
            addMaps(rows.subList(rows.size() / 2, rows.size()));
        }

        private void endTable() {
            if (writing) {
                out.setInt(rowCountAt, rows);
                entries.add(out.toByteArray());
                writing = false;
                table = null;
            }
        }
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
