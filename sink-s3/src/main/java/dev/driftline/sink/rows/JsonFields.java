package dev.driftline.sink.rows;

import static dev.driftline.sink.rows.BadRecordException.BAD_VALUE;
import static dev.driftline.sink.rows.BadRecordException.MISSING_FIELD;
import static dev.driftline.sink.rows.BadRecordException.NOT_JSON;
import static dev.driftline.sink.rows.BadRecordException.UNKNOWN_SCHEMA_VERSION;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reading the topics' JSON values field by field, each failure a {@link BadRecordException} that names the field,
 * so a dead letter says exactly what was wrong.
 */
final class JsonFields {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonFields() {
    }

    /** The value as a JSON object of the given schema version. */
    static JsonNode object(SourceRecord r, int schemaVersion) throws BadRecordException {
        if (r.value() == null) {
            throw new BadRecordException(MISSING_FIELD, "record has no value (tombstone)");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(r.value());
        } catch (IOException e) {
            throw new BadRecordException(NOT_JSON, "value is not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new BadRecordException(NOT_JSON, "value is not a JSON object");
        }
        JsonNode v = root.get("schema_version");
        if (v == null || !v.isIntegralNumber() || v.asInt() != schemaVersion) {
            throw new BadRecordException(UNKNOWN_SCHEMA_VERSION,
                    "schema_version " + v + " is not " + schemaVersion);
        }
        return root;
    }

    static String text(JsonNode o, String field) throws BadRecordException {
        String s = optText(o, field);
        if (s == null) {
            throw missing(field);
        }
        return s;
    }

    static String optText(JsonNode o, String field) throws BadRecordException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadRecordException(BAD_VALUE, field + " must be a string, got " + v.getNodeType());
        }
        return v.asText();
    }

    static long longValue(JsonNode o, String field) throws BadRecordException {
        Long l = optLong(o, field);
        if (l == null) {
            throw missing(field);
        }
        return l;
    }

    static Long optLong(JsonNode o, String field) throws BadRecordException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new BadRecordException(BAD_VALUE, field + " must be an integer, got " + v);
        }
        return v.asLong();
    }

    static int intValue(JsonNode o, String field) throws BadRecordException {
        long l = longValue(o, field);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new BadRecordException(BAD_VALUE, field + " is out of int range: " + l);
        }
        return (int) l;
    }

    static boolean bool(JsonNode o, String field) throws BadRecordException {
        Boolean b = optBool(o, field);
        if (b == null) {
            throw missing(field);
        }
        return b;
    }

    static Boolean optBool(JsonNode o, String field) throws BadRecordException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new BadRecordException(BAD_VALUE, field + " must be true or false, got " + v);
        }
        return v.asBoolean();
    }

    /** An ISO-8601 instant, as epoch milliseconds. */
    static long time(JsonNode o, String field) throws BadRecordException {
        Long t = optTime(o, field);
        if (t == null) {
            throw missing(field);
        }
        return t;
    }

    static Long optTime(JsonNode o, String field) throws BadRecordException {
        String s = optText(o, field);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new BadRecordException(BAD_VALUE, field + " is not an ISO-8601 instant: " + s);
        }
    }

    /** A nested value as compact JSON text; null for absent or JSON null unless {@code required}. */
    static String json(JsonNode o, String field, boolean required) throws BadRecordException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw missing(field);
            }
            return null;
        }
        return v.toString();
    }

    /** A nested object (absent → missing_field). */
    static JsonNode objectField(JsonNode o, String field) throws BadRecordException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw missing(field);
        }
        if (!v.isObject()) {
            throw new BadRecordException(BAD_VALUE, field + " must be an object, got " + v.getNodeType());
        }
        return v;
    }

    private static BadRecordException missing(String field) {
        return new BadRecordException(MISSING_FIELD, field + " is missing or null");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
