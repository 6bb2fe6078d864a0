package dev.driftline.contracts.inference;

import static dev.driftline.contracts.RecordFormatException.BAD_VALUE;
import static dev.driftline.contracts.RecordFormatException.NOT_JSON;
import static dev.driftline.contracts.RecordFormatException.UNKNOWN_SCHEMA_VERSION;

import dev.driftline.contracts.Codec;
import dev.driftline.contracts.RecordFormatException;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.drift.model.RowColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The value of {@code inference.records}: all rows of one inference in one compact binary value (format version 2),
 * written by the pipeline once per inference instead of one JSON object per row (v1, {@link InferenceRecordCodec}):
 * no double is formatted as text and one send carries the whole batch (a batch too large for one Kafka record is
 * written as several values of consecutive rows, see {@link #split}). Reads both versions: a v1 value (a JSON
 * object, as older builds wrote) is a list of one record, so a topic holding old data keeps working.
 *
 * <p>Layout of version 2 (varint = unsigned LEB128, 7 bits a byte, low bits first; zig-zag = a signed long as
 * {@code (v << 1) ^ (v >> 63)} in a varint; string = varint byte length + UTF-8):
 * <pre>
 *   byte     0x02                 version; a control character, which never starts a JSON text, so a reader tells
 *                                 a v1 value ('{', or JSON whitespace) from a binary one; other bytes below 0x20
 *                                 are versions this build does not read (unknown_schema_version)
 *   string   model                shared by all rows, encoded once
 *   string   model_version        "" when the endpoint reported none (v1 writes null)
 *   string   inference_id
 *   zig-zag  event_time seconds   since the epoch
 *   varint   event_time nanos     0..999,999,999
 *   varint   F, then F × string   feature column names: union of the rows' feature names, first-seen order
 *   varint   P, then P × string   prediction column names, likewise
 *   varint   N                    rows, >= 1
 *   N × row:
 *     varint row                  the row's index in the request's batch
 *     features                    a map section over the F feature columns
 *     predictions                 a map section over the P prediction columns
 *     value  label                never absent
 *   (no trailing bytes)
 *
 *   map section:  byte 0, then one value per column in column order (absent for a name the row lacks): the row's
 *                 names are in column order, as when all rows share one schema (writers use it only when the row
 *                 lacks at most 1 + 4 × its own count of the columns, so a sparse row never costs a byte per column);
 *             or  byte 1, varint k, then k × (varint column index, value): the row's own name order, kept exactly
 *   value:        byte tag, then by tag: 0 absent; 1 null; 2 long: zig-zag; 3 double: 8 bytes, IEEE-754 bits
 *                 big-endian, finite; 4 string: string; 5 true; 6 false; 7 JSON: string holding the JSON text of a
 *                 list or map (e.g. a probability vector) or an integer beyond a long
 * </pre>
 * Values map to and from Java exactly as v1's JSON does ({@link RowsValues}): a record reads back from v2 equal to
 * what it reads back from v1, Long as Long, Double as Double, a non-finite double as v1's string, key order kept.
 * One known difference: strings are UTF-8, so an unpaired surrogate (possible only from a {@code \uD800}-style
 * escape in a payload's JSON, not valid Unicode) is written as {@code ?}, where v1's JSON kept it as an escape.
 * A value that does not follow the layout is a {@link RecordFormatException} ({@code bad_value}; an unknown version
 * byte {@code unknown_schema_version}; a v1 value is judged by {@link InferenceRecordCodec}).
 */
public final class InferenceRowsCodec implements Codec<List<InferenceRecord>> {
    public static final int VERSION = 2;
    public static final InferenceRowsCodec INSTANCE = new InferenceRowsCodec();
    static final int COLUMN_ORDER = 0;
    static final int OWN_ORDER = 1;
    /** A column-order section lacks at most this many columns per value it has (plus one), see writeSection. */
    static final int MAX_ABSENT_PER_VALUE = 4;
    /** Version byte, counts, string lengths and the event time's varints (the shared strings counted apart). */
    private static final long HEADER_BOUND = 64;

    private InferenceRowsCodec() {
    }

    /**
     * @throws IllegalArgumentException when {@code rows} is empty or its records are not of one inference (model,
     *                                  model version, inference id and event time differ)
     */
    @Override
    public byte[] encode(List<InferenceRecord> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("an inference.records value holds at least one row");
        }
        InferenceRecord first = rows.get(0);
        // Rows of one RowColumns table (a batch's usual form) have its names in its order: no union to build
        RowColumns featureTable = RowColumns.of(first.features());
        RowColumns predictionTable = RowColumns.of(first.predictions());
        for (InferenceRecord r : rows) {
            if (!r.model().equals(first.model()) || !r.modelVersion().equals(first.modelVersion())
                    || !r.inferenceId().equals(first.inferenceId()) || !r.eventTime().equals(first.eventTime())) {
                throw new IllegalArgumentException("rows of one value must share model, model version, inference"
                        + " id and event time: " + first.inferenceId() + " and " + r.inferenceId());
            }
            if (featureTable != null && RowColumns.of(r.features()) != featureTable) {
                featureTable = null;
            }
            if (predictionTable != null && RowColumns.of(r.predictions()) != predictionTable) {
                predictionTable = null;
            }
        }
        Columns features = Columns.of(rows, featureTable, InferenceRecord::features);
        Columns predictions = Columns.of(rows, predictionTable, InferenceRecord::predictions);
        // A guess for the usual dense batch; the buffer grows when needed, and a huge guess is not allocated.
        RowsOut out = new RowsOut((int) Math.min(1 << 16,
                64 + (long) rows.size() * 12 * (features.names().length + predictions.names().length + 1)));
        new RowsHeader(first.model(), first.modelVersion(), first.inferenceId(), first.eventTime(),
                features.names(), predictions.names(), rows.size()).write(out);
        for (InferenceRecord r : rows) {
            out.writeVarint(r.row());
            writeSection(out, r.features(), features);
            writeSection(out, r.predictions(), predictions);
            RowsValues.write(out, r.label());
        }
        return out.toByteArray();
    }

    /**
     * The rows of one inference in groups whose values each take at most about {@code maxBytes} (a row larger
     * than that alone in its group), in order: one group unless the batch is very large. The pipeline writes one
     * value per group, so an inference of many rows never makes a record larger than the producer and broker take.
     */
    public static List<List<InferenceRecord>> split(List<InferenceRecord> rows, long maxBytes) {
        List<List<InferenceRecord>> groups = new ArrayList<>(1);
        if (rows.isEmpty()) {
            return groups;
        }
        InferenceRecord first = rows.get(0);
        long header = HEADER_BOUND + 3L * (first.model().length() + first.modelVersion().length()
                + first.inferenceId().length());
        int start = 0;
        long size = header;
        for (int i = 0; i < rows.size(); i++) {
            long row = RowsSize.of(rows.get(i));
            if (i > start && size + row > maxBytes) {
                groups.add(rows.subList(start, i));
                start = i;
                size = header;
            }
            size += row;
        }
        if (start < rows.size()) {
            groups.add(start == 0 ? rows : rows.subList(start, rows.size()));
        }
        return groups;
    }

    /** A v2 value, or a v1 JSON value as a list of one record. */
    @Override
    public List<InferenceRecord> decode(byte[] bytes) {
        if (version(bytes) == InferenceRecordCodec.SCHEMA_VERSION) {
            return List.of(InferenceRecordCodec.INSTANCE.decode(bytes));
        }
        RowsIn in = new RowsIn(bytes, 1);
        RowsHeader h = RowsHeader.read(in);
        List<InferenceRecord> records = new ArrayList<>(h.rows());
        for (int i = 0; i < h.rows(); i++) {
            int row = in.readVarint("row");
            Map<String, Object> features = readSection(in, h.features(), "features");
            Map<String, Object> predictions = readSection(in, h.predictions(), "predictions");
            int labelTag = in.readByte("label");
            if (labelTag == RowsValues.ABSENT) {
                throw new RecordFormatException(BAD_VALUE, "label is absent (null is tag 1)");
            }
            Object label = RowsValues.read(in, labelTag, "label");
            try {
                records.add(new InferenceRecord(h.model(), h.modelVersion(), h.inferenceId(), row, h.eventTime(),
                        features, predictions, label));
            } catch (IllegalArgumentException e) {
                throw new RecordFormatException(BAD_VALUE, String.valueOf(e.getMessage()));
            }
        }
        if (!in.atEnd()) {
            throw new RecordFormatException(BAD_VALUE, in.remaining() + " trailing bytes after the rows");
        }
        return records;
    }

    /**
     * The format version of a value: {@value #VERSION}, or {@link InferenceRecordCodec#SCHEMA_VERSION} for anything
     * that may be JSON (v1 then judges it).
     *
     * @throws RecordFormatException when the value is empty or starts with a version byte this build does not read
     */
    public static int version(byte[] value) {
        if (value == null || value.length == 0) {
            throw new RecordFormatException(NOT_JSON, "value is empty");
        }
        int first = value[0] & 0xff;
        if (first == VERSION) {
            return VERSION;
        }
        boolean jsonWhitespace = first == ' ' || first == '\t' || first == '\n' || first == '\r';
        if (first < 0x20 && !jsonWhitespace) {
            throw new RecordFormatException(UNKNOWN_SCHEMA_VERSION, "inference.records format version " + first
                    + " is not supported (reads " + InferenceRecordCodec.SCHEMA_VERSION + " and " + VERSION + ")");
        }
        return InferenceRecordCodec.SCHEMA_VERSION;
    }

    /**
     * The columns of one section of a value: the names of the one {@link RowColumns} table every row's section is
     * of ({@code table}; their values are then written by position), or else the union of the rows' names in
     * first-seen order with each name's index.
     */
    private record Columns(String[] names, Map<String, Integer> index, RowColumns table) {
        static Columns of(List<InferenceRecord> rows, RowColumns table,
                          Function<InferenceRecord, Map<String, Object>> section) {
            if (table != null) {
                return new Columns(table.names().toArray(new String[0]), null, table);
            }
            Map<String, Integer> index = new LinkedHashMap<>();
            for (InferenceRecord r : rows) {
                section.apply(r).keySet().forEach(name -> index.putIfAbsent(name, index.size()));
            }
            return new Columns(index.keySet().toArray(new String[0]), index, null);
        }
    }

    private static void writeSection(RowsOut out, Map<String, Object> map, Columns section) {
        int width = section.names().length;
        if (section.table() != null) { // every row of this value is of one table: its names are the columns, in order
            out.writeByte(COLUMN_ORDER);
            for (int column = 0; column < width; column++) {
                RowsValues.write(out, RowColumns.value(map, column));
            }
            return;
        }
        Map<String, Integer> columns = section.index();
        int[] indexes = new int[map.size()];
        boolean columnOrder = true;
        int i = 0;
        for (String name : map.keySet()) {
            indexes[i] = columns.get(name);
            columnOrder &= i == 0 || indexes[i] > indexes[i - 1];
            i++;
        }
        // Column order writes a byte for every column the row lacks: a sparse row (one key of thousands) would
        // make a value of rows × columns bytes, far above what RowsSize promised the splitter. It is only used when
        // it is no larger than own order (its index varints, a byte each at least, and the count).
        if (columnOrder && width - indexes.length <= 1 + MAX_ABSENT_PER_VALUE * indexes.length) {
            out.writeByte(COLUMN_ORDER);
            int next = 0;
            var entries = map.values().iterator();
            for (int column = 0; column < width; column++) {
                if (next < indexes.length && indexes[next] == column) {
                    RowsValues.write(out, entries.next());
                    next++;
                } else {
                    out.writeByte(RowsValues.ABSENT);
                }
            }
        } else {
            out.writeByte(OWN_ORDER);
            out.writeVarint(indexes.length);
            i = 0;
            for (Object value : map.values()) {
                out.writeVarint(indexes[i++]);
                RowsValues.write(out, value);
            }
        }
    }

    private static Map<String, Object> readSection(RowsIn in, String[] columns, String what) {
        int layout = in.readByte(what);
        Map<String, Object> map = new LinkedHashMap<>();
        if (layout == COLUMN_ORDER) {
            for (String column : columns) {
                int tag = in.readByte(what);
                if (tag != RowsValues.ABSENT) {
                    map.put(column, RowsValues.read(in, tag, what + "." + column));
                }
            }
        } else if (layout == OWN_ORDER) {
            int k = in.readVarint(what + " count");
            boolean[] seen = new boolean[columns.length];
            for (int i = 0; i < k; i++) {
                String column = columns[ownOrderColumn(in, seen, what)];
                int tag = in.readByte(what);
                if (tag == RowsValues.ABSENT) {
                    throw new RecordFormatException(BAD_VALUE, what + "." + column + " is absent in own order");
                }
                map.put(column, RowsValues.read(in, tag, what + "." + column));
            }
        } else {
            throw new RecordFormatException(BAD_VALUE, what + " has unknown section layout " + layout);
        }
        return map;
    }

    /** The column named by the next index of an own-order section: one the table has, not seen in the row yet. */
    static int ownOrderColumn(RowsIn in, boolean[] seen, String what) {
        int c = in.readVarint(what + " column index");
        if (c >= seen.length || seen[c]) {
            throw new RecordFormatException(BAD_VALUE, what + " column index " + c + " is out of range or repeated");
        }
        seen[c] = true;
        return c;
    }
}
