package dev.driftline.sink.rows;

import dev.driftline.contracts.Codec;
import dev.driftline.contracts.RecordFormatException;
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
            case LABELS -> new LabelRows();
            case REMEDIATION_EVENTS -> new RemediationEventRows();
        };
    }

    /**
     * The record's value decoded by its topic's codec; a value that does not follow the format is a
     * {@link BadRecordException} with the codec's reason (it becomes a dead letter).
     */
    static <T> T decode(SourceRecord r, Codec<T> codec) throws BadRecordException {
        if (r.value() == null) {
            throw new BadRecordException(BadRecordException.MISSING_FIELD, "record has no value (tombstone)");
        }
        try {
            return codec.decode(r.value());
        } catch (RecordFormatException e) {
            throw new BadRecordException(e.reason(), e.getMessage());
        }
    }

    /** A figure for the lake: finite, or null (the lake keeps only finite values). */
    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
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
