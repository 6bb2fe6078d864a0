package dev.driftline.streams;

/**
 * Records the window profiler counted and did not add, per reason, summed over all tasks of one topology
 * instance (thread-safe; in-memory, so it restarts from zero with the application).
 */
public final class LateRecords extends ReasonCounts {
    /** The record's window ended more than the grace ago in stream time. */
    public static final String AFTER_GRACE = "after_grace";
    /** The record's window was already closed by wall clock (traffic had stopped) before stream time passed it. */
    public static final String WINDOW_CLOSED = "window_closed";

    void count(String reason) {
        add(reason, 1);
    }
}
