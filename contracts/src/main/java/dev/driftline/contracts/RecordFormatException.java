package dev.driftline.contracts;

/**
 * A topic value that does not follow its format. {@link #reason()} is a short, bounded code (a metric tag and the
 * dead-letter reason); the message names the field and what was wrong with it.
 */
public final class RecordFormatException extends RuntimeException {
    /** The value is not JSON (or not UTF-8), or not the binary form of its record. */
    public static final String NOT_JSON = "not_json";
    /** A {@code schema_version} (or binary version) this build does not read. */
    public static final String UNKNOWN_SCHEMA_VERSION = "unknown_schema_version";
    /** A required field is missing or null. */
    public static final String MISSING_FIELD = "missing_field";
    /** A field has a value of the wrong type or form (e.g. a time that is not ISO-8601). */
    public static final String BAD_VALUE = "bad_value";

    private static final long serialVersionUID = 1L;
    private final String reason;

    public RecordFormatException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RecordFormatException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
