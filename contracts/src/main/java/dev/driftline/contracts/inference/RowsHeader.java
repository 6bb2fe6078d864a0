package dev.driftline.contracts.inference;

import static dev.driftline.contracts.RecordFormatException.BAD_VALUE;

import dev.driftline.contracts.RecordFormatException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * The part of an {@link InferenceRowsCodec} value before its rows: the fields all rows of the inference share and
 * the column-name tables. Read once by both readers of the format (records, and lake text).
 *
 * @param modelVersion "" when the endpoint reported none
 * @param features     feature column names, by column index
 * @param predictions  prediction column names, by column index
 * @param rows         how many rows follow (>= 1)
 */
record RowsHeader(String model, String modelVersion, String inferenceId, Instant eventTime, String[] features,
                  String[] predictions, int rows) {

    void write(RowsOut out) {
        out.writeByte(InferenceRowsCodec.VERSION);
        out.writeString(model);
        out.writeString(modelVersion);
        out.writeString(inferenceId);
        out.writeZigZag(eventTime.getEpochSecond());
        out.writeVarint(eventTime.getNano());
        writeNames(out, features);
        writeNames(out, predictions);
        out.writeVarint(rows);
    }

    /** Reads the header of a value whose version byte was checked; {@code in} is left at the first row. */
    static RowsHeader read(RowsIn in) {
        String model = in.readString("model");
        String modelVersion = in.readString("model_version");
        String inferenceId = in.readString("inference_id");
        long seconds = in.readZigZag("event_time seconds");
        int nanos = in.readVarint("event_time nanos");
        Instant eventTime;
        try {
            eventTime = Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException | ArithmeticException e) {
            throw new RecordFormatException(BAD_VALUE, "event_time is out of range: " + seconds + " s " + nanos
                    + " ns");
        }
        if (nanos > 999_999_999) {
            throw new RecordFormatException(BAD_VALUE, "event_time nanos out of range: " + nanos);
        }
        String[] features = readNames(in, "feature");
        String[] predictions = readNames(in, "prediction");
        int rows = in.readVarint("row count");
        // every row takes at least one byte: a count beyond what is left is corruption, not a reason to allocate
        if (rows < 1 || rows > in.remaining()) {
            throw new RecordFormatException(BAD_VALUE, "row count " + rows + " does not fit the value");
        }
        return new RowsHeader(model, modelVersion, inferenceId, eventTime, features, predictions, rows);
    }

    private static void writeNames(RowsOut out, String[] names) {
        out.writeVarint(names.length);
        for (String name : names) {
            out.writeString(name);
        }
    }

    private static String[] readNames(RowsIn in, String what) {
        int n = in.readVarint(what + " column count");
        if (n > in.remaining()) {
            throw new RecordFormatException(BAD_VALUE, what + " column count " + n + " does not fit the value");
        }
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = in.readString(what + " column name");
        }
        return names;
    }
}
