package dev.driftline.streams.window;

import dev.driftline.streams.support.ReasonCounts;

/**
 * Rows counted as late, per reason: by the window profiler ({@link #AFTER_GRACE}: dropped; {@link #AFTER_WALL_CLOSE}:
 * still counted, in a follow-up partial) and by the merge ({@link #AFTER_MERGE_RETENTION}: dropped), summed over all
 * tasks of one topology instance (thread-safe; in-memory, so it restarts from zero with the application).
 */
public final class LateRecords extends ReasonCounts {
    /** The record's window ended more than the grace ago in stream time. */
    public static final String AFTER_GRACE = "after_grace";
    /**
     * Not dropped: the record's window had been closed by wall clock (the task looked idle) before stream time
     * passed it; the record went into a follow-up partial that the merge folds in as a revision.
     */
    public static final String AFTER_WALL_CLOSE = "after_wall_close";
    /**
     * The rows of a partial that reached the merge after its window had been emitted and then forgotten (past end +
     * settle + retention of the partials' stream time): they cannot go into the report any more.
     */
    public static final String AFTER_MERGE_RETENTION = "after_merge_retention";
    /** Every reason, in the order the metrics list them. */
    public static final java.util.List<String> REASONS = java.util.List.of(AFTER_GRACE, AFTER_WALL_CLOSE,
            AFTER_MERGE_RETENTION);

    void count(String reason) {
        add(reason, 1);
    }
}
