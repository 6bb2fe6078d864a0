package dev.driftline.remediation.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.remediation.world.RolloutPlan;
import dev.driftline.remediation.world.RolloutProgress;
import dev.driftline.remediation.world.RolloutTarget;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rollout through a webhook: a CD system (Argo Rollouts, a deploy pipeline, the demo's simulated KServe) moves
 * the traffic; driftline drives the steps, bake time and guardrail, and asks the receiver to act.
 *
 * <h2>Protocol (version 1)</h2>
 * Every call is {@code POST <url>} with {@code Content-Type: application/json}, {@code Authorization: Bearer
 * <token>} when a token is configured, and for the actions that change something ({@code shift}, {@code promote},
 * {@code rollback}) an {@code Idempotency-Key: <episode_id>/<action>/<percent>} header (promote is 100, rollback
 * 0): a retry after a timeout carries the same key, and the receiver must treat a repeat as done. Body:
 * <pre>{@code
 * {"episode_id": "ep-…", "model": "churn", "action": "shift|promote|rollback|status|current",
 *  "percent": 10, "candidate_artifact": "s3://…", "candidate_version": "…", "previous_spec": "…",
 *  "reason": "…"}           // reason: rollback only; current: only model and action
 * }</pre>
 * Answer: 2xx with {@code {"state": "ready"|"settling"|"failed", "detail": "…", "spec": …}}; {@code spec} is
 * required for {@code current} (any JSON; a JSON string is taken as it is, anything else as its JSON text) and
 * kept by driftline to pass back as {@code previous_spec} on rollback.
 * <ul>
 *   <li>{@code status}: {@code ready} when the last action has settled, {@code settling}, or {@code failed}.</li>
 *   <li>an action answered {@code failed}, or any 4xx: the rollout fails (not retried).</li>
 *   <li>5xx, timeouts, connection errors, a body that is not this JSON: {@link WebhookException} with
 *       {@code retryable() == true}; the service repeats the call with the same idempotency key.</li>
 * </ul>
 * The full description with examples is {@code remediation/docs/webhook.md}. The token is never logged; logs
 * show the URL without its query.
 */
public final class WebhookRollout implements RolloutTarget {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookRollout.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT = 300;

    private final WebhookSettings settings;
    private final HttpClient http;

    public WebhookRollout(WebhookSettings settings) {
        this(settings, HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect would carry the bearer token elsewhere
                .build());
    }

    public WebhookRollout(WebhookSettings settings, HttpClient http) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public String kind() {
        return "webhook";
    }

    @Override
    public String currentSpec(String model) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("model", model);
        body.put("action", "current");
        JsonNode answer = call(body, null, "current " + model);
        failIfFailed(answer, "current");
        JsonNode spec = answer.path("spec");
        if (spec.isMissingNode() || spec.isNull()) {
            throw new WebhookException("webhook " + WebhookSettings.redact(settings.url())
                    + ": answer to current has no spec: " + excerpt(answer.toString()), 200, true, null);
        }
        return spec.isTextual() ? spec.asText() : spec.toString();
    }

    @Override
    public void shift(RolloutPlan plan, int percent) {
        if (percent <= 0 || percent >= 100) {
            throw new IllegalArgumentException("canary percent must be in 1..99, got " + percent);
        }
        act(plan, "shift", percent, null);
    }

    @Override
    public RolloutProgress progress(RolloutPlan plan) {
        JsonNode answer;
        try {
            answer = call(body(plan, "status", null, null), null, "status " + plan.model());
        } catch (WebhookException e) {
            if (!e.retryable()) {
                return RolloutProgress.failed(e.getMessage());
            }
            throw e;
        }
        String detail = answer.path("detail").asText("");
        return switch (state(answer, "status")) {
            case "ready" -> RolloutProgress.ready(detail);
            case "failed" -> RolloutProgress.failed(detail);
            default -> RolloutProgress.settling(detail);
        };
    }

    @Override
    public void promote(RolloutPlan plan) {
        act(plan, "promote", 100, null);
    }

    @Override
    public void rollback(RolloutPlan plan, String reason) {
        act(plan, "rollback", 0, reason);
    }

    private void act(RolloutPlan plan, String action, int percent, String reason) {
        String key = plan.episodeId() + "/" + action + "/" + percent;
        JsonNode answer = call(body(plan, action, percent, reason), key, action + " " + plan.model()
                + (action.equals("shift") ? " " + percent + " %" : ""));
        failIfFailed(answer, action);
    }

    private static ObjectNode body(RolloutPlan plan, String action, Integer percent, String reason) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("episode_id", plan.episodeId());
        body.put("model", plan.model());
        body.put("action", action);
        if (percent != null) {
            body.put("percent", percent);
        } else {
            body.putNull("percent");
        }
        body.put("candidate_artifact", plan.candidateArtifact());
        body.put("candidate_version", plan.candidateVersion());
        body.put("previous_spec", plan.previousSpec());
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    private void failIfFailed(JsonNode answer, String action) {
        if ("failed".equals(state(answer, action))) {
            throw new WebhookException("webhook " + WebhookSettings.redact(settings.url()) + ": " + action
                    + " failed: " + answer.path("detail").asText(""), 200, false, null);
        }
    }

    private String state(JsonNode answer, String action) {
        String state = answer.path("state").asText("");
        if (!state.equals("ready") && !state.equals("settling") && !state.equals("failed")) {
            throw new WebhookException("webhook " + WebhookSettings.redact(settings.url()) + ": answer to " + action
                    + " has no state ready|settling|failed: " + excerpt(answer.toString()), 200, true, null);
        }
        return state;
    }

    /** POSTs the body; the answer's JSON object, or a WebhookException saying whether to retry. */
    private JsonNode call(ObjectNode body, String idempotencyKey, String what) {
        String where = WebhookSettings.redact(settings.url());
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        settings.token().ifPresent(t -> request.header("Authorization", "Bearer " + t));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        LOG.info("webhook {}: {}", where, what);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new WebhookException("webhook " + where + ": " + what + ": " + e, 0, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookException("webhook " + where + ": " + what + ": interrupted", 0, true, e);
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            boolean clientError = status >= 400 && status < 500 && status != 408 && status != 429;
            throw new WebhookException("webhook " + where + ": " + what + ": HTTP " + status + ": "
                    + excerpt(response.body()), status, !clientError, null);
        }
        try {
            JsonNode answer = JSON.readTree(response.body());
            if (answer == null || !answer.isObject()) {
                throw new IOException("not a JSON object");
            }
            return answer;
        } catch (IOException e) {
            throw new WebhookException("webhook " + where + ": " + what + ": HTTP " + status + " with a body that is"
                    + " not a JSON object: " + excerpt(response.body()), status, true, e);
        }
    }

    private static String excerpt(String s) {
        if (s == null || s.isEmpty()) {
            return "(empty body)";
        }
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= EXCERPT ? oneLine : oneLine.substring(0, EXCERPT) + "…";
    }
}
