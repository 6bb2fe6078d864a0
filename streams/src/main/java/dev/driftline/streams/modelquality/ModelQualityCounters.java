package dev.driftline.streams.modelquality;

import dev.driftline.streams.support.ReasonCounts;

/**
 * What the model-quality stage dropped or let expire, per reason, summed over all tasks of one topology instance
 * (thread-safe; in memory, so it restarts from zero with the application, like {@code LateRecords}).
 */
public final class ModelQualityCounters extends ReasonCounts {
    /** An inference row whose label did not come within the TTL: normal (not every inference gets a label). */
    public static final String RECORDS_EXPIRED = "records_expired";
    /** A label whose inference row did not come within the TTL (wrong id or row, or the row was never seen). */
    public static final String LABELS_EXPIRED = "labels_expired";
    /** A labels-topic value that is not JSON, has no label, or whose label is not a scalar. */
    public static final String LABELS_UNREADABLE = "labels_unreadable";
    /** An inference row without a scalar (or finite) prediction: nothing to judge, not kept. */
    public static final String RECORDS_WITHOUT_PREDICTION = "records_without_prediction";
    /** A labelled pair for a window that was already deleted (older than TTL + 1 day of pair stream time). */
    public static final String PAIRS_TOO_LATE = "pairs_too_late";
    /** A labelled pair beyond {@link ModelQualityConfig#maxPairsPerWindow()}. */
    public static final String PAIRS_OVER_CAP = "pairs_over_cap";

    /** Every reason, for meters registered up front. */
    public static final java.util.List<String> REASONS = java.util.List.of(RECORDS_EXPIRED, LABELS_EXPIRED,
            LABELS_UNREADABLE, RECORDS_WITHOUT_PREDICTION, PAIRS_TOO_LATE, PAIRS_OVER_CAP);
}
