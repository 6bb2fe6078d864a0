package dev.driftline.bench.support;

/**
 * Progress lines of a benchmark: on stderr, prefixed {@code bench: }, so stdout carries only the JSON result (and on
 * the console's stderr while {@link LibraryLog} sends library logs to a file).
 */
public final class Progress {
    private Progress() {
    }

    public static void say(String line) {
        LibraryLog.console().println("bench: " + line);
    }
}
