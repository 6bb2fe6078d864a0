package dev.driftline.streams.alerts;

import dev.driftline.contracts.JsonFields;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.streams.alerts.AlertState.Open;
import dev.driftline.streams.alerts.AlertState.Seen;
import dev.driftline.streams.alerts.Verdict.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The value of the {@value AlertProcessor#STORE} store: an {@link AlertState} as JSON (UTF-8), so that a changelog
 * record can be read by a person, format 1:
 * <pre>
 * {"format": 1, "windows": [[window_start, revision, "B" | "C" | "N"], ...],   -- oldest first
 *  "resolved_through": window_start,                                          -- absent until an alert resolved
 *  "open": {"alert_id", "severity", "window_start", "opened_at", "metric"}}  -- absent when none is open
 * </pre>
 */
final class AlertStateCodec {
    static final int FORMAT = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertStateCodec() {
    }

    static byte[] toBytes(AlertState state) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode windows = root.putArray("windows");
        state.history().forEach((start, s) -> windows.addArray().add(start).add(s.revision())
                .add(String.valueOf(s.outcome().code())));
        if (state.resolvedThrough() != Long.MIN_VALUE) {
            root.put("resolved_through", state.resolvedThrough());
        }
        Open open = state.open();
        if (open != null) {
            root.putObject("open").put("alert_id", open.alertId()).put("severity", open.severity())
                    .put(JsonFields.WINDOW_START, open.windowStart()).put("opened_at", open.openedAtMs())
                    .put("metric", open.metric());
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** @throws IllegalStateException when the value is not JSON or has another format */
    static AlertState fromBytes(byte[] bytes) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException ex) {
            throw new IllegalStateException("unreadable alert state", ex);
        }
        if (root.path("format").asInt() != FORMAT) {
            throw new IllegalStateException("alert state format " + root.path("format") + " is not supported");
        }
        Map<Long, Seen> history = new TreeMap<>();
        for (JsonNode w : root.path("windows")) {
            history.put(w.get(0).asLong(), new Seen(w.get(1).asLong(), Outcome.of(w.get(2).asText().charAt(0))));
        }
        long resolvedThrough = root.has("resolved_through") ? root.get("resolved_through").asLong() : Long.MIN_VALUE;
        JsonNode o = root.get("open");
        Open open = null;
        if (o != null && !o.isNull()) {
            open = new Open(o.get("alert_id").asText(), o.get("severity").asText(), o.get(JsonFields.WINDOW_START).asLong(),
                    o.get("opened_at").asLong(), o.path("metric").isNull() ? null : o.path("metric").asText(null));
        }
        return new AlertState(history, resolvedThrough, open);
    }
}
