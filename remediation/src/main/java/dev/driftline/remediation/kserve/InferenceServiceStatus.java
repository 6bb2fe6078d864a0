package dev.driftline.remediation.kserve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a KServe controller reports about an InferenceService, read the way KServe (serverless mode, v0.9+) writes
 * it:
 * <ul>
 *   <li>{@code metadata.generation} / {@code status.observedGeneration}: the API server bumps the generation on
 *       every spec change (the CRD has a status subresource); until the controller has observed it, every other
 *       field describes an older spec.</li>
 *   <li>{@code status.conditions[type=Ready]}: True when the predictor (and ingress) are ready; False on a failed
 *       revision (image pull, crash loop past the progress deadline); Unknown while a revision comes up.</li>
 *   <li>{@code status.components.predictor}: {@code latestCreatedRevision} (made for the newest spec),
 *       {@code latestReadyRevision}, {@code latestRolledoutRevision} (last revision that got 100 %),
 *       {@code previousRolledoutRevision}, and {@code traffic[]} ({@code revisionName}, {@code percent},
 *       {@code latestRevision}).</li>
 * </ul>
 * Every field is optional: an object only the API server has touched (or a test double) has no status at all.
 */
record InferenceServiceStatus(JsonNode root) {

    Optional<Long> generation() {
        return longAt(root.path("metadata").path("generation"));
    }

    Optional<Long> observedGeneration() {
        return longAt(root.path("status").path("observedGeneration"));
    }

    /** False only when both generations are known and the controller is behind. */
    boolean generationObserved() {
        Optional<Long> g = generation();
        Optional<Long> o = observedGeneration();
        return g.isEmpty() || o.isEmpty() || o.get() >= g.get();
    }

    /** The Ready condition: its status ("True", "False", "Unknown") or empty when not reported. */
    Optional<JsonNode> readyCondition() {
        for (JsonNode c : root.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    String readyStatus() {
        return readyCondition().map(c -> c.path("status").asText("Unknown")).orElse("Unknown");
    }

    String readyReason() {
        return readyCondition().map(c -> {
            String reason = c.path("reason").asText("");
            String message = c.path("message").asText("");
            return reason.isEmpty() ? message : message.isEmpty() ? reason : reason + ": " + message;
        }).orElse("");
    }

    private JsonNode predictor() {
        return root.path("status").path("components").path("predictor");
    }

    Optional<String> latestCreatedRevision() {
        return textAt(predictor().path("latestCreatedRevision"));
    }

    Optional<String> latestReadyRevision() {
        return textAt(predictor().path("latestReadyRevision"));
    }

    Optional<String> latestRolledoutRevision() {
        return textAt(predictor().path("latestRolledoutRevision"));
    }

    /** The newest revision is up, or the status does not say (no components reported). */
    boolean latestRevisionReady() {
        Optional<String> created = latestCreatedRevision();
        return created.isEmpty() || created.equals(latestReadyRevision());
    }

    /**
     * The percent KServe routes to the newest revision: the traffic entry marked {@code latestRevision}, else the
     * one named like {@code latestCreatedRevision}; empty when no traffic is reported.
     */
    Optional<Integer> latestRevisionPercent() {
        JsonNode traffic = predictor().path("traffic");
        Optional<String> created = latestCreatedRevision();
        for (JsonNode t : traffic) {
            if (t.path("latestRevision").asBoolean(false)
                    || created.isPresent() && created.get().equals(t.path("revisionName").asText())) {
                return Optional.of(t.path("percent").asInt(0));
            }
        }
        return traffic.isArray() && traffic.size() > 0 ? Optional.of(0) : Optional.empty();
    }

    private static Optional<Long> longAt(JsonNode n) {
        return n.isNumber() || n.isTextual() && n.asText().matches("\\d+") ? Optional.of(n.asLong()) : Optional.empty();
    }

    private static Optional<String> textAt(JsonNode n) {
        return n.isTextual() && !n.asText().isEmpty() ? Optional.of(n.asText()) : Optional.empty();
    }
}
