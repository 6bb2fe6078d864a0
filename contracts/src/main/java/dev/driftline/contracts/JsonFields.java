package dev.driftline.contracts;

import static dev.driftline.contracts.RecordFormatException.BAD_VALUE;
import static dev.driftline.contracts.RecordFormatException.MISSING_FIELD;
import static dev.driftline.contracts.RecordFormatException.NOT_JSON;
import static dev.driftline.contracts.RecordFormatException.UNKNOWN_SCHEMA_VERSION;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Strict field-by-field reading of the JSON topic values, for the codecs: each failure a
 * {@link RecordFormatException} that names the field, so a dead letter says exactly what was wrong. Statistical
 * figures ({@link #figure}) accept Jackson's non-finite markers ({@code "NaN"}, {@code "Infinity"}) as undefined.
 */
public final class JsonFields {
    /** The field every JSON value of a driftline topic starts with. */
    public static final String SCHEMA_VERSION = "schema_version";
    /** The start of the window a windowed record is about (ISO-8601 UTC in the topic values). */
    public static final String WINDOW_START = "window_start";

    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonFields() {
    }

    /** The value as a JSON object of schema version {@code schemaVersion}; {@code what} names it in messages. */
    public static JsonNode object(byte[] value, int schemaVersion, String what) {
        if (value == null) {
            throw new RecordFormatException(MISSING_FIELD, what + " has no value (tombstone)");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(value);
        } catch (IOException e) {
            throw new RecordFormatException(NOT_JSON, what + " is not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new RecordFormatException(NOT_JSON, what + " is not a JSON object");
        }
        JsonNode v = root.get(SCHEMA_VERSION);
        if (v == null || !v.isIntegralNumber() || v.asInt() != schemaVersion) {
            throw new RecordFormatException(UNKNOWN_SCHEMA_VERSION, what + " " + SCHEMA_VERSION + " " + v
                    + " is not " + schemaVersion + (v != null && v.isIntegralNumber() && v.asInt() > schemaVersion
                    ? " (written by a newer driftline: upgrade this reader)" : ""));
        }
        return root;
    }

    /**
     * The value as a JSON tree, for formats that check their own version field ({@code what} names the record).
     *
     * @throws RecordFormatException ({@code not_json}) when it is not a JSON object
     */
    public static JsonNode tree(byte[] value, String what) {
        JsonNode root;
        try {
            root = value == null ? null : MAPPER.readTree(value);
        } catch (IOException e) {
            throw new RecordFormatException(NOT_JSON, what + " is not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new RecordFormatException(NOT_JSON, what + " is not a JSON object");
        }
        return root;
    }

    public static String text(JsonNode o, String field) {
        String s = optText(o, field);
        if (s == null) {
            throw missing(field);
        }
        return s;
    }

    public static String optText(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new RecordFormatException(BAD_VALUE, field + " must be a string, got " + v.getNodeType());
        }
        return v.asText();
    }

    public static long longValue(JsonNode o, String field) {
        Long l = optLong(o, field);
        if (l == null) {
            throw missing(field);
        }
        return l;
    }

    public static Long optLong(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new RecordFormatException(BAD_VALUE, field + " must be an integer, got " + v);
        }
        return v.asLong();
    }

    public static int intValue(JsonNode o, String field) {
        long l = longValue(o, field);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new RecordFormatException(BAD_VALUE, field + " is out of int range: " + l);
        }
        return (int) l;
    }

    public static boolean bool(JsonNode o, String field) {
        Boolean b = optBool(o, field);
        if (b == null) {
            throw missing(field);
        }
        return b;
    }

    public static Boolean optBool(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new RecordFormatException(BAD_VALUE, field + " must be true or false, got " + v);
        }
        return v.asBoolean();
    }

    /** An ISO-8601 instant, as epoch milliseconds. */
    public static long time(JsonNode o, String field) {
        Long t = optTime(o, field);
        if (t == null) {
            throw missing(field);
        }
        return t;
    }

    public static Long optTime(JsonNode o, String field) {
        String s = optText(o, field);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new RecordFormatException(BAD_VALUE, field + " is not an ISO-8601 instant: " + s);
        }
    }

    /**
     * A statistical figure: a JSON number, or NaN when it is null or one of Jackson's non-finite markers
     * ({@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}); absent is NaN too.
     */
    public static double figure(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (v.isTextual()) {
            return switch (v.asText()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new RecordFormatException(BAD_VALUE, field + " must be a number, got " + v);
            };
        }
        if (!v.isNumber()) {
            throw new RecordFormatException(BAD_VALUE, field + " must be a number, got " + v);
        }
        return v.asDouble();
    }

    /** A nested object (absent or null → missing_field). */
    public static JsonNode objectField(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw missing(field);
        }
        if (!v.isObject()) {
            throw new RecordFormatException(BAD_VALUE, field + " must be an object, got " + v.getNodeType());
        }
        return v;
    }

    /** A nested object, or an empty one when absent or null. */
    public static JsonNode optObjectField(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return MAPPER.createObjectNode();
        }
        if (!v.isObject()) {
            throw new RecordFormatException(BAD_VALUE, field + " must be an object, got " + v.getNodeType());
        }
        return v;
    }

    /** A nested array, or an empty one when absent or null. */
    public static JsonNode optArrayField(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return MAPPER.createArrayNode();
        }
        if (!v.isArray()) {
            throw new RecordFormatException(BAD_VALUE, field + " must be an array, got " + v.getNodeType());
        }
        return v;
    }

    static RecordFormatException missing(String field) {
        return new RecordFormatException(MISSING_FIELD, field + " is missing or null");
    }

    /** The first line of a JSON parser's message (Jackson appends the source location on further lines). */
    public static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
