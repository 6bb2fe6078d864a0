package dev.driftline.sink.rows;

import static dev.driftline.sink.rows.JsonFields.intValue;
import static dev.driftline.sink.rows.JsonFields.longValue;
import static dev.driftline.sink.rows.JsonFields.optText;
import static dev.driftline.sink.rows.JsonFields.text;
import static dev.driftline.sink.rows.JsonFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.sink.LakeTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code profiles} (MergedWindowJson v1) → one {@code feature_profiles} row per feature of the window. A feature
 * that was null in every row has no profile, only an {@code untyped_missing} count: it gets a row of type
 * {@code untyped} with {@code count = missing = untyped_missing}, so the table lists every column the window saw.
 */
final class FeatureProfileRows implements TableRows {

    @Override
    public List<LakeRow> rows(SourceRecord r) throws BadRecordException {
        JsonNode o = JsonFields.object(r, 1);
        String model = text(o, "model");
        long start = time(o, "window_start");
        long end = time(o, "window_end");
        int revision = intValue(o, "revision");
        long rows = longValue(o, "rows");
        int partials = intValue(o, "partials");
        JsonNode features = JsonFields.objectField(o, "features");
        JsonNode untyped = o.path("untyped_missing");
        List<LakeRow> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = features.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode f = e.getValue();
            Long untypedMissing = untyped.has(e.getKey()) ? JsonFields.optLong(untyped, e.getKey()) : null;
            out.add(LakeRow.of(LakeTable.FEATURE_PROFILES, model, Instant.ofEpochMilli(start),
                    TableRows.withSource(r, start, end, revision, rows, partials, e.getKey(), text(f, "type"),
                            longValue(f, "count"), longValue(f, "present"), longValue(f, "missing"),
                            longValue(f, "type_mismatches"), Figures.opt(f, "mean"), Figures.opt(f, "std_dev"),
                            Figures.opt(f, "min"), Figures.opt(f, "max"), optText(f, "profile"), untypedMissing)));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = untyped.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (features.has(e.getKey())) {
                continue;
            }
            long n = longValue(untyped, e.getKey());
            out.add(LakeRow.of(LakeTable.FEATURE_PROFILES, model, Instant.ofEpochMilli(start),
                    TableRows.withSource(r, start, end, revision, rows, partials, e.getKey(), "untyped", n, 0L, n,
                            0L, null, null, null, null, null, n)));
        }
        return out;
    }
}
