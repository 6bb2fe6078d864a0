package dev.driftline.sink.rows;

import dev.driftline.contracts.RecordFormatException;
import dev.driftline.contracts.inference.InferenceRecordView;
import dev.driftline.sink.LakeTable;
import java.time.Instant;
import java.util.List;

/**
 * {@code inference.records} (InferenceRecordCodec v1) → one {@code inference_log} row per record. This is the
 * sink's busiest table, so the value is read as an {@link InferenceRecordView}: nested values copied as the exact
 * bytes of the record instead of parsed and printed again.
 */
final class InferenceLogRows implements TableRows {

    @Override
    public List<LakeRow> rows(SourceRecord r) throws BadRecordException {
        InferenceRecordView v;
        try {
            v = InferenceRecordView.read(r.value());
        } catch (RecordFormatException e) {
            throw new BadRecordException(e.reason(), e.getMessage());
        }
        return List.of(LakeRow.of(LakeTable.INFERENCE_LOG, v.model(), Instant.ofEpochMilli(v.eventTime()),
                TableRows.withSource(r, v.schemaVersion(), v.modelVersion(), v.inferenceId(), v.row(), v.eventTime(),
                        v.featuresJson(), v.predictionsJson(), v.labelJson())));
    }
}
