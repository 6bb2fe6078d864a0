package dev.driftline.contracts.inference;

import static dev.driftline.contracts.RecordFormatException.BAD_VALUE;
import static dev.driftline.contracts.RecordFormatException.MISSING_FIELD;
import static dev.driftline.contracts.RecordFormatException.NOT_JSON;
import static dev.driftline.contracts.RecordFormatException.UNKNOWN_SCHEMA_VERSION;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.driftline.contracts.RecordFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * An {@code inference.records} row (InferenceRecordCodec v1, or one row of an InferenceRowsCodec v2 value) read for
 * copying, not for computing: the scalar fields checked and parsed, {@code features}, {@code predictions} and
 * {@code label} kept as JSON text (a v1 value: their exact span in the value, instead of parsed into nodes and
 * printed again; a v2 value: written once from its bytes, the text v1 would hold). The lake's busiest table is
 * written from this view ({@code driftline bench sink} showed tree parsing + re-serialisation as most of the sink's
 * CPU time).
 *
 * @param schemaVersion   the format the row came in: 1 (one JSON value per row) or 2 ({@link InferenceRowsCodec})
 * @param modelVersion    null when the endpoint reported none
 * @param eventTime       epoch ms
 * @param featuresJson    the {@code features} object's text
 * @param predictionsJson the {@code predictions} object's text
 * @param labelJson       the {@code label} value's text; null when it is JSON null or absent
 */
public record InferenceRecordView(int schemaVersion, String model, String modelVersion, String inferenceId, int row,
                                  long eventTime, String featuresJson, String predictionsJson, String labelJson) {
    public static final int SCHEMA_VERSION = 1;
    private static final JsonFactory JSON = new JsonFactory();

    /** The fields of one record as read. */
    private static final class Fields {
        Integer schemaVersion;
        String model;
        String modelVersion;
        String inferenceId;
        Integer row;
        String eventTime;
        String features;
        String predictions;
        String label;
    }

    /**
     * Reads one {@code inference.records} value of either format: a v2 value ({@link InferenceRowsCodec}) is one
     * view per row (schema version 2), a v1 JSON value one view. The text of a row's features, predictions and label
     * is the same for the same record whichever version it came in.
     *
     * @throws RecordFormatException naming the field when it is not such a value
     */
    public static List<InferenceRecordView> readAll(byte[] value) {
        if (value == null) {
            throw new RecordFormatException(MISSING_FIELD, "record has no value (tombstone)");
        }
        if (InferenceRowsCodec.version(value) == InferenceRowsCodec.VERSION) {
            return InferenceRowsViews.read(value);
        }
        return List.of(read(value));
    }

    /**
     * Reads one v1 value; unknown fields are allowed (as in InferenceRecordCodec).
     *
     * @throws RecordFormatException naming the field when it is not such a record
     */
    public static InferenceRecordView read(byte[] value) {
        if (value == null) {
            throw new RecordFormatException(MISSING_FIELD, "record has no value (tombstone)");
        }
        Fields f = fields(value);
        if (f.schemaVersion == null || f.schemaVersion != SCHEMA_VERSION) {
            throw new RecordFormatException(UNKNOWN_SCHEMA_VERSION, "schema_version " + f.schemaVersion + " is not "
                    + SCHEMA_VERSION);
        }
        long eventTime;
        try {
            eventTime = Instant.parse(required(f.eventTime, "event_time")).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new RecordFormatException(BAD_VALUE, "event_time is not an ISO-8601 instant: " + f.eventTime);
        }
        int row = required(f.row, "row");
        if (row < 0) {
            throw new RecordFormatException(BAD_VALUE, "row must be >= 0, got " + row);
        }
        return new InferenceRecordView(f.schemaVersion, required(f.model, "model"), f.modelVersion,
                required(f.inferenceId, "inference_id"), row, eventTime, required(f.features, "features"),
                required(f.predictions, "predictions"), f.label);
    }

    private static Fields fields(byte[] value) {
        Fields f = new Fields();
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RecordFormatException(NOT_JSON, "value is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "schema_version" -> f.schemaVersion = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
                    case "model" -> f.model = text(p, t, name);
                    case "model_version" -> f.modelVersion = text(p, t, name);
                    case "inference_id" -> f.inferenceId = text(p, t, name);
                    case "row" -> f.row = integer(p, t, name);
                    case "event_time" -> f.eventTime = text(p, t, name);
                    case "features" -> f.features = object(p, t, value, name);
                    case "predictions" -> f.predictions = object(p, t, value, name);
                    case "label" -> f.label = t == JsonToken.VALUE_NULL ? null : raw(p, value);
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new RecordFormatException(NOT_JSON, "value is not a single JSON object");
            }
        } catch (IOException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            throw new RecordFormatException(NOT_JSON, "value is not JSON: " + m.lines().findFirst().orElse(""));
        }
        return f;
    }

    private static String text(JsonParser p, JsonToken t, String name) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new RecordFormatException(BAD_VALUE, name + " must be a string, got " + t);
        }
        return p.getText();
    }

    private static Integer integer(JsonParser p, JsonToken t, String name) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw new RecordFormatException(BAD_VALUE, name + " must be an integer, got " + p.getText());
        }
        return p.getIntValue();
    }

    private static String object(JsonParser p, JsonToken t, byte[] value, String name) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            throw new RecordFormatException(BAD_VALUE, name + " must be an object, got " + t);
        }
        return raw(p, value);
    }

    /** The current value's exact text: from its first byte to the end of its last token. */
    private static String raw(JsonParser p, byte[] value) throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        if (p.currentToken().isScalarValue()) {
            p.getText(); // Jackson reads a string lazily: finish it so the location is past its closing quote
        } else {
            p.skipChildren(); // to the matching end of the object or array
        }
        int end = (int) p.currentLocation().getByteOffset();
        return new String(value, start, end - start, StandardCharsets.UTF_8);
    }

    private static <T> T required(T v, String field) {
        if (v == null) {
            throw new RecordFormatException(MISSING_FIELD, field + " is missing or null");
        }
        return v;
    }
}
