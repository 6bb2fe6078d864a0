package dev.driftline.drift.profile;

/** Bytes that are not a profile this build can read: unknown format version or type tag, truncated or corrupt. */
public final class ProfileFormatException extends IllegalArgumentException {
    public ProfileFormatException(String message) {
        super(message);
    }

    public ProfileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
