package dev.driftline.collector;

/**
 * A request the collector refuses, with the HTTP status, a reason for the sender and a bounded reason code for
 * metrics. The reason may quote the sender's own input back to it, so it is never logged.
 */
public final class Rejection extends Exception {
    /** Bounded set of reasons, used as a metrics tag. */
    public enum Reason {
        BAD_REQUEST(400), UNAUTHORIZED(401), NOT_FOUND(404), METHOD_NOT_ALLOWED(405), TIMEOUT(408),
        TOO_LARGE(413), UNSUPPORTED_MEDIA_TYPE(415), UNAVAILABLE(503), SHUTTING_DOWN(503);

        public final int status;

        Reason(int status) {
            this.status = status;
        }

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;

    public Rejection(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public int status() {
        return reason.status;
    }

    public static Rejection badRequest(String message) {
        return new Rejection(Reason.BAD_REQUEST, message);
    }
}
