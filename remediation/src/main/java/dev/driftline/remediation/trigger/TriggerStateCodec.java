package dev.driftline.remediation.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.Codec;
import dev.driftline.contracts.JsonFields;
import dev.driftline.contracts.JsonOut;
import dev.driftline.contracts.RecordFormatException;

/**
 * {@link TriggerState} in the service's {@code remediation-triggers} store (and its changelog), schema version 1:
 * <pre>
 * {"schema_version": 1, "open_alerts": {"&lt;alert id&gt;": {"kind": "data_drift", "feature": "age",
 *   "dataset_drift": false, "window_start": 1764669600000}}, "condition_since": 1764669600000,
 *  "windows_seen": 2, "last_counted_window": 1764669900000, "episode_starts": [1764670000000],
 *  "last_episode_end": 0, "paused": false}
 * </pre>
 */
public final class TriggerStateCodec implements Codec<TriggerState> {
    public static final int SCHEMA_VERSION = 1;
    public static final TriggerStateCodec INSTANCE = new TriggerStateCodec();
    private static final ObjectMapper MAPPER = JsonOut.mapper();

    private TriggerStateCodec() {
    }

    @Override
    public byte[] encode(TriggerState s) {
        ObjectNode root = JsonOut.versioned(SCHEMA_VERSION);
        ObjectNode open = root.putObject("open_alerts");
        s.openAlerts.forEach((id, a) -> {
            ObjectNode o = open.putObject(id);
            o.put("kind", a.kind());
            o.put("feature", a.feature());
            o.put("dataset_drift", a.datasetDrift());
            o.put("window_start", a.windowStart());
        });
        root.put("condition_since", s.conditionSince);
        root.put("windows_seen", s.windowsSeen);
        root.put("last_counted_window", s.lastCountedWindow);
        ArrayNode starts = root.putArray("episode_starts");
        s.episodeStarts.forEach(starts::add);
        root.put("last_episode_end", s.lastEpisodeEnd);
        root.put("paused", s.paused);
        return JsonOut.bytes(root);
    }

    @Override
    public TriggerState decode(byte[] bytes) {
        JsonNode o = JsonFields.object(bytes, SCHEMA_VERSION, "trigger state");
        TriggerState s = new TriggerState();
        JsonNode open = o.path("open_alerts");
        open.fields().forEachRemaining(f -> {
            JsonNode a = f.getValue();
            s.openAlerts.put(f.getKey(), new TriggerState.OpenAlert(JsonFields.text(a, "kind"),
                    JsonFields.optText(a, "feature"), a.path("dataset_drift").asBoolean(false),
                    JsonFields.longValue(a, "window_start")));
        });
        s.conditionSince = JsonFields.longValue(o, "condition_since");
        s.windowsSeen = JsonFields.intValue(o, "windows_seen");
        s.lastCountedWindow = JsonFields.longValue(o, "last_counted_window");
        JsonNode starts = o.path("episode_starts");
        if (!starts.isArray()) {
            throw new RecordFormatException(RecordFormatException.MISSING_FIELD, "episode_starts is missing");
        }
        starts.forEach(n -> s.episodeStarts.add(n.asLong()));
        s.lastEpisodeEnd = JsonFields.longValue(o, "last_episode_end");
        s.paused = JsonFields.bool(o, "paused");
        return s;
    }
}
