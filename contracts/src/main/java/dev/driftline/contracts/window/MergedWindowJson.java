package dev.driftline.contracts.window;

import static dev.driftline.contracts.JsonFields.intValue;
import static dev.driftline.contracts.JsonFields.longValue;
import static dev.driftline.contracts.JsonFields.objectField;
import static dev.driftline.contracts.JsonFields.optLong;
import static dev.driftline.contracts.JsonFields.optObjectField;
import static dev.driftline.contracts.JsonFields.optText;
import static dev.driftline.contracts.JsonFields.text;
import static dev.driftline.contracts.JsonFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.JsonFields;
import dev.driftline.contracts.JsonOut;
import dev.driftline.contracts.RecordFormatException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * {@link MergedWindow} as JSON (UTF-8), schema version 1: what {@code profiles} held before version 2
 * ({@link MergedWindowCodec}, binary), still read from topics and stores that hold older values. Key model, record
 * timestamp = window start.
 * <pre>
 * {"schema_version": 1, "model": "iris",
 *  "window_start": "2026-11-21T10:00:00Z", "window_end": "2026-11-21T10:05:00Z",  -- ISO-8601 UTC
 *  "revision": 1,        -- 1 for the first emission; n+1 when a straggler partial is merged in later; every
 *                        -- revision is the complete window and replaces the earlier ones
 *  "rows": 1234,         -- rows of all merged partials
 *  "partials": 3,        -- how many task partials were merged
 *  "features": {"age": {"type": "fractional", "count": 1234, "present": 1230, "missing": 4,
 *                       "type_mismatches": 0, "mean": 41.2, "std_dev": 9.7, "min": 18, "max": 90,
 *                       "profile": "base64 of ProfileCodec bytes"},
 *               "city": {"type": "string", "count": …, "present": …, "missing": …, "type_mismatches": …,
 *                        "profile": "…"},
 *               "prediction:churn": {…}},          -- predictions under "prediction:" + name
 *  "untyped_missing": {"note": 12}}                -- features that were null in every row (count of rows)
 * </pre>
 * {@code mean}, {@code std_dev} (sample, n−1), {@code min}, {@code max} appear for numeric profiles only and are
 * {@code null} when not defined (e.g. no present value, or std_dev of one value).
 */
final class MergedWindowJson {
    static final int SCHEMA_VERSION = 1;

    private MergedWindowJson() {
    }

    /** Version 1's bytes of {@code w} (what older builds wrote: tests of reading them). */
    static byte[] encode(MergedWindow w) {
        ObjectNode root = JsonOut.windowed(SCHEMA_VERSION, w.model(), w.windowStart(), w.windowEnd());
        root.put("revision", w.revision());
        root.put("rows", w.rows());
        root.put("partials", w.partials());
        ObjectNode features = root.putObject("features");
        for (Map.Entry<String, MergedWindow.Feature> e : w.features().entrySet()) {
            MergedWindow.Feature p = e.getValue();
            ObjectNode f = features.putObject(e.getKey());
            f.put("type", p.type());
            f.put("count", p.count());
            f.put("present", p.present());
            f.put("missing", p.missing());
            f.put("type_mismatches", p.typeMismatches());
            if (p.numeric()) {
                JsonOut.figure(f, "mean", p.mean());
                JsonOut.figure(f, "std_dev", p.stdDev());
                JsonOut.figure(f, "min", p.min());
                JsonOut.figure(f, "max", p.max());
            }
            // written as base64 by the generator itself (standard alphabet, padded: the bytes of Base64.getEncoder),
            // without a String in between that the generator would scan for characters to escape
            f.set("profile", BinaryNode.valueOf(p.profileBytes()));
        }
        ObjectNode untyped = root.putObject("untyped_missing");
        w.untypedMissing().forEach(untyped::put);
        return JsonOut.bytes(root);
    }

    static MergedWindow decode(byte[] bytes) {
        JsonNode o = JsonFields.object(bytes, SCHEMA_VERSION, "merged window");
        Map<String, MergedWindow.Feature> features = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = objectField(o, "features").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode f = e.getValue();
            byte[] profile;
            try {
                String b64 = optText(f, "profile");
                profile = b64 == null ? null : Base64.getDecoder().decode(b64);
            } catch (IllegalArgumentException ex) {
                throw new RecordFormatException(RecordFormatException.BAD_VALUE, "profile of feature " + e.getKey()
                        + " is not base64");
            }
            features.put(e.getKey(), new MergedWindow.Feature(text(f, "type"), longValue(f, "count"),
                    longValue(f, "present"), longValue(f, "missing"), longValue(f, "type_mismatches"),
                    opt(f, "mean"), opt(f, "std_dev"), opt(f, "min"), opt(f, "max"), profile));
        }
        Map<String, Long> untyped = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = optObjectField(o, "untyped_missing").fields();
             it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            untyped.put(e.getKey(), optLong(o.get("untyped_missing"), e.getKey()));
        }
        return new MergedWindow(text(o, "model"), time(o, "window_start"), time(o, "window_end"),
                intValue(o, "revision"), longValue(o, "rows"), intValue(o, "partials"), features, untyped);
    }

    private static Double opt(JsonNode f, String field) {
        double d = JsonFields.figure(f, field);
        return Double.isFinite(d) ? d : null;
    }
}
