package dev.driftline.sink.rows;

import static dev.driftline.sink.rows.BadRecordException.BAD_VALUE;
import static dev.driftline.sink.rows.BadRecordException.MISSING_FIELD;
import static dev.driftline.sink.rows.BadRecordException.NOT_JSON;
import static dev.driftline.sink.rows.BadRecordException.UNKNOWN_SCHEMA_VERSION;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.driftline.sink.LakeTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code inference.records} (InferenceRecordJson v1) → one {@code inference_log} row per record.
 *
 * <p>This is the sink's busiest table, so the value is read with Jackson's streaming parser instead of a tree:
 * {@code features}, {@code predictions} and {@code label} are copied as the exact bytes of the record (their span
 * in the value) rather than parsed into nodes and printed again, which was most of the sink's CPU time
 * ({@code driftline bench sink}).
 */
final class InferenceLogRows implements TableRows {
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

    @Override
    public List<LakeRow> rows(SourceRecord r) throws BadRecordException {
        if (r.value() == null) {
            throw new BadRecordException(MISSING_FIELD, "record has no value (tombstone)");
        }
        Fields f = read(r.value());
        if (f.schemaVersion == null || f.schemaVersion != 1) {
            throw new BadRecordException(UNKNOWN_SCHEMA_VERSION, "schema_version " + f.schemaVersion + " is not 1");
        }
        long eventTime;
        try {
            eventTime = Instant.parse(required(f.eventTime, "event_time")).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new BadRecordException(BAD_VALUE, "event_time is not an ISO-8601 instant: " + f.eventTime);
        }
        int row = required(f.row, "row");
        if (row < 0) {
            throw new BadRecordException(BAD_VALUE, "row must be >= 0, got " + row);
        }
        return List.of(LakeRow.of(LakeTable.INFERENCE_LOG, required(f.model, "model"),
                Instant.ofEpochMilli(eventTime), TableRows.withSource(r, 1, f.modelVersion,
                        required(f.inferenceId, "inference_id"), row, eventTime, required(f.features, "features"),
                        required(f.predictions, "predictions"), f.label)));
    }

    private static Fields read(byte[] value) throws BadRecordException {
        Fields f = new Fields();
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadRecordException(NOT_JSON, "value is not a JSON object");
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
                    default -> p.skipChildren(); // unknown fields are allowed (InferenceRecordJson)
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new BadRecordException(NOT_JSON, "value is not a single JSON object");
            }
        } catch (IOException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            throw new BadRecordException(NOT_JSON, "value is not JSON: " + m.lines().findFirst().orElse(""));
        }
        return f;
    }

    private static String text(JsonParser p, JsonToken t, String name) throws IOException, BadRecordException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new BadRecordException(BAD_VALUE, name + " must be a string, got " + t);
        }
        return p.getText();
    }

    private static Integer integer(JsonParser p, JsonToken t, String name) throws IOException, BadRecordException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw new BadRecordException(BAD_VALUE, name + " must be an integer, got " + p.getText());
        }
        return p.getIntValue();
    }

    private static String object(JsonParser p, JsonToken t, byte[] value, String name)
            throws IOException, BadRecordException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            throw new BadRecordException(BAD_VALUE, name + " must be an object, got " + t);
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

    private static <T> T required(T v, String field) throws BadRecordException {
        if (v == null) {
            throw new BadRecordException(MISSING_FIELD, field + " is missing or null");
        }
        return v;
    }
}
