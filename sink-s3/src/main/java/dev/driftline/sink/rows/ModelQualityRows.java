package dev.driftline.sink.rows;

import dev.driftline.contracts.modelquality.ModelQualityCodec;
import dev.driftline.contracts.modelquality.ModelQualityWindow;
import dev.driftline.sink.LakeTable;
import java.time.Instant;
import java.util.List;

/** {@code model-quality} ({@link ModelQualityCodec}) → one {@code model_quality} row per emission. */
final class ModelQualityRows implements TableRows {

    @Override
    public List<LakeRow> rows(SourceRecord r) throws BadRecordException {
        ModelQualityWindow w = TableRows.decode(r, ModelQualityCodec.INSTANCE);
        return List.of(LakeRow.of(LakeTable.MODEL_QUALITY, w.model(), Instant.ofEpochMilli(w.windowStart()),
                TableRows.withSource(r, w.windowStart(), w.windowEnd(), w.modelVersion(), w.version(), w.problemType(),
                        w.labelledRows(), w.droppedLabels(), w.metric(), TableRows.finite(w.value()), w.threshold(),
                        w.thresholdSource(), w.baselineValue(), w.status(), ModelQualityCodec.metricsJson(w), w.updatedAt())));
    }
}
