package dev.driftline.sink.rows;

import dev.driftline.contracts.RecordFormatException;
import dev.driftline.contracts.labels.LabelCodec;
import dev.driftline.drift.capture.GroundTruthLabel;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.ObjectKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * {@code labels} ({@link LabelCodec}) → one {@code labels} row per record. The record key is the inference id and
 * wins over the value's {@code inference_id}, exactly as the streams' label join reads it, so the lake joins the
 * same labels to the same inferences. Labels come from any producer and often name no model: those go to the
 * {@link ObjectKeys#UNKNOWN_MODEL} partition rather than being refused. The label is kept as text (one column type
 * for numbers, booleans and strings); integral numbers print without a fraction ({@code 1}, not {@code 1.0}).
 */
final class LabelRows implements TableRows {

    @Override
    public List<LakeRow> rows(SourceRecord r) throws BadRecordException {
        if (r.value() == null) {
            throw new BadRecordException(BadRecordException.MISSING_FIELD, "record has no value (tombstone)");
        }
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        GroundTruthLabel l;
        try {
            l = LabelCodec.INSTANCE.decode(key == null || key.isBlank() ? null : key, r.value());
        } catch (RecordFormatException e) {
            throw new BadRecordException(e.reason(), e.getMessage());
        }
        String model = l.model() == null || l.model().isBlank() ? ObjectKeys.UNKNOWN_MODEL : l.model();
        Long eventTime = l.eventTime() == null ? null : l.eventTime().toEpochMilli();
        return List.of(LakeRow.of(LakeTable.LABELS, model, Instant.ofEpochMilli(r.timestamp()),
                TableRows.withSource(r, l.inferenceId(), l.row(), String.valueOf(l.label()), eventTime)));
    }
}
