package dev.driftline.remediation.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.config.BearerAuth;
import dev.driftline.config.Config;
import dev.driftline.contracts.Topics;
import dev.driftline.remediation.service.RemediationKeys;
import dev.driftline.remediation.service.RemediationSettings;
import dev.driftline.streams.app.MetricsHttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The control API's authentication and request checks over real HTTP, on the service's metrics server. Kafka is a
 * closed port here: a call that got past the checks would try it and answer 503 after the 1 s timeout, so a 401,
 * 404, 405 or 400 shows the call was refused before anything could be written. (The accepted path, 202 after the
 * broker's acknowledgement, is RemediationControlApiIT's.)
 */
class ControlApiTest {
    static final String TOKEN = "op-t0ken.For~tests-1234";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CommandChannel channel;
    MetricsHttpServer server;

    @TempDir
    Path dir;

    void start(Set<String> tokens) throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort(); // closed again: nothing listens there
        }
        Topics topics = new Topics("ctl.");
        channel = new CommandChannel("127.0.0.1:" + deadPort, new Properties(), topics, Duration.ofSeconds(1));
        ControlApi api = new ControlApi(tokens, channel, topics.remediationCommands.name(), Clock.systemUTC());
        server = MetricsHttpServer.start("127.0.0.1", 0, registry, () -> true, "not running",
                Map.of(ControlApi.PREFIX, api));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (channel != null) {
            channel.close();
        }
        registry.close();
    }

    HttpResponse<String> post(String path, String authorization, String body) throws Exception {
        return call("POST", path, authorization, body);
    }

    HttpResponse<String> call(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        return JSON.readTree(r.body());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {"/api/v1/pause, none", "/api/v1/pause, Bearer " + TOKEN,
            "/api/v1/episodes/churn-1/approve, Bearer " + TOKEN, "/api/v1/resume, none"})
    void withoutConfiguredTokensTheApiIsOffAndSaysHowToTurnItOn(String path, String authorization) throws Exception {
        start(Set.of());
        HttpResponse<String> r = post(path, authorization, "{}");
        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode body = json(r);
        assertThat(body.path("error").asText()).isEqualTo("control_api_off");
        assertThat(body.path("reason").asText()).contains("remediation.api.tokens-file")
                .contains("remediation.api.tokens").contains("DRIFTLINE_REMEDIATION_API_TOKENS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/pause", "/api/v1/resume", "/api/v1/episodes/churn-1/approve",
            "/api/v1/episodes/churn-1/reject", "/api/v1/episodes/churn-1/cancel", "/api/v1/nothing-here"})
    void noTokenIs401WithAChallenge(String path) throws Exception {
        start(Set.of(TOKEN));
        HttpResponse<String> r = post(path, null, "{\"reason\": \"no token\"}");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        JsonNode body = json(r);
        assertThat(body.path("error").asText()).isEqualTo("unauthorized");
        assertThat(body.path("reason").asText()).contains("Authorization: Bearer <token>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wrong", "Bearer " + TOKEN + "x", "Bearer op-t0ken", "Basic b3A6cGFzcw==",
            TOKEN, "Bearer ", "Token " + TOKEN})
    void wrongTokenIs401(String authorization) throws Exception {
        start(Set.of(TOKEN, "second-token"));
        for (String path : new String[] {"/api/v1/pause", "/api/v1/episodes/churn-1/approve"}) {
            HttpResponse<String> r = post(path, authorization, "{}");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(json(r).path("error").asText()).isEqualTo("unauthorized");
        }
    }

    @Test
    void rightTokenPassesButNothingIsAcceptedUnlessKafkaAcknowledges() throws Exception {
        start(Set.of(TOKEN, "second-token"));
        HttpResponse<String> pause = post("/api/v1/pause", "Bearer " + TOKEN, "{\"reason\": \"maintenance\"}");
        assertThat(pause.statusCode()).isEqualTo(503);
        assertThat(pause.headers().firstValue("Retry-After")).contains("5");
        assertThat(json(pause).path("error").asText()).isEqualTo("kafka_unavailable");
        assertThat(json(pause).path("reason").asText()).contains("no command was acknowledged");
        HttpResponse<String> approve = post("/api/v1/episodes/churn-1/approve", "bearer second-token", null);
        assertThat(approve.statusCode()).isEqualTo(503);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/v1/pause | {\"modle\": \"churn\"} | unknown field 'modle'",
        "/api/v1/pause | {\"model\": \"*\"} | leave it out for every model",
        "/api/v1/resume | {\"model\": \"  \"} | give a model name",
        "/api/v1/pause | {\"model\": 7} | must be a string",
        "/api/v1/pause | [\"churn\"] | must be a JSON object",
        "/api/v1/pause | {not json | not JSON",
        "/api/v1/episodes/churn-1/approve | {\"model\": \"churn\"} | unknown field 'model'"})
    void badBodiesAre400BeforeKafka(String path, String body, String reason) throws Exception {
        start(Set.of(TOKEN));
        HttpResponse<String> r = post(path, "Bearer " + TOKEN, body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("reason").asText()).contains(reason);
    }

    @Test
    void otherMethodsPathsAndSizesAreRefusedBeforeKafka() throws Exception {
        start(Set.of(TOKEN));
        HttpResponse<String> get = call("GET", "/api/v1/pause", "Bearer " + TOKEN, null);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertThat(post("/api/v1/episodes/churn-1/promote", "Bearer " + TOKEN, "{}").statusCode()).isEqualTo(404);
        assertThat(post("/api/v1/episodes//approve", "Bearer " + TOKEN, "{}").statusCode()).isEqualTo(404);
        String big = "{\"reason\": \"" + "x".repeat(ControlApi.MAX_BODY) + "\"}";
        assertThat(post("/api/v1/pause", "Bearer " + TOKEN, big).statusCode()).isEqualTo(413);
        assertThat(call("GET", "/healthz", null, null).statusCode()).as("the probes need no token").isEqualTo(200);
    }

    @Test
    void theTokenIsNeverLogged() throws Exception {
        start(Set.of(TOKEN));
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(post("/api/v1/pause", "Bearer " + TOKEN + "-wrong", "{}").statusCode()).isEqualTo(401);
            assertThat(post("/api/v1/pause", "Bearer " + TOKEN, "{}").statusCode()).isEqualTo(503);
        } finally {
            System.setErr(err);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        System.err.print(log);
        assertThat(log).contains("control API: refused POST /api/v1/pause").doesNotContain(TOKEN)
                .doesNotContain("op-t0ken");
    }

    @Test
    void tokensFileOfTheServiceConfigTurnsTheApiOnAndTheTokensKeyIsMasked() throws Exception {
        Path tokens = Files.writeString(dir.resolve("api-tokens"), "# remediation operators\n" + TOKEN + "\n");
        Path file = Files.writeString(dir.resolve("remediation.properties"), "bootstrap-servers=127.0.0.1:9\n"
                + "remediation.api.tokens-file=" + tokens + "\nremediation.api.tokens=env-or-file-token\n");
        Config config = Config.builder(RemediationKeys.ALL).file(file).env(Map.of()).build();
        RemediationSettings settings = RemediationSettings.from(config);
        assertThat(settings.apiTokens()).containsExactlyInAnyOrder(TOKEN, "env-or-file-token");
        assertThat(config.describe()).contains("remediation.api.tokens").doesNotContain("env-or-file-token");
        start(settings.apiTokens());
        assertThat(post("/api/v1/pause", "Bearer other", "{}").statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/pause", "Bearer " + TOKEN, "{}").statusCode()).as("past auth: Kafka is down")
                .isEqualTo(503);
        assertThat(BearerAuth.fingerprint(TOKEN)).doesNotContain(TOKEN);
    }
}
