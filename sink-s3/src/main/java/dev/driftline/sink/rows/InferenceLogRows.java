package dev.driftline.sink.rows;

import static dev.driftline.sink.rows.JsonFields.intValue;
import static dev.driftline.sink.rows.JsonFields.json;
import static dev.driftline.sink.rows.JsonFields.optText;
import static dev.driftline.sink.rows.JsonFields.text;
import static dev.driftline.sink.rows.JsonFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.sink.LakeTable;
import java.time.Instant;
import java.util.List;

/** {@code inference.records} (InferenceRecordJson v1) → one {@code inference_log} row per record. */
final class InferenceLogRows implements TableRows {

    @Override
    public List<LakeRow> rows(SourceRecord r) throws BadRecordException {
        JsonNode o = JsonFields.object(r, 1);
        long eventTime = time(o, "event_time");
        int row = intValue(o, "row");
        if (row < 0) {
            throw new BadRecordException(BadRecordException.BAD_VALUE, "row must be >= 0, got " + row);
        }
        JsonFields.objectField(o, "features");
        JsonFields.objectField(o, "predictions");
        return List.of(LakeRow.of(LakeTable.INFERENCE_LOG, text(o, "model"), Instant.ofEpochMilli(eventTime),
                TableRows.withSource(r, 1, optText(o, "model_version"), text(o, "inference_id"), row, eventTime,
                        json(o, "features", true), json(o, "predictions", true), json(o, "label", false))));
    }
}
