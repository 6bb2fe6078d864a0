package dev.driftline.drift.kserve;

import java.util.Objects;

/**
 * An inference payload (or a stored inference record) that cannot be turned into records. Unchecked: a bad payload is
 * a property of the data, not a programming error the caller could have prevented, and the collector handles every
 * one the same way — it dead-letters the event under {@link #reason()}.
 *
 * <p>The {@link Reason} code is short and stable so dashboards and alerts can group dead letters by it; the message is
 * for humans and may change.
 */
public final class PayloadException extends RuntimeException {

    /** Why a payload was refused; {@link #code()} is the stable machine-usable form. */
    public enum Reason {
        /** Neither a request nor a response body was given. */
        NO_PAYLOAD("no_payload"),
        /** A body is not parsable JSON. */
        NOT_JSON("not_json"),
        /** JSON, but neither KServe V1 ({@code instances}/{@code predictions}) nor V2 ({@code inputs}/{@code outputs}). */
        UNKNOWN_FORMAT("unknown_format"),
        /** A V2 tensor shape is missing, negative, not integral, or of a rank we do not handle (only 1 and 2). */
        BAD_SHAPE("bad_shape"),
        /** Data disagrees with its shape: length ≠ product(shape), ragged V1 rows, tensors with different batch sizes. */
        SHAPE_MISMATCH("shape_mismatch"),
        /** A V2 datatype we do not know. */
        BAD_DATATYPE("bad_datatype"),
        /** A V2 value inconsistent with its datatype (e.g. a string in an INT64 tensor, 300 in a UINT8 one). */
        BAD_VALUE("bad_value"),
        /** Request and response describe different numbers of rows. */
        ROW_COUNT_MISMATCH("row_count_mismatch"),
        /** Positional data whose width differs from the size of the schema that should name it. */
        SCHEMA_MISMATCH("schema_mismatch"),
        /** A stored inference-record JSON object that does not follow the documented schema. */
        BAD_RECORD("bad_record");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The snake_case code, e.g. {@code shape_mismatch}. */
        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public PayloadException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public PayloadException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** Shorthand for {@code reason().code()}, the dead-letter reason. */
    public String reasonCode() {
        return reason.code();
    }
}
