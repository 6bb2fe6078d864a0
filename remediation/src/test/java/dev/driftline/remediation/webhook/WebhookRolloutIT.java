package dev.driftline.remediation.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import dev.driftline.config.UserInputException;
import dev.driftline.remediation.policy.PolicySection;
import dev.driftline.remediation.world.RolloutPlan;
import dev.driftline.remediation.world.RolloutProgress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WebhookRollout against a JDK HTTP server that records what it receives and answers from a script. */
class WebhookRolloutIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(JsonNode body, String idempotencyKey, String authorization, String contentType) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Answers to give, in order: status code and body; when empty, 200 {"state":"ready"}. */
    private final Deque<Map.Entry<Integer, String>> answers = new ArrayDeque<>();
    private HttpServer server;
    private WebhookRollout rollout;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/rollout", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            received.add(new Received(JSON.readTree(in), exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type")));
            Map.Entry<Integer, String> a;
            synchronized (answers) {
                a = answers.isEmpty() ? Map.entry(200, "{\"state\":\"ready\",\"detail\":\"ok\"}") : answers.poll();
            }
            byte[] out = a.getValue().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(a.getKey(), out.length == 0 ? -1 : out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        rollout = new WebhookRollout(new WebhookSettings(url(), Optional.of("s3cr3t-token"), Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/rollout?sig=abc");
    }

    private void answer(int status, String body) {
        synchronized (answers) {
            answers.add(Map.entry(status, body));
        }
    }

    private static RolloutPlan plan() {
        return new RolloutPlan("ep-7", "churn", "s3://m/churn/ep-7/model.tar.gz", "ep-7", "{\"storageUri\":\"old\"}");
    }

    @Test
    void aCanaryIsPostedStepByStepWithIdempotencyKeysAndTheToken() {
        answer(200, "{\"state\":\"ready\",\"spec\":{\"storageUri\":\"s3://m/churn/v1\"}}");
        assertThat(rollout.currentSpec("churn")).isEqualTo("{\"storageUri\":\"s3://m/churn/v1\"}");
        RolloutPlan plan = plan();
        rollout.shift(plan, 10);
        answer(200, "{\"state\":\"settling\",\"detail\":\"2 of 3 pods\"}");
        assertThat(rollout.progress(plan)).isEqualTo(RolloutProgress.settling("2 of 3 pods"));
        assertThat(rollout.progress(plan).phase()).isEqualTo(RolloutProgress.Phase.READY);
        rollout.shift(plan, 50);
        rollout.promote(plan);

        assertThat(received).extracting(r -> r.body().path("action").asText())
                .containsExactly("current", "shift", "status", "status", "shift", "promote");
        assertThat(received).extracting(Received::idempotencyKey)
                .containsExactly(null, "ep-7/shift/10", null, null, "ep-7/shift/50", "ep-7/promote/100");
        assertThat(received).extracting(Received::authorization).containsOnly("Bearer s3cr3t-token");
        assertThat(received).extracting(Received::contentType).containsOnly("application/json");
        JsonNode shift = received.get(1).body();
        assertThat(shift.path("episode_id").asText()).isEqualTo("ep-7");
        assertThat(shift.path("model").asText()).isEqualTo("churn");
        assertThat(shift.path("percent").asInt()).isEqualTo(10);
        assertThat(shift.path("candidate_artifact").asText()).isEqualTo("s3://m/churn/ep-7/model.tar.gz");
        assertThat(shift.path("candidate_version").asText()).isEqualTo("ep-7");
        assertThat(shift.path("previous_spec").asText()).isEqualTo("{\"storageUri\":\"old\"}");
        assertThat(received.get(0).body().path("model").asText()).isEqualTo("churn");
    }

    @Test
    void rollbackCarriesTheReasonAndTheKeyWithPercentZero() {
        rollout.rollback(plan(), "guardrail: p95 latency");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).idempotencyKey()).isEqualTo("ep-7/rollback/0");
        assertThat(received.get(0).body().path("reason").asText()).isEqualTo("guardrail: p95 latency");
        assertThat(received.get(0).body().path("percent").asInt()).isZero();
    }

    @Test
    void aServerErrorIsRetryableWithStatusAndBodyExcerpt() {
        answer(503, "upstream busy, try later");
        assertThatThrownBy(() -> rollout.shift(plan(), 10))
                .isInstanceOfSatisfying(WebhookException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEqualTo(503);
                })
                .hasMessageContaining("HTTP 503").hasMessageContaining("upstream busy")
                .hasMessageNotContaining("s3cr3t").hasMessageNotContaining("sig=abc");
        answer(200, "<html>proxy</html>");
        assertThatThrownBy(() -> rollout.shift(plan(), 10))
                .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("not a JSON object").hasMessageContaining("<html>proxy</html>");
        assertThat(received).extracting(Received::idempotencyKey).containsExactly("ep-7/shift/10", "ep-7/shift/10");
    }

    @Test
    void clientErrorsAndFailedAnswersFailTheRollout() {
        answer(400, "{\"error\":\"unknown model churn\"}");
        assertThatThrownBy(() -> rollout.promote(plan()))
                .isInstanceOfSatisfying(WebhookException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(400);
                })
                .hasMessageContaining("unknown model churn");
        answer(403, "forbidden");
        RolloutProgress p = rollout.progress(plan());
        assertThat(p.phase()).isEqualTo(RolloutProgress.Phase.FAILED);
        assertThat(p.detail()).contains("HTTP 403", "forbidden");
        answer(200, "{\"state\":\"failed\",\"detail\":\"candidate pods crash-loop\"}");
        assertThat(rollout.progress(plan())).isEqualTo(RolloutProgress.failed("candidate pods crash-loop"));
        answer(200, "{\"state\":\"failed\",\"detail\":\"quota exceeded\"}");
        assertThatThrownBy(() -> rollout.shift(plan(), 10))
                .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("quota exceeded");
        answer(200, "{\"detail\":\"no state\"}");
        assertThatThrownBy(() -> rollout.progress(plan())).isInstanceOf(WebhookException.class)
                .hasMessageContaining("no state ready|settling|failed");
    }

    @Test
    void aTimeoutIsRetryable() throws IOException {
        HttpServer silent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        silent.createContext("/", exchange -> {
            // never answers: the client's timeout has to end the call
        });
        silent.start();
        try {
            WebhookRollout slow = new WebhookRollout(new WebhookSettings(
                    URI.create("http://127.0.0.1:" + silent.getAddress().getPort() + "/"), Optional.empty(),
                    Duration.ofMillis(300)));
            assertThatThrownBy(() -> slow.shift(plan(), 10))
                    .isInstanceOfSatisfying(WebhookException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.status()).isZero();
                    });
        } finally {
            silent.stop(0);
        }
    }

    @Test
    void settingsNameTheKeyAndHideTheToken() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        PolicySection ok = new PolicySection("policy.yaml", "models.churn.webhook",
                yaml.readTree("url: https://cd.example.com/hook\ntoken-env: HOOK_TOKEN\n"));
        WebhookSettings s = WebhookSettings.from(ok, name -> name.equals("HOOK_TOKEN") ? "t0k" : null);
        assertThat(s.token()).contains("t0k");
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.toString()).doesNotContain("t0k").contains("****");
        assertThatThrownBy(() -> WebhookSettings.from(new PolicySection("policy.yaml", "models.churn.webhook",
                yaml.readTree("token: x\n")))).isInstanceOf(UserInputException.class)
                .hasMessage("policy.yaml: models.churn.webhook.url: is required");
        assertThatThrownBy(() -> WebhookSettings.from(new PolicySection("policy.yaml", "w",
                yaml.readTree("url: ftp://x/\n")))).hasMessageContaining("w.url: must be an http");
        assertThatThrownBy(() -> WebhookSettings.from(new PolicySection("policy.yaml", "w",
                yaml.readTree("url: https://x/\ntimeout: 0s\n")))).hasMessageContaining("w.timeout: must be positive");
    }
}
