package dev.driftline.sink.rows;

import static dev.driftline.sink.rows.JsonFields.intValue;
import static dev.driftline.sink.rows.JsonFields.longValue;
import static dev.driftline.sink.rows.JsonFields.text;
import static dev.driftline.sink.rows.JsonFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.sink.LakeTable;
import java.time.Instant;
import java.util.List;

/** {@code model-quality} (ModelQualityJson v1) → one {@code model_quality} row per emission. */
final class ModelQualityRows implements TableRows {

    @Override
    public List<LakeRow> rows(SourceRecord r) throws BadRecordException {
        JsonNode o = JsonFields.object(r, 1);
        long start = time(o, "window_start");
        JsonFields.objectField(o, "metrics");
        return List.of(LakeRow.of(LakeTable.MODEL_QUALITY, text(o, "model"), Instant.ofEpochMilli(start),
                TableRows.withSource(r, start, time(o, "window_end"), intValue(o, "version"), text(o, "problem_type"),
                        longValue(o, "labelled_rows"), longValue(o, "dropped_labels"), text(o, "metric"),
                        Figures.opt(o, "value"), Figures.opt(o, "threshold"), text(o, "status"),
                        JsonFields.json(o, "metrics", true), time(o, "updated_at"))));
    }
}
