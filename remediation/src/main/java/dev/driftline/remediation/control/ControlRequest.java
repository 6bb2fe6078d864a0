package dev.driftline.remediation.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.contracts.remediation.RemediationCommand.Action;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One control API call: the action and episode from the path, the optional fields from the JSON body. Unknown
 * fields are refused rather than ignored: a misspelt {@code "modle"} would otherwise pause every model.
 *
 * @param action    what to do
 * @param episodeId the episode (approve, reject, cancel), else null
 * @param model     pause / resume of one model, else null (every model)
 * @param reason    free text for the record, may be null
 * @param by        who, as the caller says (the token's fingerprint is added), may be null
 */
public record ControlRequest(Action action, String episodeId, String model, String reason, String by) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> EPISODE_FIELDS = Set.of("reason", "by");
    private static final Set<String> MODEL_FIELDS = Set.of("reason", "by", "model");

    /** A path or body the API cannot take: answered 400 (or 404 for a path), with this message as the reason. */
    public static final class Invalid extends RuntimeException {
        final int status;

        Invalid(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** The action and episode of a path under {@code /api/v1/}; null when the path names no endpoint. */
    static ControlRequest route(String path) {
        String rest = path.startsWith(ControlApi.PREFIX) ? path.substring(ControlApi.PREFIX.length()) : null;
        if (rest == null) {
            return null;
        }
        if (rest.equals("pause") || rest.equals("resume")) {
            return new ControlRequest(Action.valueOf(rest.toUpperCase(Locale.ROOT)), null, null, null, null);
        }
        String[] parts = rest.split("/", -1);
        if (parts.length == 3 && parts[0].equals("episodes") && !parts[1].isBlank()
                && Set.of("approve", "reject", "cancel").contains(parts[2])) {
            return new ControlRequest(Action.valueOf(parts[2].toUpperCase(Locale.ROOT)), parts[1], null, null, null);
        }
        return null;
    }

    /** This route with the fields of {@code body} (empty: none). */
    ControlRequest withBody(byte[] body) {
        if (body.length == 0) {
            return this;
        }
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Invalid(400, "the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Invalid(400, "the body cannot be read: " + e.getMessage());
        }
        if (n == null || n.isMissingNode()) {
            return this;
        }
        if (!n.isObject()) {
            throw new Invalid(400, "the body must be a JSON object");
        }
        Set<String> allowed = episodeId != null ? EPISODE_FIELDS : MODEL_FIELDS;
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!allowed.contains(f.getKey())) {
                throw new Invalid(400, "unknown field '" + f.getKey() + "'; " + action.name().toLowerCase(Locale.ROOT)
                        + " takes " + String.join(", ", allowed.stream().sorted().toList()));
            }
            if (!f.getValue().isTextual() && !f.getValue().isNull()) {
                throw new Invalid(400, "field '" + f.getKey() + "' must be a string");
            }
        }
        String model = text(n, "model");
        if (model != null && (model.isBlank() || model.equals("*"))) {
            throw new Invalid(400, "model: give a model name, or leave it out for every model");
        }
        return new ControlRequest(action, episodeId, model, text(n, "reason"), text(n, "by"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
