package dev.driftline.sink.rows;

import dev.driftline.sink.LakeTable;
import java.util.List;

/**
 * Turns one source record of a table's topic into that table's rows (a drift report fans out to one row per
 * feature × metric, a profile to one per feature). Pure: the same record always gives the same rows, which the
 * exactly-once argument of the sink relies on.
 */
public interface TableRows {

    /**
     * The rows of one record, each ending with the record's {@code kafka_partition}, {@code kafka_offset} and
     * {@code kafka_timestamp}.
     *
     * @throws BadRecordException when the record does not follow its topic's format; it becomes a dead letter
     */
    List<LakeRow> rows(SourceRecord record) throws BadRecordException;

    /** The mapper of a table. */
    static TableRows of(LakeTable table) {
        return switch (table) {
            case INFERENCE_LOG -> new InferenceLogRows();
            case FEATURE_PROFILES -> new FeatureProfileRows();
            case DRIFT_METRICS -> new DriftMetricRows();
            case MODEL_QUALITY -> new ModelQualityRows();
            case ALERTS -> new AlertRows();
            case DEAD_LETTERS -> new DeadLetterRows();
        };
    }

    /** {@code own} followed by the three source columns of {@code r}. */
    static Object[] withSource(SourceRecord r, Object... own) {
        Object[] all = java.util.Arrays.copyOf(own, own.length + 3);
        all[own.length] = r.partition();
        all[own.length + 1] = r.offset();
        all[own.length + 2] = r.timestamp();
        return all;
    }
}
