package dev.driftline.sink.rows;

import static dev.driftline.sink.rows.JsonFields.optText;
import static dev.driftline.sink.rows.JsonFields.optTime;
import static dev.driftline.sink.rows.JsonFields.text;
import static dev.driftline.sink.rows.JsonFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.sink.LakeTable;
import java.time.Instant;
import java.util.List;

/** {@code alerts} (AlertJson v1) → one {@code alerts} row per open or resolve record. */
final class AlertRows implements TableRows {

    @Override
    public List<LakeRow> rows(SourceRecord r) throws BadRecordException {
        JsonNode o = JsonFields.object(r, 1);
        long start = time(o, "window_start");
        JsonFields.objectField(o, "details");
        return List.of(LakeRow.of(LakeTable.ALERTS, text(o, "model"), Instant.ofEpochMilli(start),
                TableRows.withSource(r, text(o, "alert_id"), text(o, "kind"), optText(o, "feature"),
                        text(o, "state"), text(o, "severity"), start, time(o, "window_end"), optText(o, "metric"),
                        Figures.opt(o, "value"), Figures.opt(o, "threshold"), time(o, "opened_at"),
                        optTime(o, "resolved_at"), JsonFields.json(o, "details", true))));
    }
}
