package dev.driftline.remediation.it;

import static dev.driftline.contracts.remediation.EpisodeState.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.contracts.modelquality.ModelQualityWindow;
import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.remediation.Alerts;
import dev.driftline.remediation.kserve.KServeClients;
import dev.driftline.remediation.service.RemediationService;
import dev.driftline.remediation.service.RemediationSettings;
import dev.driftline.remediation.wiring.PolicyWorlds;
import dev.driftline.remediation.wiring.WorldClients;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import dev.driftline.testkit.kserve.KServeController;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 3: a KServe rollout on fabric8's Kubernetes mock API server (CRUD mode, a test controller writing the
 * status KServe would). The candidate trained by the command trainer and approved in the local registry gets 10 %;
 * during that step the pipeline's per-version model-quality windows show it far worse than the stable version on
 * the same window: the guardrail rolls back at once — the InferenceService sees the merge patches in order and ends
 * on its previous storageUri with no canary, and the episode is ROLLED_BACK.
 */
@WithKafka
class RemediationKServeIT {
    static final String NS = "models";
    static final String OLD = "s3://models/churn/v1/model.joblib";
    static final ObjectMapper JSON = new ObjectMapper();

    final List<String> patches = new CopyOnWriteArrayList<>();
    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void kubernetes() throws Exception {
        KubernetesCrudDispatcher dispatcher = new KubernetesCrudDispatcher() {
            @Override
            public MockResponse handlePatch(RecordedRequest request) {
                String body = request.getUtf8Body();
                if ("application/merge-patch+json".equals(request.getHeader("Content-Type"))) {
                    patches.add(body); // the rollout's patches (the test controller writes status with JSON patch)
                }
                return super.handlePatch(new RecordedRequest(request.getRequestLine(), request.method(),
                        request.getPath(), request.getHeaders(), new Buffer(body.getBytes(StandardCharsets.UTF_8))));
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        client = server.createClient();
        client.genericKubernetesResources(KServeClients.INFERENCE_SERVICE).inNamespace(NS).resource(JSON.readValue("""
                {"apiVersion": "serving.kserve.io/v1beta1", "kind": "InferenceService",
                 "metadata": {"name": "churn", "namespace": "models"},
                 "spec": {"predictor": {"logger": {"mode": "all", "url": "http://logger-service.monitoring:8080/log"},
                    "sklearn": {"storageUri": "%s"}}}}
                """.formatted(OLD), GenericKubernetesResource.class)).create();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    JsonNode predictor() {
        return JSON.valueToTree(client.genericKubernetesResources(KServeClients.INFERENCE_SERVICE).inNamespace(NS)
                .withName("churn").get()).path("spec").path("predictor");
    }

    static ModelQualityWindow window(String version, long start, double accuracy, long rows, String status) {
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", accuracy);
        return new ModelQualityWindow("churn", version, start, start + 300_000, 1, "binary_classification", rows, 0,
                metrics, "accuracy", accuracy, 0.85, ModelQualityWindow.CONFIGURED, null, status, start + 400_000);
    }

    @Test
    void guardrailBreachAtTenPercentRollsBackToThePreviousStorageUri(KafkaBroker broker, @TempDir Path tmp)
            throws Exception {
        RemediationItSupport it = new RemediationItSupport(broker);
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("train.csv"), "tenure,charges,label\n1,20,0\n5,70,1\n");
        String policy = """
                defaults:
                  trigger: {sustained-windows: 1}
                  data: {source: s3-prefix, prefix: "%1$s"}
                  training:
                    backend: command
                    command:
                      run: [/bin/sh, -c, 'echo "{\\"accuracy\\": 0.97}" > "$1/metrics.json"; echo "s3://models/churn/$2/model.joblib" > "$1/artifact.txt"', train, "${output}", "${episode}"]
                      workdir: "%2$s"
                  registry: {kind: local, local: {dir: "%3$s"}}
                  rollout:
                    target: kserve
                    bake: 1h
                    kserve: {namespace: models, master-url: "%4$s", rollback-settle: 0s}
                """.formatted(data.toUri(), tmp.resolve("work"), tmp.resolve("registry"), client.getMasterUrl());
        RemediationSettings settings = it.settings(RemediationItSupport.policy(policy), tmp.resolve("state"), null,
                null, null);
        try (KServeController controller = new KServeController(client, NS, "churn");
             WorldClients clients = new WorldClients(null, "us-east-1", null, Clock.systemUTC());
             RemediationService service = RemediationService.start(settings,
                     new PolicyWorlds(settings.policy(), clients), Clock.systemUTC(),
                     new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            long now = System.currentTimeMillis();
            it.produce(it.topics.alerts, "churn", Alerts.quality("churn", now - 600_000));
            Episode baking = it.awaitEpisode("churn", e -> e.state() == BAKING || e.state().terminal(),
                    Duration.ofMinutes(2), "reached the 10 % step");
            assertThat(baking.state()).isEqualTo(BAKING);
            assertThat(predictor().path("canaryTrafficPercent").asInt()).isEqualTo(10);
            String candidate = "s3://models/churn/" + baking.id() + "/model.joblib";
            assertThat(predictor().path("sklearn").path("storageUri").asText()).isEqualTo(candidate);

            // the pipeline's windows of the step: stable v1 fine, the candidate (version = episode id) far worse.
            // The window holds the step's start: one taken from `now` (before the trigger) ends before the episode
            // began when a 5-minute boundary falls between them, and the guardrail rightly ignores it.
            long w = baking.stepStartedAt() - baking.stepStartedAt() % 300_000;
            it.produce(it.topics.modelQuality, "churn", window("", w, 0.90, 460, ModelQualityWindow.OK));
            it.produce(it.topics.modelQuality, "churn", window("v1", w, 0.93, 410, ModelQualityWindow.OK));
            it.produce(it.topics.modelQuality, "churn", window(baking.id(), w, 0.62, 50, ModelQualityWindow.DEGRADED));

            Episode rolledBack = it.awaitEpisode("churn", e -> e.state().terminal(), Duration.ofMinutes(1),
                    "ended");
            assertThat(rolledBack.state()).isEqualTo(ROLLED_BACK);
            assertThat(rolledBack.failure()).startsWith("guardrail: candidate " + baking.id() + " degraded");
            List<EpisodeEvent> events = it.events("churn");
            assertThat(events).extracting(EpisodeEvent::to).containsExactly(TRIGGERED, PREPARING_DATA, TRAINING,
                    EVALUATING, REGISTERED, ROLLING_OUT, BAKING, ROLLED_BACK);
            assertThat(events.get(events.size() - 1).data().path("percent").asInt()).isZero();

            // the rollback's second patch (clearing the canary) follows once the restored revision is ready
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!predictor().path("canaryTrafficPercent").isMissingNode()
                    && !predictor().path("canaryTrafficPercent").isNull() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            JsonNode p = predictor();
            assertThat(p.path("sklearn").path("storageUri").asText()).isEqualTo(OLD);
            assertThat(p.path("canaryTrafficPercent").isMissingNode() || p.path("canaryTrafficPercent").isNull()
                    || p.path("canaryTrafficPercent").asInt() == 0).isTrue();
            // the merge patches in order: 10 % with the candidate, then back to the old storageUri at 0 %
            List<JsonNode> seen = patches.stream().map(RemediationKServeIT::tree).toList();
            assertThat(seen).isNotEmpty();
            JsonNode first = seen.get(0).path("spec").path("predictor");
            assertThat(first.path("canaryTrafficPercent").asInt()).isEqualTo(10);
            assertThat(first.path("sklearn").path("storageUri").asText()).isEqualTo(candidate);
            int back = -1;
            for (int i = 0; i < seen.size(); i++) {
                JsonNode pr = seen.get(i).path("spec").path("predictor");
                if (OLD.equals(pr.path("sklearn").path("storageUri").asText())) {
                    back = i;
                    assertThat(pr.path("canaryTrafficPercent").asInt()).isZero();
                    break;
                }
            }
            assertThat(back).as("a rollback patch restoring %s in %s", OLD, patches).isPositive();
            assertThat(seen.subList(0, back)).allMatch(n -> n.path("spec").path("predictor")
                    .path("canaryTrafficPercent").asInt() == 10, "no step beyond 10 % before the rollback");
            // the local registry holds the candidate, approved by the rule, never promoted
            assertThat(Files.readString(tmp.resolve("registry").resolve("churn.json"))).contains(baking.id())
                    .contains("Approved");
        }
    }

    static JsonNode tree(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
