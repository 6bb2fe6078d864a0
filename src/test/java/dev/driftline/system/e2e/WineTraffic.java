package dev.driftline.system.e2e;

import dev.driftline.cli.demo.DemoScenario;
import dev.driftline.contracts.labels.LabelCodec;
import dev.driftline.drift.capture.GroundTruthLabel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A KServe inference logger in front of several collectors: each inference of a {@link DemoScenario} becomes a
 * request and a response CloudEvent, posted with a bearer token to the collectors' ports in turn (one port list,
 * as a client-side load balancer would), in KServe V1 ({@code instances}/{@code predictions}) or V2 (one named FP64
 * tensor per feature, the prediction as a named INT64 tensor, plus a {@code customer_email} BYTES tensor the
 * collector must drop before Kafka). A 503 is retried after its {@code Retry-After}; anything else is counted as
 * refused. The ground truth is produced to the labels topic afterwards, {@code labelDelay} after each inference.
 */
final class WineTraffic {
    static final String REQUEST = "org.kubeflow.serving.inference.request";
    static final String RESPONSE = "org.kubeflow.serving.inference.response";
    private static final int MAX_ATTEMPTS = 30;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Integer> ports;
    private final String token;
    private final AtomicInteger next = new AtomicInteger();
    private final Semaphore inFlight = new Semaphore(32);
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final Map<Integer, AtomicLong> acceptedByPort = new ConcurrentHashMap<>();
    final Set<String> acceptedIds = ConcurrentHashMap.newKeySet();
    volatile String lastRefusal = "";

    WineTraffic(List<Integer> ports, String token) {
        this.ports = List.copyOf(ports);
        this.token = token;
    }

    /** One model's traffic: its name, the protocol, and the scenario drawing its inferences. */
    record Stream(String model, boolean v2, DemoScenario scenario) {
    }

    /**
     * Sends {@code n} inferences of each stream spread over {@code span} from {@code start}, the streams interleaved
     * in event-time order (as a cluster's loggers would: one partition's stream time is shared by every model on
     * it); returns each model's inferences.
     */
    Map<String, List<DemoScenario.Inference>> send(List<Stream> streams, List<String> features, Instant start,
            Duration span, int n, String secretEmail) throws InterruptedException {
        Map<String, List<DemoScenario.Inference>> sent = new java.util.LinkedHashMap<>();
        streams.forEach(s -> sent.put(s.model(), new ArrayList<>(n)));
        for (int i = 0; i < n; i++) {
            for (Stream s : streams) {
                DemoScenario.Inference inf = s.scenario().next(s.model() + "-" + i,
                        DemoScenario.timeOf(start, span, i, n));
                sent.get(s.model()).add(inf);
                String request = s.v2() ? v2Request(inf, features, secretEmail) : inf.requestJson();
                String response = s.v2() ? v2Response(inf, s.model()) : inf.responseJson();
                inFlight.acquire();
                post(s.model(), inf.id(), REQUEST, inf.time(), request, 1)
                        .thenCompose(ok -> post(s.model(), inf.id(), RESPONSE, inf.time().plusMillis(5), response, 1))
                        .whenComplete((ok, err) -> inFlight.release());
            }
        }
        inFlight.acquire(32);
        inFlight.release(32);
        return sent;
    }

    /** Every row's true class, {@code delay} after its inference, keyed by the inference id (the labels topic). */
    static long sendLabels(String bootstrap, String topic, String model, List<DemoScenario.Inference> inferences,
            Duration delay) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        long n = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (DemoScenario.Inference inf : inferences) {
                for (int row = 0; row < inf.labels().length; row++) {
                    GroundTruthLabel l = new GroundTruthLabel(inf.id(), row, model, (long) inf.labels()[row],
                            inf.time().plus(delay));
                    producer.send(new ProducerRecord<>(topic, inf.id(), LabelCodec.INSTANCE.encode(l)));
                    n++;
                }
            }
            producer.flush();
        }
        return n;
    }

    private CompletableFuture<Void> post(String model, String id, String type, Instant time, String body,
            int attempt) {
        int port = ports.get(Math.floorMod(next.getAndIncrement(), ports.size()));
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                .header("Ce-Specversion", "1.0").header("Ce-Id", id).header("Ce-Type", type)
                .header("Ce-Source", "http://" + model + "-predictor.models/v1/models/" + model + ":predict")
                .header("Ce-Time", time.toString()).header("Ce-Inferenceservicename", model)
                .header("Ce-Namespace", "models").header("Ce-Component", "predictor").header("Ce-Endpoint", "")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).handle((resp, err) -> {
            if (err == null && resp.statusCode() == 202) {
                accepted.incrementAndGet();
                acceptedByPort.computeIfAbsent(port, k -> new AtomicLong()).incrementAndGet();
                acceptedIds.add(type.endsWith("request") ? id : id + "/response");
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (attempt < MAX_ATTEMPTS && (err != null || resp.statusCode() == 503)) {
                retried.incrementAndGet();
                long wait = err != null ? 1 : resp.headers().firstValueAsLong("Retry-After").orElse(1);
                return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(
                        Math.min(wait, 5), TimeUnit.SECONDS)).thenCompose(x -> post(model, id, type, time, body,
                        attempt + 1));
            }
            refused.incrementAndGet();
            lastRefusal = err != null ? err.toString() : resp.statusCode() + " " + resp.body();
            return CompletableFuture.<Void>completedFuture(null);
        }).thenCompose(f -> f);
    }

    /** KServe V2: one named tensor per feature (shape [rows]), plus the field the collector must drop. */
    static String v2Request(DemoScenario.Inference inf, List<String> features, String secretEmail) {
        StringBuilder b = new StringBuilder("{\"id\": \"").append(inf.id()).append("\", \"inputs\": [");
        for (int f = 0; f < features.size(); f++) {
            b.append(f == 0 ? "" : ", ").append("{\"name\": \"").append(features.get(f))
                    .append("\", \"shape\": [").append(inf.rows().size()).append("], \"datatype\": \"FP64\", \"data\": [");
            for (int r = 0; r < inf.rows().size(); r++) {
                b.append(r == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", inf.rows().get(r)[f]));
            }
            b.append("]}");
        }
        b.append(", {\"name\": \"customer_email\", \"shape\": [").append(inf.rows().size())
                .append("], \"datatype\": \"BYTES\", \"data\": [");
        for (int r = 0; r < inf.rows().size(); r++) {
            b.append(r == 0 ? "" : ", ").append('"').append(secretEmail).append('"');
        }
        return b.append("]}]}").toString();
    }

    /** KServe V2 response: the predicted class per row as one INT64 tensor named like the baseline's column. */
    static String v2Response(DemoScenario.Inference inf, String model) {
        StringBuilder b = new StringBuilder("{\"id\": \"").append(inf.id()).append("\", \"model_name\": \"").append(model)
                .append("\", \"outputs\": [{\"name\": \"").append(DemoScenario.PREDICTION).append("\", \"shape\": [")
                .append(inf.predictions().length).append("], \"datatype\": \"INT64\", \"data\": [");
        for (int r = 0; r < inf.predictions().length; r++) {
            b.append(r == 0 ? "" : ", ").append(inf.predictions()[r]);
        }
        return b.append("]}]}").toString();
    }
}
