package dev.driftline.sink.rows;

/**
 * A source record that cannot become rows of its table: it goes to {@code dead_letters} with {@link #reason()}
 * (a short code, a bounded metric tag) and the message, and the sink carries on.
 */
public final class BadRecordException extends Exception {
    /** Value is not JSON (or not UTF-8). */
    public static final String NOT_JSON = "not_json";
    /** A {@code schema_version} the sink does not know. */
    public static final String UNKNOWN_SCHEMA_VERSION = "unknown_schema_version";
    /** A required field is missing or null. */
    public static final String MISSING_FIELD = "missing_field";
    /** A field has a value of the wrong type or form (e.g. a time that is not ISO-8601). */
    public static final String BAD_VALUE = "bad_value";

    private final String reason;

    public BadRecordException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
