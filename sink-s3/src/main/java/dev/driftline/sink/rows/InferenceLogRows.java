package dev.driftline.sink.rows;

import dev.driftline.contracts.RecordFormatException;
import dev.driftline.contracts.inference.InferenceRecordView;
import dev.driftline.sink.LakeTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code inference.records} → one {@code inference_log} row per inference row: a v2 value (InferenceRowsCodec, one
 * per inference) explodes into its rows, a v1 value (one JSON record per row, as older builds and some tools write)
 * is one row. This is the sink's busiest table, so the value is read as {@link InferenceRecordView}s: nested values
 * as text, copied from a v1 value or written straight from a v2 value's bytes, never parsed into trees. The text
 * is the same for the same record in either version.
 */
final class InferenceLogRows implements TableRows {

    @Override
    public List<LakeRow> rows(SourceRecord r) throws BadRecordException {
        List<InferenceRecordView> views;
        try {
            views = InferenceRecordView.readAll(r.value());
        } catch (RecordFormatException e) {
            throw new BadRecordException(e.reason(), e.getMessage());
        }
        List<LakeRow> rows = new ArrayList<>(views.size());
        for (InferenceRecordView v : views) {
            rows.add(LakeRow.of(LakeTable.INFERENCE_LOG, v.model(), Instant.ofEpochMilli(v.eventTime()),
                    TableRows.withSource(r, v.schemaVersion(), v.modelVersion(), v.inferenceId(), v.row(),
                            v.eventTime(), v.featuresJson(), v.predictionsJson(), v.labelJson())));
        }
        return rows;
    }
}
