package dev.driftline.testkit.kserve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * What KServe's controller does to an InferenceService's status, enough for a rollout: a new {@code storageUri}
 * is a new revision; with {@code canaryTrafficPercent} p the latest revision gets p % and the last rolled-out one
 * the rest; without it the latest revision is rolled out at 100 %. The mock API server runs no controller, so the
 * test runs this one beside it (a thread polling the resource). Used by the remediation ITs and the system tests;
 * fabric8's client is an optional dependency of testkit, so only tests that have it load this class.
 */
public final class KServeController implements AutoCloseable {
    /** {@code serving.kserve.io/v1beta1 InferenceService} (as the remediation service's KServe client names it). */
    public static final ResourceDefinitionContext INFERENCE_SERVICE = new ResourceDefinitionContext.Builder()
            .withGroup("serving.kserve.io").withVersion("v1beta1").withKind("InferenceService")
            .withPlural("inferenceservices").withNamespaced(true).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final Thread thread;
    private volatile boolean running = true;
    private String lastSpec = "";
    private String lastUri;
    private int revision;
    private String rolledOut;

    public KServeController(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        thread = new Thread(this::loop, "kserve-controller");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                reconcile();
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the API server between two requests of the test: try again
            }
        }
    }

    private void reconcile() {
        GenericKubernetesResource r = client.genericKubernetesResources(INFERENCE_SERVICE)
                .inNamespace(namespace).withName(name).get();
        if (r == null) {
            return;
        }
        JsonNode predictor = JSON.valueToTree(r).path("spec").path("predictor");
        String spec = predictor.toString();
        if (spec.equals(lastSpec)) {
            return;
        }
        lastSpec = spec;
        String uri = predictor.path("sklearn").path("storageUri").asText();
        if (!uri.equals(lastUri)) {
            revision++;
            lastUri = uri;
        }
        String latest = name + "-predictor-" + String.format("%05d", revision);
        if (rolledOut == null) {
            rolledOut = latest;
        }
        JsonNode canary = predictor.path("canaryTrafficPercent");
        int percent;
        if (canary.isMissingNode() || canary.isNull()) {
            rolledOut = latest;
            percent = 100;
        } else {
            percent = canary.asInt();
        }
        String status = """
                {"conditions": [{"type": "PredictorReady", "status": "True"}, {"type": "Ready", "status": "True"}],
                 "components": {"predictor": {"latestCreatedRevision": "%1$s", "latestReadyRevision": "%1$s",
                   "latestRolledoutRevision": "%2$s",
                   "traffic": [{"revisionName": "%1$s", "percent": %3$d, "latestRevision": true}%4$s]}}}
                """.formatted(latest, rolledOut, percent, latest.equals(rolledOut) ? ""
                : ", {\"revisionName\": \"" + rolledOut + "\", \"percent\": " + (100 - percent)
                + ", \"latestRevision\": false}");
        client.genericKubernetesResources(INFERENCE_SERVICE).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON), "[{\"op\": \"add\", \"path\": \"/status\", \"value\": "
                        + status + "}]");
        // the status patch is not a spec change: remember the spec as it is now
        lastSpec = JSON.valueToTree(client.genericKubernetesResources(INFERENCE_SERVICE)
                .inNamespace(namespace).withName(name).get()).path("spec").path("predictor").toString();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
