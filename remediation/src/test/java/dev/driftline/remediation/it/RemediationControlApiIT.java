package dev.driftline.remediation.it;

import static dev.driftline.contracts.remediation.EpisodeState.AWAITING_APPROVAL;
import static dev.driftline.contracts.remediation.EpisodeState.DONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.config.BearerAuth;
import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.RemediationCommand;
import dev.driftline.remediation.Alerts;
import dev.driftline.remediation.service.RemediationService;
import dev.driftline.remediation.service.RemediationSettings;
import dev.driftline.remediation.service.RemediationTopology;
import dev.driftline.remediation.wiring.PolicyWorlds;
import dev.driftline.remediation.wiring.WorldClients;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control API of a running remediation service on a real broker: unauthenticated or wrongly authenticated
 * approve / pause calls get 401 and leave the commands topic empty; an authenticated pause is answered 202 once on
 * every partition of the commands topic, the engine holds it (its flags store says paused, and an alert then starts
 * nothing); an authenticated resume and approve take an episode through approval to DONE with the decision recorded
 * under the token's fingerprint. Waits are for the service's committed consumer offsets, not for time.
 */
@WithKafka
class RemediationControlApiIT {
    static final String TOKEN = "it-operator-token-5f0c";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void onlyAuthenticatedCallsWriteCommandsAndTheServiceActsOnThem(KafkaBroker broker, @TempDir Path tmp)
            throws Exception {
        long started = System.nanoTime();
        RemediationItSupport it = new RemediationItSupport(broker);
        RemediationGateIT.metrics(tmp, "mid", 0.90); // held for approval
        Files.createDirectories(tmp.resolve("data"));
        Files.writeString(tmp.resolve("data").resolve("train.csv"), "x,label\n1,0\n2,1\n");
        long t0 = System.currentTimeMillis() - 3_600_000;
        try (RecordingWebhook webhook = new RecordingWebhook(); RemediationService service = start(it, tmp,
                webhook.url())) {
            String base = "http://127.0.0.1:" + service.metricsPort();
            String group = "remediation-" + it.prefix;
            String commands = it.topics.remediationCommands.name();

            HttpResponse<String> noToken = post(base + "/api/v1/pause", null, "{\"reason\": \"no token\"}");
            HttpResponse<String> wrongToken = post(base + "/api/v1/episodes/mid-1/approve", "Bearer not-" + TOKEN, "{}");
            HttpResponse<String> wrongPause = post(base + "/api/v1/pause", "Bearer not-" + TOKEN, "{}");
            for (HttpResponse<String> r : List.of(noToken, wrongToken, wrongPause)) {
                assertThat(r.statusCode()).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                        assertThat(v).startsWith("Bearer"));
                assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("unauthorized");
            }
            assertThat(endOffsets(broker, commands)).as("nothing written for a refused call").containsOnly(0L);

            HttpResponse<String> pause = post(base + "/api/v1/pause", "Bearer " + TOKEN,
                    "{\"reason\": \"release freeze\", \"by\": \"alice\"}");
            assertThat(pause.statusCode()).as(pause.body()).isEqualTo(202);
            JsonNode accepted = JSON.readTree(pause.body());
            String by = "alice (" + BearerAuth.fingerprint(TOKEN) + ")";
            assertThat(accepted.path("by").asText()).isEqualTo(by);
            assertThat(accepted.path("partitions").toString()).isEqualTo("[0,1,2]");
            List<RemediationCommand> written = it.read(it.topics.remediationCommands);
            assertThat(written).as("acknowledged before the 202: on every partition at once").hasSize(3)
                    .allSatisfy(c -> {
                        assertThat(c.commandId()).isEqualTo(accepted.path("command_id").asText());
                        assertThat(c.action()).isEqualTo(RemediationCommand.Action.PAUSE);
                        assertThat(c.model()).isEqualTo(RemediationCommand.ALL_MODELS);
                        assertThat(c.by()).isEqualTo(by).doesNotContain(TOKEN);
                        assertThat(c.reason()).isEqualTo("release freeze");
                    });

            awaitConsumed(broker, group, commands);
            assertThat(flags(service)).as("every task of the engine holds the pause")
                    .containsExactly("paused=true", "paused=true", "paused=true");
            it.produce(it.topics.alerts, "mid", Alerts.quality("mid", t0));
            awaitConsumed(broker, group, it.topics.alerts.name());
            assertThat(it.episodes()).as("paused: the alert started nothing").isEmpty();

            HttpResponse<String> resume = post(base + "/api/v1/resume", "Bearer " + TOKEN, null);
            assertThat(resume.statusCode()).as(resume.body()).isEqualTo(202);
            awaitConsumed(broker, group, commands);
            assertThat(flags(service)).containsExactly("paused=false", "paused=false", "paused=false");
            it.produce(it.topics.alerts, "mid", Alerts.quality("mid", t0 + 1_800_000));
            Episode waiting = it.awaitEpisode("mid", e -> e.state() == AWAITING_APPROVAL, Duration.ofMinutes(2),
                    "waited for approval");

            HttpResponse<String> anonymousApprove = post(base + "/api/v1/episodes/" + waiting.id() + "/approve",
                    null, "{}");
            assertThat(anonymousApprove.statusCode()).isEqualTo(401);
            HttpResponse<String> approve = post(base + "/api/v1/episodes/" + waiting.id() + "/approve",
                    "Bearer " + TOKEN, "{\"reason\": \"checked the holdout\"}");
            assertThat(approve.statusCode()).as(approve.body()).isEqualTo(202);
            assertThat(JSON.readTree(approve.body()).path("episode_id").asText()).isEqualTo(waiting.id());
            Episode done = it.awaitEpisode("mid", e -> e.state().terminal(), Duration.ofMinutes(2), "ended");
            assertThat(done.state()).isEqualTo(DONE);
            assertThat(done.decision()).isEqualTo("approved by " + BearerAuth.fingerprint(TOKEN)
                    + ": checked the holdout");
            assertThat(webhook.moves("mid")).isNotEmpty();

            HttpResponse<String> again = post(base + "/api/v1/episodes/" + waiting.id() + "/approve",
                    "Bearer " + TOKEN, "{}");
            assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
            assertThat(post(base + "/api/v1/episodes/no-such-episode/cancel", "Bearer " + TOKEN, "{}").statusCode())
                    .isEqualTo(404);
            assertThat(it.read(it.topics.remediationCommands)).as("3 pause + 3 resume + 1 approve, nothing else")
                    .hasSize(7);
            HttpResponse<String> postMetrics = post(base + "/metrics", "Bearer " + TOKEN, "{}");
            assertThat(postMetrics.statusCode()).isEqualTo(405);
            assertThat(postMetrics.headers().firstValue("Allow")).contains("GET, HEAD");
        }
        System.out.printf("RemediationControlApiIT: %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    static RemediationService start(RemediationItSupport it, Path tmp, String webhook) throws Exception {
        RemediationSettings base = it.settings(RemediationItSupport.policy(RemediationGateIT.policy(tmp, webhook)),
                tmp.resolve("state"), null, null, null);
        RemediationSettings s = new RemediationSettings(base.bootstrapServers(), base.kafka(), base.topics(),
                base.applicationId(), base.stateDir(), base.policy(), base.tick(), base.enabled(),
                base.awsEndpoint(), base.awsRegion(), base.kubernetesMaster(), 0, "127.0.0.1",
                base.startupTimeout(), Set.of(TOKEN), Duration.ofSeconds(30));
        WorldClients clients = new WorldClients(null, "us-east-1", null, Clock.systemUTC());
        return RemediationService.start(s, new PolicyWorlds(s.policy(), clients), Clock.systemUTC(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    static HttpResponse<String> post(String url, String authorization, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(body == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Each entry of the engine's flags stores (one per task), as key=value, sorted. */
    static List<String> flags(RemediationService service) {
        ReadOnlyKeyValueStore<String, String> store = service.kafkaStreams().store(StoreQueryParameters
                .fromNameAndType(RemediationTopology.FLAGS_STORE, QueryableStoreTypes.<String, String>keyValueStore()));
        List<String> out = new ArrayList<>();
        try (KeyValueIterator<String, String> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> kv = all.next();
                out.add(kv.key + "=" + kv.value);
            }
        }
        out.sort(null);
        return out;
    }

    static List<Long> endOffsets(KafkaBroker broker, String topic) throws Exception {
        return new ArrayList<>(latest(broker, topic).values());
    }

    static Map<TopicPartition, Long> latest(KafkaBroker broker, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> req = new java.util.HashMap<>();
        for (int p = 0; p < 3; p++) {
            req.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return broker.admin().listOffsets(req).all().get(1, java.util.concurrent.TimeUnit.MINUTES).entrySet()
                .stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> ((ListOffsetsResult.ListOffsetsResultInfo) e.getValue()).offset()));
    }

    /**
     * Waits until the service's group has committed every record of {@code topic}: with exactly-once the store
     * changes and outputs of those records are committed in the same transaction, so they are visible now.
     */
    static void awaitConsumed(KafkaBroker broker, String group, String topic) throws Exception {
        Map<TopicPartition, Long> end = latest(broker, topic);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
        while (System.nanoTime() < deadline) {
            committed = broker.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(1, java.util.concurrent.TimeUnit.MINUTES);
            Map<TopicPartition, OffsetAndMetadata> now = committed;
            if (end.entrySet().stream().allMatch(e -> e.getValue() == 0 || (now.get(e.getKey()) != null
                    && now.get(e.getKey()).offset() >= e.getValue()))) {
                return;
            }
            Thread.sleep(100);
        }
        fail("group " + group + " did not consume " + topic + " to " + end + " within 2 minutes; committed "
                + committed);
    }
}
