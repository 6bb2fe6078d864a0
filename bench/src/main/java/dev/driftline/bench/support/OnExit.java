package dev.driftline.bench.support;

import java.nio.file.Path;

/**
 * A clean-up that runs if the JVM exits before its owner gets to it. Ctrl-C and SIGTERM run the JVM's shutdown hooks
 * but no {@code finally} blocks: an interrupted {@code bench pipeline} left its broker's data and its state
 * directories, over a gigabyte, in the temporary directory. {@link #close} unregisters the hook when the owner cleans
 * up itself, so a finished run does exactly what it did before.
 */
public final class OnExit implements AutoCloseable {
    private final Thread hook;

    private OnExit(Thread hook) {
        this.hook = hook;
    }

    /** Runs {@code action} at JVM exit unless {@link #close} comes first. */
    public static OnExit run(String name, Runnable action) {
        Thread t = new Thread(action, "driftline-bench-on-exit-" + name);
        Runtime.getRuntime().addShutdownHook(t);
        return new OnExit(t);
    }

    /** Deletes {@code dir} (best effort) at JVM exit unless {@link #close} comes first. */
    public static OnExit deleting(Path dir) {
        return run(String.valueOf(dir.getFileName()), () -> Dirs.deleteQuietly(dir));
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // the JVM is already exiting: the hook runs (or ran) instead
        }
    }
}
