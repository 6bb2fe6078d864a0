package dev.driftline.bench.support;

/** Progress lines of a benchmark: on stderr, prefixed {@code bench: }, so stdout carries only the JSON result. */
public final class Progress {
    private Progress() {
    }

    public static void say(String line) {
        System.err.println("bench: " + line);
    }
}
