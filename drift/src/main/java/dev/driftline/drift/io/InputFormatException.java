package dev.driftline.drift.io;

/** Input that cannot be read; the message names the file and, where known, the line and column. */
public final class InputFormatException extends RuntimeException {
    public InputFormatException(String file, long line, String column, String problem) {
        super(file + (line > 0 ? ":" + line : "") + (column != null ? " (column " + column + ")" : "") + ": " + problem);
    }

    public InputFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
