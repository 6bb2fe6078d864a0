package dev.driftline.collector;

import dev.driftline.config.Config;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Starts real collectors for integration tests and sends them requests over real HTTP. */
final class CollectorFixture {
    static final String REQUEST = CollectorSettings.TYPE_REQUEST;
    static final String RESPONSE = CollectorSettings.TYPE_RESPONSE;
    static final byte[] V2_REQUEST = ("{\"id\": \"42\", \"parameters\": {}, \"inputs\": [{\"name\": \"input-0\", "
            + "\"shape\": [2, 4], \"datatype\": \"FP32\", \"data\": [6.8, 2.8, 4.8, 1.4, 6.0, 3.4, 4.5, 1.6]}]}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    static final byte[] V2_RESPONSE = ("{\"model_name\": \"iris\", \"model_version\": \"v3\", \"id\": \"42\", "
            + "\"outputs\": [{\"name\": \"output-0\", \"shape\": [2], \"datatype\": \"INT64\", \"data\": [1, 1]}]}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build(); // KServe's logger speaks HTTP/1.1

    private CollectorFixture() {
    }

    /** A collector on a free loopback port; {@code extra} are config keys (file-style names) layered on top. */
    static Collector start(String bootstrap, String topicPrefix, Map<String, String> extra) throws IOException {
        Map<String, String> flags = new HashMap<>(extra);
        // A loaded CI machine can take longer than the 150 ms production default to ack; these tests check what is
        // acknowledged, not how fast (the 503 path is tested with Kafka down, where it does not wait at all).
        flags.putIfAbsent("collector.ack-timeout", "5s");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("collector", ".properties");
        StringBuilder sb = new StringBuilder();
        flags.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        java.nio.file.Files.writeString(file, sb);
        Config c = Config.builder(CollectorKeys.ALL).openPrefix(CollectorKeys.REDACTION_MODEL_PREFIX).file(file)
                .env(Map.of()).flag(CollectorKeys.BOOTSTRAP_SERVERS, bootstrap).flag(CollectorKeys.PORT, 0)
                .flag(CollectorKeys.HOST, "127.0.0.1").flag(CollectorKeys.TOPIC_PREFIX, topicPrefix)
                .flag(CollectorKeys.TOPIC_PARTITIONS, 3).flag(CollectorKeys.PRINT_CONFIG, false).build();
        Collector collector = Collector.start(CollectorSettings.from(c));
        java.nio.file.Files.deleteIfExists(file);
        return collector;
    }

    static void awaitReady(Collector c) throws InterruptedException {
        if (!c.awaitReady(Duration.ofSeconds(30))) {
            throw new AssertionError("collector did not become ready");
        }
    }

    static URI uri(Collector c, String path) {
        return URI.create("http://127.0.0.1:" + c.port() + path);
    }

    /** A binary-mode request with KServe's logger headers. */
    static HttpRequest.Builder kserve(Collector c, String id, String type, byte[] body) {
        return HttpRequest.newBuilder(uri(c, "/")).timeout(Duration.ofSeconds(10))
                .header("Ce-Specversion", "1.0").header("Ce-Id", id).header("Ce-Type", type)
                .header("Ce-Source", "http://localhost:9081/").header("Ce-Time", "2026-11-21T12:00:00Z")
                .header("Ce-Inferenceservicename", "iris").header("Ce-Namespace", "default")
                .header("Ce-Component", "predictor").header("Ce-Endpoint", "iris-predictor-default")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
