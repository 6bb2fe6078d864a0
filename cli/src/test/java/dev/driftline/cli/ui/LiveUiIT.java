package dev.driftline.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.contracts.Topic;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.alerts.AlertCodec;
import dev.driftline.contracts.baseline.BaselineCodec;
import dev.driftline.contracts.drift.DriftReportCodec;
import dev.driftline.contracts.window.MergedWindowCodec;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineBuilder;
import dev.driftline.drift.io.Table;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code driftline ui} on a real broker: a drift report, a window profile and a baseline published with the
 * contracts codecs come back from {@code /api/data}; {@code /} is the page; a topic created after the start
 * (alerts) is picked up.
 */
@WithKafka
class LiveUiIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode awaitData(LiveUi ui, String model, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode doc = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(ui.url() + "api/data?model=" + model);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
            doc = MAPPER.readTree(r.body());
            if (until.test(doc)) {
                return doc;
            }
            Thread.sleep(200);
        }
        return doc;
    }

    private static <V> void send(KafkaProducer<byte[], byte[]> p, Topic<String, V> topic, String model, byte[] value)
            throws Exception {
        p.send(new ProducerRecord<>(topic.name(), model.getBytes(StandardCharsets.UTF_8), value)).get();
    }

    private static Baseline baseline(String model) {
        Random r = new Random(1);
        List<Object[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            rows.add(new Object[] {10 + r.nextGaussian(), 10 + r.nextGaussian(), 10 + r.nextGaussian(),
                i % 3 == 0 ? "a" : "b"});
            lines.add((long) i + 2);
        }
        Table t = new Table("train.csv", List.of("alcohol", "proline", "hue", "region"), rows, lines);
        return new BaselineBuilder(Clock.fixed(Instant.ofEpochMilli(T0 - 86_400_000L), ZoneOffset.UTC)).build(t,
                model, Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    @Test
    void servesTheTopicsAsThePageData(KafkaBroker broker) throws Exception {
        Topics topics = new Topics(broker.uniqueTopic("ui") + ".");
        for (Topic<?, ?> t : List.of(topics.drift, topics.profiles, topics.baselines, topics.modelQuality,
                topics.remediationEvents)) {
            broker.createTopic(t.name(), t.partitions());
        }
        try (LiveUi ui = LiveUi.start(broker.bootstrapServers(), topics, "127.0.0.1", 0);
             KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(broker.producerProps())) {
            assertThat(ui.url()).isEqualTo("http://127.0.0.1:" + ui.port() + "/");
            // the contracts codecs: decode what the pipeline writes, encode it as the topic's value
            send(p, topics.baselines, "wine", BaselineCodec.INSTANCE.encode(baseline("wine")));
            send(p, topics.profiles, "wine", MergedWindowCodec.INSTANCE.encode(MergedWindowCodec.INSTANCE.decode(
                    ReportSamples.profile("wine", T0, 1, true, 3))));
            send(p, topics.drift, "wine", DriftReportCodec.INSTANCE.encode(DriftReportCodec.INSTANCE.decode(
                    ReportSamples.drift("wine", T0, 1, true))));

            JsonNode doc = awaitData(ui, "wine", d -> d.path("data").path("wine").path("windows").path("start")
                    .size() == 1 && "baseline".equals(d.path("data").path("wine").path("reference").path("kind")
                    .asText()) && d.path("data").path("wine").path("details").path("features").path(0)
                    .path("windows").has("0"));
            assertThat(doc.path("live").asBoolean()).isTrue();
            assertThat(doc.path("models").toString()).isEqualTo("[\"wine\"]");
            JsonNode wine = doc.path("data").path("wine");
            assertThat(wine.path("windows").path("start").get(0).asLong()).isEqualTo(T0);
            assertThat(wine.path("features").size()).isEqualTo(5);
            assertThat(wine.path("score").size()).isEqualTo(5);
            assertThat(wine.path("decision").get(0).asInt()).isEqualTo(2); // alcohol drifts
            assertThat(wine.path("reference").path("kind").asText()).isEqualTo("baseline");
            JsonNode alcohol = wine.path("details").path("features").get(0);
            assertThat(alcohol.path("reference_n").asLong()).isEqualTo(500);
            assertThat(alcohol.path("windows").path("0").path("n").asLong()).isEqualTo(200);
            assertThat(alcohol.path("windows").path("0").path("figures").path("ks_statistic").asDouble())
                    .isEqualTo(0.82);
            long revision = doc.path("revision").asLong();

            // the page: self-contained, live, with the document inline
            HttpResponse<String> page = get(ui.url());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.body()).contains("id=\"driftline-data\"", "id=\"heatmap\"", "\"live\":true", "Chart.js");
            assertThat(get(ui.url() + "healthz").statusCode()).isIn(200, 503);
            assertThat(get(ui.url() + "nope").statusCode()).isEqualTo(404);

            // a topic created after the start is read once it exists
            broker.createTopic(topics.alerts.name(), topics.alerts.partitions());
            send(p, topics.alerts, "wine", AlertCodec.INSTANCE.encode(AlertCodec.INSTANCE.decode(ReportSamples.alert(
                    "wine", "a-1", "open", T0, T0 + ReportSamples.WINDOW, null))));
            JsonNode later = awaitData(ui, "wine", d -> d.path("data").path("wine").path("alerts").size() == 1);
            assertThat(later.path("data").path("wine").path("alerts").get(0).path("feature").asText())
                    .isEqualTo("alcohol");
            assertThat(later.path("revision").asLong()).isGreaterThan(revision);
            long healthDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int health = 0;
            while (System.nanoTime() < healthDeadline && (health = get(ui.url() + "healthz").statusCode()) != 200) {
                Thread.sleep(200);
            }
            assertThat(health).isEqualTo(200);
        }
    }
}
