package dev.driftline.remediation.kserve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.remediation.world.RolloutPlan;
import dev.driftline.remediation.world.RolloutProgress;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KServeRollout against fabric8's Kubernetes mock API server in CRUD mode: it stores the InferenceService and
 * applies merge patches like the API server, but runs no KServe controller, so the tests write the status a
 * controller would write.
 */
class KServeRolloutIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "models";
    private static final String OLD = "s3://models/churn/v1/model.joblib";
    private static final String NEW = "s3://models/churn/ep-1/model.joblib";

    /** Every PATCH the server received: content type and body, in order. */
    private final List<String[]> patches = new CopyOnWriteArrayList<>();
    private KubernetesMockServer server;
    private KubernetesClient client;
    private KServeRollout rollout;

    @BeforeEach
    void start() {
        KubernetesCrudDispatcher dispatcher = new KubernetesCrudDispatcher() {
            @Override
            public MockResponse handlePatch(RecordedRequest request) {
                String body = request.getUtf8Body(); // reading consumes the buffer: hand the dispatcher a copy
                patches.add(new String[] {request.getHeader("Content-Type"), body});
                return super.handlePatch(new RecordedRequest(request.getRequestLine(), request.method(),
                        request.getPath(), request.getHeaders(), new Buffer(body.getBytes(StandardCharsets.UTF_8))));
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        client = server.createClient();
        rollout = new KServeRollout(KServeClients.forMasterUrl(client.getMasterUrl().toString()),
                new KServeSettings(NS, Optional.empty(), Optional.empty(),
                        Optional.of(KServeSettings.DEFAULT_VERSION_LABEL), Duration.ZERO, Optional.empty()));
        client.genericKubernetesResources(KServeClients.INFERENCE_SERVICE).inNamespace(NS)
                .resource(isvc()).create();
        patches.clear();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private static GenericKubernetesResource isvc() {
        try {
            return JSON.readValue("""
                    {"apiVersion": "serving.kserve.io/v1beta1", "kind": "InferenceService",
                     "metadata": {"name": "churn", "namespace": "models"},
                     "spec": {"predictor": {"minReplicas": 2, "maxReplicas": 10,
                        "logger": {"mode": "all", "url": "http://logger-service.monitoring.svc.cluster.local:8080/log"},
                        "sklearn": {"storageUri": "%s", "resources": {"requests": {"cpu": "1"}}}}}}
                    """.formatted(OLD), GenericKubernetesResource.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode predictor() {
        GenericKubernetesResource r = client.genericKubernetesResources(KServeClients.INFERENCE_SERVICE)
                .inNamespace(NS).withName("churn").get();
        return JSON.valueToTree(r).path("spec").path("predictor");
    }

    /**
     * Replaces the status as KServe's controller would. A JSON patch {@code add /status} (replace): the mock's merge
     * patch appends to arrays, where RFC 7386 replaces them, so merged conditions would pile up.
     */
    private void status(String json) {
        client.genericKubernetesResources(KServeClients.INFERENCE_SERVICE).inNamespace(NS).withName("churn")
                .patch(PatchContext.of(PatchType.JSON), "[{\"op\": \"add\", \"path\": \"/status\", \"value\": "
                        + json + "}]");
        patches.clear();
    }

    /**
     * Absent, or an explicit null: the API server deletes a key patched to null (RFC 7386), the mock stores the null;
     * KServe (Go, {@code *int32}) reads both as "no canary".
     */
    private static boolean absent(JsonNode n) {
        return n.isMissingNode() || n.isNull();
    }

    private static String ready(String created, String rolledOut, int latestPercent) {
        return """
                {"conditions": [{"type": "PredictorReady", "status": "True"}, {"type": "Ready", "status": "True"}],
                 "components": {"predictor": {"latestCreatedRevision": "%1$s", "latestReadyRevision": "%1$s",
                   "latestRolledoutRevision": "%2$s",
                   "traffic": [{"revisionName": "%1$s", "percent": %3$d, "latestRevision": true},
                               {"revisionName": "%2$s", "percent": %4$d, "latestRevision": false}]}}}
                """.formatted(created, rolledOut, latestPercent, 100 - latestPercent);
    }

    private RolloutPlan plan() {
        return new RolloutPlan("ep-1", "churn", NEW, "ep-1", rollout.currentSpec("churn"));
    }

    @Test
    void currentSpecIsThePredictorWithItsStorageUriAndNoCanary() throws Exception {
        JsonNode spec = JSON.readTree(rollout.currentSpec("churn"));
        assertThat(spec.path("sklearn").path("storageUri").asText()).isEqualTo(OLD);
        assertThat(spec.has("canaryTrafficPercent")).isFalse();
        assertThat(spec.path("minReplicas").asInt()).isEqualTo(2);
    }

    @Test
    void shiftTenThenFiftyThenPromoteAreMergePatchesOfTheStoredSpec() throws Exception {
        RolloutPlan plan = plan();
        rollout.shift(plan, 10);
        assertThat(predictor().path("sklearn").path("storageUri").asText()).isEqualTo(NEW);
        assertThat(predictor().path("canaryTrafficPercent").asInt()).isEqualTo(10);
        assertThat(predictor().path("labels").path(KServeSettings.DEFAULT_VERSION_LABEL).asText()).isEqualTo("ep-1");
        assertThat(predictor().path("sklearn").path("resources").path("requests").path("cpu").asText())
                .as("a merge patch keeps the fields it does not name").isEqualTo("1");
        assertThat(predictor().path("logger").path("mode").asText()).isEqualTo("all");

        rollout.shift(plan, 10); // a repeat after a crash: same spec
        assertThat(predictor().path("canaryTrafficPercent").asInt()).isEqualTo(10);
        rollout.shift(plan, 50);
        assertThat(predictor().path("canaryTrafficPercent").asInt()).isEqualTo(50);
        rollout.promote(plan);
        assertThat(absent(predictor().path("canaryTrafficPercent"))).as(predictor().toString()).isTrue();
        assertThat(predictor().path("sklearn").path("storageUri").asText()).isEqualTo(NEW);
        assertThat(predictor().path("minReplicas").asInt()).isEqualTo(2);

        assertThat(patches).extracting(p -> p[0]).containsOnly("application/merge-patch+json");
        assertThat(patches).extracting(p -> JSON.readTree(p[1]).path("spec").path("predictor")
                        .path("canaryTrafficPercent").toString())
                .containsExactly("10", "10", "50", "null");
        assertThat(patches).extracting(p -> JSON.readTree(p[1]).path("spec").path("predictor")
                        .path("sklearn").path("storageUri").asText())
                .containsOnly(NEW);
    }

    @Test
    void progressFollowsTheControllersStatus() {
        RolloutPlan plan = plan();
        rollout.shift(plan, 10);
        assertThat(rollout.progress(plan).phase()).as("no status yet").isEqualTo(RolloutProgress.Phase.SETTLING);

        status("""
                {"conditions": [{"type": "Ready", "status": "Unknown", "reason": "RevisionMissing"}],
                 "components": {"predictor": {"latestCreatedRevision": "churn-predictor-00002",
                   "latestReadyRevision": "churn-predictor-00001", "latestRolledoutRevision": "churn-predictor-00001"}}}
                """);
        assertThat(rollout.progress(plan).phase()).isEqualTo(RolloutProgress.Phase.SETTLING);

        status(ready("churn-predictor-00002", "churn-predictor-00001", 0).replace("\"percent\": 0", "\"percent\": 5"));
        RolloutProgress partial = rollout.progress(plan);
        assertThat(partial.phase()).isEqualTo(RolloutProgress.Phase.SETTLING);
        assertThat(partial.detail()).contains("at 5 %", "waiting for 10 %");

        status(ready("churn-predictor-00002", "churn-predictor-00001", 10));
        RolloutProgress ten = rollout.progress(plan);
        assertThat(ten.phase()).isEqualTo(RolloutProgress.Phase.READY);
        assertThat(ten.detail()).contains("churn-predictor-00002", "10 %");

        rollout.promote(plan);
        assertThat(rollout.progress(plan).phase()).as("latest not rolled out yet")
                .isEqualTo(RolloutProgress.Phase.SETTLING);
        status(ready("churn-predictor-00002", "churn-predictor-00002", 100));
        assertThat(rollout.progress(plan).phase()).isEqualTo(RolloutProgress.Phase.READY);
    }

    @Test
    void readyFalseIsFailedWithTheReason() {
        RolloutPlan plan = plan();
        rollout.shift(plan, 10);
        status("""
                {"conditions": [{"type": "Ready", "status": "False", "reason": "RevisionFailed",
                   "message": "Revision \\"churn-predictor-00002\\" failed with message: Back-off pulling image"}]}
                """);
        RolloutProgress p = rollout.progress(plan);
        assertThat(p.phase()).isEqualTo(RolloutProgress.Phase.FAILED);
        assertThat(p.detail()).contains("RevisionFailed", "Back-off pulling image");
    }

    @Test
    void controllerBehindTheGenerationIsSettling() {
        RolloutPlan plan = plan();
        rollout.shift(plan, 10);
        long generation = JSON.valueToTree(client.genericKubernetesResources(KServeClients.INFERENCE_SERVICE)
                .inNamespace(NS).withName("churn").get()).path("metadata").path("generation").asLong(0);
        String status = ready("churn-predictor-00002", "churn-predictor-00001", 10);
        status(status.replaceFirst("\\{", "{\"observedGeneration\": " + (generation - 1) + ", "));
        assertThat(generation).as("the mock bumps metadata.generation on spec changes").isPositive();
        assertThat(rollout.progress(plan).phase()).isEqualTo(RolloutProgress.Phase.SETTLING);
        status(status.replaceFirst("\\{", "{\"observedGeneration\": " + generation + ", "));
        assertThat(rollout.progress(plan).phase()).isEqualTo(RolloutProgress.Phase.READY);
    }

    @Test
    void rollbackRestoresThePreviousStorageUriAtCanaryZeroThenClearsTheCanaryOnceTheRevisionIsReady()
            throws Exception {
        RolloutPlan plan = plan();
        rollout.shift(plan, 10);
        status(ready("churn-predictor-00002", "churn-predictor-00001", 10));
        // the controller has not made the restored revision yet: created 00003, still starting
        status("""
                {"conditions": [{"type": "Ready", "status": "Unknown"}],
                 "components": {"predictor": {"latestCreatedRevision": "churn-predictor-00003",
                   "latestReadyRevision": "churn-predictor-00002", "latestRolledoutRevision": "churn-predictor-00001"}}}
                """);
        rollout.rollback(plan, "guardrail: error rate");
        assertThat(predictor().path("sklearn").path("storageUri").asText()).isEqualTo(OLD);
        assertThat(predictor().path("canaryTrafficPercent").asInt()).as("old revision keeps 100 %").isZero();
        assertThat(absent(predictor().path("labels").path(KServeSettings.DEFAULT_VERSION_LABEL))).isTrue();
        assertThat(rollout.progress(plan).phase()).isEqualTo(RolloutProgress.Phase.SETTLING);
        assertThat(patches).extracting(p -> JSON.readTree(p[1]).path("spec").path("predictor").toString())
                .containsExactly("{\"sklearn\":{\"storageUri\":\"" + OLD + "\"},\"canaryTrafficPercent\":0,"
                        + "\"labels\":{\"" + KServeSettings.DEFAULT_VERSION_LABEL + "\":null}}");

        status(ready("churn-predictor-00003", "churn-predictor-00001", 0));
        rollout.rollback(plan, "guardrail: error rate"); // the repeat finishes the job
        assertThat(absent(predictor().path("canaryTrafficPercent"))).isTrue();
        assertThat(predictor().path("sklearn").path("storageUri").asText()).isEqualTo(OLD);
        assertThat(patches).extracting(p -> JSON.readTree(p[1]).path("spec").path("predictor").toString())
                .containsExactly("{\"canaryTrafficPercent\":null}");

        status(ready("churn-predictor-00003", "churn-predictor-00003", 100));
        assertThat(rollout.progress(plan).phase()).isEqualTo(RolloutProgress.Phase.READY);
        rollout.rollback(plan, "again");
        assertThat(patches).as("a rollback already done sends nothing").isEmpty();
    }

    @Test
    void rollbackWithAReadyRestoredRevisionFinishesInOneCall() {
        RolloutPlan plan = plan();
        rollout.shift(plan, 50);
        status(ready("churn-predictor-00002", "churn-predictor-00001", 50));
        rollout.rollback(plan, "drift on the candidate");
        assertThat(predictor().path("sklearn").path("storageUri").asText()).isEqualTo(OLD);
        assertThat(absent(predictor().path("canaryTrafficPercent"))).as(predictor().toString()).isTrue();
        assertThat(patches).hasSize(2);
    }

    @Test
    void frameworkIsDetectedOrMustBeNamed() throws Exception {
        assertThat(PredictorFrameworks.detect(JSON.readTree(
                "{\"model\": {\"modelFormat\": {\"name\": \"sklearn\"}, \"storageUri\": \"s3://x\"}, \"minReplicas\": 1}")))
                .isEqualTo("model");
        assertThat(PredictorFrameworks.detect(JSON.readTree("{\"fancy\": {\"storageUri\": \"s3://x\"}}")))
                .isEqualTo("fancy");
        assertThatThrownBy(() -> PredictorFrameworks.detect(JSON.readTree("{\"containers\": []}")))
                .hasMessageContaining("kserve.framework");
    }

    @Test
    void aMissingInferenceServiceIsNamedInTheError() {
        assertThatThrownBy(() -> rollout.currentSpec("fraud"))
                .hasMessageContaining("InferenceService models/fraud not found");
    }
}
