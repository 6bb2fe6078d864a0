package dev.driftline.remediation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.Codec;
import dev.driftline.contracts.JsonFields;
import dev.driftline.contracts.JsonOut;
import dev.driftline.remediation.episode.VersionWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's recent per-version model-quality windows in the {@code remediation-canary} store, schema version 1:
 * {@code {"schema_version": 1, "windows": [{"version", "window_start", "window_end", "metric", "value", "rows",
 * "status"}]}} (times in epoch ms; value null when undefined).
 */
final class VersionWindowsCodec implements Codec<List<VersionWindow>> {
    static final int SCHEMA_VERSION = 1;
    static final VersionWindowsCodec INSTANCE = new VersionWindowsCodec();

    @Override
    public byte[] encode(List<VersionWindow> windows) {
        ObjectNode root = JsonOut.versioned(SCHEMA_VERSION);
        ArrayNode a = root.putArray("windows");
        for (VersionWindow w : windows) {
            ObjectNode o = a.addObject();
            o.put("version", w.version());
            o.put("window_start", w.windowStart());
            o.put("window_end", w.windowEnd());
            o.put("metric", w.metric());
            JsonOut.figure(o, "value", w.value());
            o.put("rows", w.rows());
            o.put("status", w.status());
        }
        return JsonOut.bytes(root);
    }

    @Override
    public List<VersionWindow> decode(byte[] bytes) {
        JsonNode root = JsonFields.object(bytes, SCHEMA_VERSION, "canary windows");
        List<VersionWindow> out = new ArrayList<>();
        for (JsonNode o : root.path("windows")) {
            out.add(new VersionWindow(JsonFields.text(o, "version"), JsonFields.longValue(o, "window_start"),
                    JsonFields.longValue(o, "window_end"), JsonFields.text(o, "metric"), JsonFields.figure(o, "value"),
                    JsonFields.longValue(o, "rows"), JsonFields.optText(o, "status")));
        }
        return out;
    }
}
