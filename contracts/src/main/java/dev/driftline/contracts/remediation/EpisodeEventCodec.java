package dev.driftline.contracts.remediation;

import static dev.driftline.contracts.JsonFields.optText;
import static dev.driftline.contracts.JsonFields.text;
import static dev.driftline.contracts.JsonFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.Codec;
import dev.driftline.contracts.JsonFields;
import dev.driftline.contracts.JsonOut;
import dev.driftline.contracts.RecordFormatException;

/**
 * {@link EpisodeEvent} as JSON (UTF-8), schema version 1, key model, record timestamp = {@code at}:
 * <pre>
 * {"schema_version": 1, "event_id": "churn-20261202T101500Z/evaluating", "episode_id": "churn-20261202T101500Z",
 *  "model": "churn", "from": "TRAINING" | null, "to": "EVALUATING", "at": "2026-12-02T10:31:07Z",
 *  "message": "training churn-20261202t101500z completed: accuracy 0.96",
 *  "data": {"metrics": {…}, "artifact": "…", "decision": "…"}}
 * </pre>
 */
public final class EpisodeEventCodec implements Codec<EpisodeEvent> {
    public static final int SCHEMA_VERSION = 1;
    public static final EpisodeEventCodec INSTANCE = new EpisodeEventCodec();

    private EpisodeEventCodec() {
    }

    @Override
    public byte[] encode(EpisodeEvent e) {
        return JsonOut.bytes(toJson(e));
    }

    public ObjectNode toJson(EpisodeEvent e) {
        ObjectNode root = JsonOut.versioned(SCHEMA_VERSION);
        root.put("event_id", e.eventId());
        root.put("episode_id", e.episodeId());
        root.put("model", e.model());
        root.put("from", e.from() == null ? null : e.from().name());
        root.put("to", e.to().name());
        root.put("at", JsonOut.instant(e.at()));
        root.put("message", e.message());
        root.set("data", e.data());
        return root;
    }

    @Override
    public EpisodeEvent decode(byte[] bytes) {
        JsonNode o = JsonFields.object(bytes, SCHEMA_VERSION, "episode event");
        String from = optText(o, "from");
        JsonNode data = o.get("data");
        return new EpisodeEvent(text(o, "event_id"), text(o, "episode_id"), text(o, "model"),
                from == null ? null : state(from, "from"), state(text(o, "to"), "to"), time(o, "at"),
                optText(o, "message"), data != null && data.isObject() ? data : null);
    }

    private static EpisodeState state(String s, String field) {
        EpisodeState st = EpisodeState.parse(s);
        if (st == null) {
            throw new RecordFormatException(RecordFormatException.BAD_VALUE, field + " is not an episode state: " + s);
        }
        return st;
    }
}
