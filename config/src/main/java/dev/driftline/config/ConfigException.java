package dev.driftline.config;

/** A configuration value is missing, malformed or out of range. The message always names the key and where the value came from. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
