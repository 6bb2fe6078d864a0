package dev.driftline.streams.window;

import dev.driftline.streams.support.ReasonCounts;

/**
 * Records the window profiler counted as late, per reason ({@link #AFTER_GRACE}: dropped; {@link #AFTER_WALL_CLOSE}:
 * still counted, in a follow-up partial), summed over all tasks of one topology
 * instance (thread-safe; in-memory, so it restarts from zero with the application).
 */
public final class LateRecords extends ReasonCounts {
    /** The record's window ended more than the grace ago in stream time. */
    public static final String AFTER_GRACE = "after_grace";
    /**
     * Not dropped: the record's window had been closed by wall clock (the task looked idle) before stream time
     * passed it; the record went into a follow-up partial that the merge folds in as a revision.
     */
    public static final String AFTER_WALL_CLOSE = "after_wall_close";

    void count(String reason) {
        add(reason, 1);
    }
}
