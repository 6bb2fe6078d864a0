package dev.driftline.remediation.kserve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.remediation.world.RolloutPlan;
import dev.driftline.remediation.world.RolloutProgress;
import dev.driftline.remediation.world.RolloutTarget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Canary rollout of a KServe {@code InferenceService} (serving.kserve.io/v1beta1, serverless mode) by JSON merge
 * patches of {@code spec.predictor}, the way the users' EKS glue already patches {@code storageUri}.
 *
 * <p>KServe semantics this relies on:
 * <ul>
 *   <li><b>shift(p)</b>: {@code storageUri} = candidate and {@code canaryTrafficPercent} = p. The spec change makes
 *       a new revision; KServe sends it p % and keeps 100 − p % on {@code latestRolledoutRevision}. Repeating the
 *       patch changes nothing (same spec, no new generation).</li>
 *   <li><b>promote</b>: {@code canaryTrafficPercent: null} (merge patch removes it): KServe routes 100 % to the
 *       latest revision, which becomes the rolled-out one.</li>
 *   <li><b>rollback</b>, two patches: first {@code storageUri} = previous and {@code canaryTrafficPercent: 0}: at 0 %
 *       KServe sends everything to the previously rolled-out revision (the old model) at once, while the restored
 *       spec comes up as a new revision with no traffic. Only when that revision is ready is the canary removed
 *       (second patch). Removing it at once would be unsafe: KServe routes "100 % latest", Knative resolves that to
 *       the latest <i>ready</i> revision, which until the restored one is up is still the candidate.</li>
 * </ul>
 * Merge patch, not server-side apply or strategic merge: custom resources have no strategic-merge schema, and the
 * service should not become a field manager of specs that users and GitOps own.
 *
 * <p>{@link #progress} is described at the method. Nothing here keeps state between calls: everything is read
 * back from the InferenceService, so a restarted service continues where it stopped.
 */
public final class KServeRollout implements RolloutTarget {
    private static final Logger LOG = LoggerFactory.getLogger(KServeRollout.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofSeconds(2);

    private final KubernetesClient client;
    private final KServeSettings settings;

    public KServeRollout(KubernetesClient client, KServeSettings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String kind() {
        return "kserve";
    }

    /** The live {@code spec.predictor} as JSON (storageUri, canaryTrafficPercent, labels, …). */
    @Override
    public String currentSpec(String model) {
        return read(model).path("spec").path("predictor").toString();
    }

    @Override
    public void shift(RolloutPlan plan, int percent) {
        if (percent <= 0 || percent >= 100) {
            throw new IllegalArgumentException("canary percent must be in 1..99, got " + percent);
        }
        JsonNode live = read(plan.model());
        ObjectNode predictor = candidatePredictor(plan, live);
        predictor.put("canaryTrafficPercent", percent);
        patch(plan.model(), predictor, "shift " + percent + " % to " + plan.candidateArtifact());
    }

    @Override
    public void promote(RolloutPlan plan) {
        JsonNode live = read(plan.model());
        // storageUri again so promote is complete on its own (e.g. after a crash before the first shift)
        ObjectNode predictor = candidatePredictor(plan, live);
        predictor.putNull("canaryTrafficPercent");
        patch(plan.model(), predictor, "promote " + plan.candidateArtifact());
    }

    /**
     * Progress of the last move, judged from the live object:
     * <ol>
     *   <li>{@code Ready=False} → FAILED with the condition's reason and message;</li>
     *   <li>the controller has not observed the latest generation, {@code Ready} is not True, or
     *       {@code latestCreatedRevision ≠ latestReadyRevision} → SETTLING;</li>
     *   <li>canary set to p: the newest revision's traffic entry must show p %; canary removed (promoted):
     *       {@code latestRolledoutRevision = latestCreatedRevision} and the newest revision at 100 %;</li>
     *   <li>rolled back but canary still 0 (restored revision not yet ready) → SETTLING.</li>
     * </ol>
     * Fields KServe does not report (older versions, raw deployment mode) are not required.
     */
    @Override
    public RolloutProgress progress(RolloutPlan plan) {
        JsonNode live = read(plan.model());
        InferenceServiceStatus status = new InferenceServiceStatus(live);
        String ready = status.readyStatus();
        if ("False".equals(ready)) {
            return RolloutProgress.failed("Ready=False: " + status.readyReason());
        }
        if (!status.generationObserved()) {
            return RolloutProgress.settling("controller has not observed generation " + status.generation().orElse(0L)
                    + " (observed " + status.observedGeneration().orElse(0L) + ")");
        }
        if (!"True".equals(ready)) {
            return RolloutProgress.settling("Ready=" + ready + (status.readyReason().isEmpty() ? ""
                    : ": " + status.readyReason()));
        }
        if (!status.latestRevisionReady()) {
            return RolloutProgress.settling("revision " + status.latestCreatedRevision().orElse("?")
                    + " not ready yet (ready: " + status.latestReadyRevision().orElse("none") + ")");
        }
        JsonNode predictor = live.path("spec").path("predictor");
        JsonNode canary = predictor.path("canaryTrafficPercent");
        boolean candidateServes = plan.candidateArtifact().equals(storageUri(predictor, framework(predictor)));
        if (canary.isNumber()) {
            int expected = canary.asInt();
            if (!candidateServes && expected == 0) {
                return RolloutProgress.settling("rolling back: the previous revision serves 100 %, canary cleared"
                        + " once the restored revision is ready");
            }
            Optional<Integer> actual = status.latestRevisionPercent();
            if (actual.isPresent() && actual.get() != expected) {
                return RolloutProgress.settling("revision " + status.latestCreatedRevision().orElse("?") + " at "
                        + actual.get() + " %, waiting for " + expected + " %");
            }
            return RolloutProgress.ready("revision " + status.latestCreatedRevision().orElse("latest") + " serves "
                    + expected + " %");
        }
        Optional<String> created = status.latestCreatedRevision();
        Optional<String> rolledOut = status.latestRolledoutRevision();
        if (created.isPresent() && rolledOut.isPresent() && !created.equals(rolledOut)) {
            return RolloutProgress.settling("revision " + created.get() + " not rolled out yet (rolled out: "
                    + rolledOut.get() + ")");
        }
        Optional<Integer> actual = status.latestRevisionPercent();
        if (actual.isPresent() && actual.get() != 100) {
            return RolloutProgress.settling("revision " + created.orElse("latest") + " at " + actual.get() + " %");
        }
        return RolloutProgress.ready("revision " + created.orElse("latest") + " serves 100 %"
                + (candidateServes ? "" : " (previous model restored)"));
    }

    @Override
    public void rollback(RolloutPlan plan, String reason) {
        if (plan.previousSpec() == null || plan.previousSpec().isBlank()) {
            throw new IllegalStateException("episode " + plan.episodeId() + ": no previous spec of "
                    + plan.model() + " to restore");
        }
        JsonNode previous = parse(plan.previousSpec());
        String previousUri = storageUri(previous, framework(previous));
        JsonNode live = read(plan.model());
        JsonNode predictor = live.path("spec").path("predictor");
        String framework = framework(predictor);
        JsonNode canary = predictor.path("canaryTrafficPercent");
        if (!Objects.equals(previousUri, storageUri(predictor, framework))
                || canary.isNumber() && canary.asInt() != 0 && !canary.equals(previous.path("canaryTrafficPercent"))) {
            ObjectNode restore = JsonNodeFactory.instance.objectNode();
            restore.putObject(framework).put("storageUri", previousUri);
            restore.put("canaryTrafficPercent", 0);
            settings.versionLabel().ifPresent(label ->
                    restore.putObject("labels").set(label, previous.path("labels").path(label).isTextual()
                            ? previous.path("labels").path(label) : JsonNodeFactory.instance.nullNode()));
            patch(plan.model(), restore, "rollback (" + reason + "): previous revision at 100 %, restoring "
                    + previousUri);
            live = awaitRestoredRevision(plan.model());
            predictor = live.path("spec").path("predictor");
            canary = predictor.path("canaryTrafficPercent");
        }
        if (!canary.isNumber() || canary.equals(previous.path("canaryTrafficPercent"))) {
            return; // nothing left to clear
        }
        InferenceServiceStatus status = new InferenceServiceStatus(live);
        if (!restoredRevisionReady(status)) {
            LOG.warn("rollback of {}: the previous model serves 100 % (canaryTrafficPercent 0); the canary setting"
                    + " is cleared on the next rollback call once revision {} is ready", plan.model(),
                    status.latestCreatedRevision().orElse("?"));
            return;
        }
        ObjectNode clear = JsonNodeFactory.instance.objectNode();
        clear.set("canaryTrafficPercent", previous.path("canaryTrafficPercent").isNumber()
                ? previous.path("canaryTrafficPercent") : JsonNodeFactory.instance.nullNode());
        patch(plan.model(), clear, "rollback: canary cleared, restored revision rolled out");
    }

    private static boolean restoredRevisionReady(InferenceServiceStatus s) {
        return s.generationObserved() && !"False".equals(s.readyStatus()) && s.latestRevisionReady();
    }

    /** Waits (bounded by rollback-settle) until the restored revision is ready; the last object read. */
    private JsonNode awaitRestoredRevision(String model) {
        long deadline = System.nanoTime() + settings.rollbackSettle().toNanos();
        JsonNode live = read(model);
        while (!restoredRevisionReady(new InferenceServiceStatus(live)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return live;
            }
            live = read(model);
        }
        return live;
    }

    /** {@code {<framework>: {storageUri: candidate}, labels: {<version-label>: version}}}. */
    private ObjectNode candidatePredictor(RolloutPlan plan, JsonNode live) {
        ObjectNode predictor = JsonNodeFactory.instance.objectNode();
        predictor.putObject(framework(live.path("spec").path("predictor")))
                .put("storageUri", plan.candidateArtifact());
        if (plan.candidateVersion() != null && settings.versionLabel().isPresent()) {
            predictor.putObject("labels").put(settings.versionLabel().get(), plan.candidateVersion());
        }
        return predictor;
    }

    private void patch(String model, ObjectNode predictor, String what) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("spec").set("predictor", predictor);
        String name = settings.inferenceServiceFor(model);
        LOG.info("InferenceService {}/{}: {}", settings.namespace(), name, what);
        resource(model).patch(PatchContext.of(PatchType.JSON_MERGE), body.toString());
    }

    private Resource<GenericKubernetesResource> resource(String model) {
        return client.genericKubernetesResources(KServeClients.INFERENCE_SERVICE)
                .inNamespace(settings.namespace())
                .withName(settings.inferenceServiceFor(model));
    }

    private JsonNode read(String model) {
        GenericKubernetesResource isvc = resource(model).get();
        if (isvc == null) {
            throw new IllegalStateException("InferenceService " + settings.namespace() + "/"
                    + settings.inferenceServiceFor(model) + " not found (model " + model + ")");
        }
        return JSON.valueToTree(isvc);
    }

    /** The configured framework key, else the predictor's single model key (see {@link PredictorFrameworks}). */
    private String framework(JsonNode predictor) {
        return settings.framework().orElseGet(() -> PredictorFrameworks.detect(predictor));
    }

    private static String storageUri(JsonNode predictor, String framework) {
        JsonNode uri = predictor.path(framework).path("storageUri");
        return uri.isTextual() ? uri.asText() : null;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("previous spec is not JSON", e);
        }
    }
}
