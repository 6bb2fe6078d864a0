package dev.driftline.collector;

import static dev.driftline.collector.CollectorFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The collector against a real Kafka broker: what is acknowledged is on the topic, exactly as sent. */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CollectorKafkaIT {
    private final KafkaBroker kafka;
    private final String prefix;
    private final String topic;
    private Collector collector;

    CollectorKafkaIT(KafkaBroker kafka) {
        this.kafka = kafka;
        this.prefix = kafka.uniqueTopic("collector-it") + ".";
        this.topic = prefix + "inference.events";
    }

    @BeforeAll
    void start() throws Exception {
        collector = CollectorFixture.start(kafka.bootstrapServers(), prefix, Map.of(
                "collector.redaction.model.private-model.drop", "ssn",
                "collector.redaction.model.private-model.hash", "zip",
                "collector.redaction.hash-key", "0123456789abcdef-test-key",
                "collector.max-body-size", "64KiB",
                "collector.max-decompressed-size", "128KiB"));
        awaitReady(collector);
    }

    @AfterAll
    void stop() {
        collector.close();
    }

    private ConsumerRecord<byte[], byte[]> recordWithKey(String key) {
        List<ConsumerRecord<byte[], byte[]>> all = kafka.readAll(topic);
        return all.stream().filter(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))).findFirst()
                .orElseThrow(() -> new AssertionError("no record with key " + key + " among " + all.size()));
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> r) {
        return java.util.Arrays.stream(r.headers().toArray()).collect(Collectors.toMap(Header::key,
                h -> new String(h.value(), StandardCharsets.UTF_8)));
    }

    @Test
    void binaryModeRequestAndResponseLandByteForByteInOnePartition() throws Exception {
        HttpResponse<String> req = send(kserve(collector, "pair-1", REQUEST, V2_REQUEST));
        HttpResponse<String> res = send(kserve(collector, "pair-1", RESPONSE, V2_RESPONSE));
        assertThat(req.statusCode()).isEqualTo(202);
        assertThat(res.statusCode()).isEqualTo(202);

        List<ConsumerRecord<byte[], byte[]>> pair = kafka.readAll(topic, 2, Duration.ofSeconds(10)).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("pair-1")).toList();
        assertThat(pair).hasSize(2);
        assertThat(pair.get(0).partition()).isEqualTo(pair.get(1).partition());
        ConsumerRecord<byte[], byte[]> request = pair.stream()
                .filter(r -> headers(r).get("ce_type").equals(REQUEST)).findFirst().orElseThrow();
        ConsumerRecord<byte[], byte[]> response = pair.stream()
                .filter(r -> headers(r).get("ce_type").equals(RESPONSE)).findFirst().orElseThrow();
        assertThat(request.value()).isEqualTo(V2_REQUEST);
        assertThat(response.value()).isEqualTo(V2_RESPONSE);
        assertThat(headers(request)).containsEntry("ce_specversion", "1.0").containsEntry("ce_id", "pair-1")
                .containsEntry("ce_source", "http://localhost:9081/").containsEntry("ce_time", "2026-11-21T12:00:00Z")
                .containsEntry("ce_inferenceservicename", "iris").containsEntry("ce_namespace", "default")
                .containsEntry("ce_component", "predictor").containsEntry("ce_endpoint", "iris-predictor-default")
                .containsEntry("content-type", "application/json");
    }

    /** KServe users' logger URLs end in /log: an event posted there lands exactly as one posted to /. */
    @Test
    void theLoggersLogPathIsAnEventsPathAndUnknownPathsNameTheAcceptedOnes() throws Exception {
        HttpResponse<String> root = send(kserve(collector, "via-root", REQUEST, V2_REQUEST));
        HttpResponse<String> log = send(kserve(collector, "via-log", REQUEST, V2_REQUEST)
                .uri(uri(collector, "/log")));
        assertThat(root.statusCode()).isEqualTo(202);
        assertThat(log.statusCode()).isEqualTo(202);
        kafka.readAll(topic, 2, Duration.ofSeconds(10));
        ConsumerRecord<byte[], byte[]> a = recordWithKey("via-root");
        ConsumerRecord<byte[], byte[]> b = recordWithKey("via-log");
        assertThat(b.value()).isEqualTo(a.value());
        Map<String, String> ha = headers(a);
        Map<String, String> hb = headers(b);
        ha.remove("ce_id");
        hb.remove("ce_id");
        assertThat(hb).isEqualTo(ha);

        HttpResponse<String> nope = send(kserve(collector, "via-nope", REQUEST, V2_REQUEST)
                .uri(uri(collector, "/nope")));
        assertThat(nope.statusCode()).isEqualTo(404);
        assertThat(nope.body()).contains("/nope").contains("/, /v1/events, /log");
        assertThat(kafka.readAll(topic).stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)))
                .doesNotContain("via-nope");
    }

    @Test
    void structuredModeKeepsTheDataBytesAsSent() throws Exception {
        String data = "{\"instances\": [[6.8,  2.8, 4.8, 1.4]]}"; // odd spacing must survive
        String body = "{\"specversion\":\"1.0\",\"id\":\"structured-1\",\"type\":\"" + REQUEST + "\","
                + "\"source\":\"knative\",\"datacontenttype\":\"application/json\",\"inferenceservicename\":\"iris\","
                + "\"data\":" + data + "}";
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(collector, "/v1/events"))
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).isEqualTo(202);
        ConsumerRecord<byte[], byte[]> rec = recordWithKey("structured-1");
        assertThat(new String(rec.value(), StandardCharsets.UTF_8)).isEqualTo(data);
        assertThat(headers(rec)).containsEntry("ce_source", "knative").containsEntry("content-type", "application/json");
    }

    @Test
    void batchedModePublishesEveryEvent() throws Exception {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 3; i++) {
            body.append(i == 0 ? "" : ",").append("{\"specversion\":\"1.0\",\"id\":\"batch-").append(i)
                    .append("\",\"type\":\"").append(REQUEST).append("\",\"source\":\"s\",\"data\":{\"instances\":[[")
                    .append(i).append("]]}}");
        }
        body.append("]");
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(collector, "/"))
                .header("Content-Type", "application/cloudevents-batch+json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).contains("\"accepted\":3");
        for (int i = 0; i < 3; i++) {
            assertThat(new String(recordWithKey("batch-" + i).value(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"instances\":[[" + i + "]]}");
        }
    }

    @Test
    void gzipBodiesAreDecodedAndZipBombsRefused() throws Exception {
        HttpResponse<String> ok = send(kserve(collector, "gzip-1", REQUEST, gzip(V2_REQUEST))
                .header("Content-Encoding", "gzip"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
        assertThat(recordWithKey("gzip-1").value()).isEqualTo(V2_REQUEST);

        // 1 MiB of zeros compresses to ~1 KiB: under the wire limit, far over the decompressed limit.
        byte[] bomb = gzip(("{\"pad\":\"" + "0".repeat(1 << 20) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(bomb.length).isLessThan(64 * 1024);
        HttpResponse<String> refused = send(kserve(collector, "gzip-bomb", REQUEST, bomb)
                .header("Content-Encoding", "gzip"));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("collector.max-decompressed-size");
    }

    @Test
    void badInputIsRejectedWithAReasonAndTheServiceKeepsServing() throws Exception {
        HttpResponse<String> missing = send(kserve(collector, "bad-1", REQUEST, V2_REQUEST).setHeader("Ce-Source", ""));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("source");

        HttpResponse<String> malformed = send(kserve(collector, "bad-2", REQUEST,
                "{\"inputs\": [1, 2,}".getBytes(StandardCharsets.UTF_8)));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("line 1").contains("column");

        HttpResponse<String> tooBig = send(kserve(collector, "bad-3", REQUEST, new byte[100 * 1024]));
        assertThat(tooBig.statusCode()).isEqualTo(413);

        HttpResponse<String> media = send(kserve(collector, "bad-4", REQUEST, "<x/>".getBytes(StandardCharsets.UTF_8))
                .setHeader("Content-Type", "application/xml"));
        assertThat(media.statusCode()).isEqualTo(415);

        HttpResponse<String> get = send(HttpRequest.newBuilder(uri(collector, "/")).GET());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");

        HttpResponse<String> after = send(kserve(collector, "after-bad", REQUEST, V2_REQUEST));
        assertThat(after.statusCode()).isEqualTo(202);
        assertThat(kafka.readAll(topic).stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)))
                .contains("after-bad").doesNotContain("bad-1", "bad-2", "bad-3", "bad-4");
    }

    @Test
    void redactionRewritesTheBodyBeforeKafka() throws Exception {
        byte[] body = ("{\"instances\": [{\"age\": 31, \"ssn\": \"123-45-6789\", \"zip\": \"0150\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = send(kserve(collector, "private-1", REQUEST, body)
                .setHeader("Ce-Inferenceservicename", "private-model"));
        assertThat(r.statusCode()).isEqualTo(202);
        String stored = new String(recordWithKey("private-1").value(), StandardCharsets.UTF_8);
        assertThat(stored).contains("\"age\":31").doesNotContain("ssn").doesNotContain("123-45-6789")
                .doesNotContain("\"0150\"").contains("\"zip\":\"");
    }

    @Test
    void probesAndMetrics() throws Exception {
        send(kserve(collector, "metrics-1", REQUEST, V2_REQUEST));
        assertThat(send(HttpRequest.newBuilder(uri(collector, "/healthz")).GET()).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri(collector, "/readyz")).GET()).statusCode()).isEqualTo(200);
        String metrics = send(HttpRequest.newBuilder(uri(collector, "/metrics")).GET()).body();
        assertThat(metrics)
                .containsPattern("driftline_collector_events_total\\{[^}]*model=\"iris\"[^}]*outcome=\"accepted\"")
                .contains("driftline_collector_received_bytes_total")
                .contains("driftline_collector_produce_latency_seconds_bucket")
                .contains("driftline_collector_rejections_total")
                .contains("jvm_memory_used_bytes")
                .contains("kafka_producer_");
    }

    static byte[] gzip(byte[] in) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(in);
        }
        return out.toByteArray();
    }
}
