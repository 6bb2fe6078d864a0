package dev.driftline.cli.demo;

import dev.driftline.contracts.inference.InferenceEvent;

import dev.driftline.contracts.Topics;
import dev.driftline.contracts.labels.LabelCodec;
import dev.driftline.drift.capture.GroundTruthLabel;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays KServe's inference logger and the labelling team: POSTs each simulated inference to the collector as a
 * request and a response CloudEvent (binary mode, the headers KServe sends), paced so that {@code span} of
 * simulated time passes in {@code wall} of real time, and publishes each row's ground truth to the labels topic
 * once {@code labelDelay} of simulated time has passed (what is still due when the traffic ends is sent then).
 */
final class DemoTraffic implements AutoCloseable {
    static final String REQUEST = InferenceEvent.TYPE_REQUEST;
    static final String RESPONSE = InferenceEvent.TYPE_RESPONSE;

    private final URI collector;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final KafkaProducer<String, byte[]> labels;
    private final Topics topics;
    private static final int MAX_ATTEMPTS = 5;
    /**
     * How far the simulated time may run ahead of the inference due: a busy machine that cannot send at the demo's
     * pace holds the time back, so the remediation's trigger time and its training period stay within the traffic
     * (a CI run saw the time 20-odd simulated minutes ahead and a training period without a labelled row).
     */
    static final Duration CLOCK_LEAD = Duration.ofMinutes(1);
    /** Requests in flight at most: few enough that arrival order stays within the windows' grace. */
    private static final int IN_FLIGHT = 8;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong labelsSent = new AtomicLong();
    /** Events of the deliberately malformed inferences the collector accepted (they end as dead letters). */
    final AtomicLong malformedAccepted = new AtomicLong();
    /** Inferences whose response does not fit the request: the pipeline dead-letters them, as it would in life. */
    static final int MALFORMED = 2;
    volatile String lastRefusal;

    private final String model;
    private final String idPrefix;

    DemoTraffic(int collectorPort, String bootstrapServers, Topics topics) {
        this(collectorPort, bootstrapServers, topics, DemoScenario.MODEL);
    }

    /** Traffic logged for {@code model} (the demo's is {@link DemoScenario#MODEL}; tests add a steady second one). */
    DemoTraffic(int collectorPort, String bootstrapServers, Topics topics, String model) {
        this.model = model;
        this.idPrefix = model.equals(DemoScenario.MODEL) ? "demo-" : "demo-" + model + "-";
        this.collector = URI.create("http://127.0.0.1:" + collectorPort + "/");
        this.topics = topics;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        labels = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends {@code n} inferences over {@code span} of simulated time from {@code simStart}, taking {@code wall}. */
    long run(DemoScenario scenario, Instant simStart, Duration span, int n, Duration wall, Duration labelDelay,
             PrintStream out) throws InterruptedException {
        SimulatedClock clock = SimulatedClock.running(simStart, (double) span.toNanos() / wall.toNanos());
        return run(scenario, clock, span.dividedBy(n), n, () -> false, t -> false, null, labelDelay, out);
    }

    /**
     * Sends inferences {@code every} simulated interval from the clock's start, paced by the clock, until
     * {@code max} were sent or {@code done} says so; {@code kserve} (null: the scenario's model alone) decides which
     * model answers each one and the revision the logger reports. While {@code hold} says the inference due at a
     * simulated time must wait (the pipeline is behind), the clock is paused; and the clock never runs more than
     * {@link #CLOCK_LEAD} ahead of the inference due (the machine cannot send at the pace).
     */
    long run(DemoScenario scenario, SimulatedClock clock, Duration every, long max, BooleanSupplier done,
             Predicate<Instant> hold, DemoKServe kserve, Duration labelDelay, PrintStream out)
            throws InterruptedException {
        Deque<DemoScenario.Inference> awaitingLabels = new ArrayDeque<>();
        long lastReport = System.nanoTime();
        long i = 0;
        for (; i < max && !done.getAsBoolean(); i++) {
            Instant t = clock.start().plus(every.multipliedBy(i));
            if (hold.test(t)) {
                clock.pause();
                while (hold.test(t)) {
                    Thread.sleep(50);
                }
                clock.go();
            }
            clock.holdWithin(t.plus(CLOCK_LEAD));
            long sleep = clock.wallNanosAt(t) - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
            DemoKServe.Serving serving = kserve == null ? null : kserve.route(i);
            DemoScenario.Inference inf = serving == null ? scenario.next(idPrefix + i, t)
                    : scenario.next(idPrefix + i, t, serving.model());
            send(inf, serving == null ? DemoKServe.STABLE : serving.version());
            awaitingLabels.add(inf);
            if (i == Math.min(max / 2, 1000)) { // a client bug early on, before the shift
                sendMalformed(scenario, t);
            }
            while (!awaitingLabels.isEmpty() && !awaitingLabels.peek().time().plus(labelDelay).isAfter(t)) {
                label(awaitingLabels.poll(), labelDelay);
            }
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                out.printf("demo: %s %,6d inferences sent, simulated %s, %s; %,d labels%s%n",
                        Progress.bar(i + 1, max, 20), i + 1, t.toString().substring(11, 16),
                        t.isBefore(scenario.driftStart()) ? "no shift yet"
                                : "covariate shift on " + String.join(", ", DemoScenario.SHIFTED), labelsSent.get(),
                        serving != null && kserve.canaryPercent() > 0 ? "; canary " + kserve.canaryPercent() + " %"
                                : "");
            }
        }
        inFlight.acquire(IN_FLIGHT); // every request answered (retries included)
        inFlight.release(IN_FLIGHT);
        while (!awaitingLabels.isEmpty()) { // the labelling team catches up
            label(awaitingLabels.poll(), labelDelay);
        }
        labels.flush();
        return i;
    }

    private void send(DemoScenario.Inference inf, String endpoint) throws InterruptedException {
        inFlight.acquire();
        post(inf, REQUEST, inf.time(), inf.requestJson(), endpoint, 1, accepted)
                .thenCompose(ok -> post(inf, RESPONSE, inf.time().plusMillis(7), inf.responseJson(), endpoint, 1,
                        accepted))
                .whenComplete((ok, err) -> inFlight.release());
    }

    /** A client bug: responses with one prediction for a batch of several instances. */
    private void sendMalformed(DemoScenario scenario, Instant t) throws InterruptedException {
        for (int k = 1; k <= MALFORMED; k++) {
            DemoScenario.Inference inf = scenario.next(idPrefix + "malformed-" + k, t);
            inFlight.acquire();
            post(inf, REQUEST, t, inf.requestJson(), malformedAccepted)
                    .thenCompose(ok -> post(inf, RESPONSE, t.plusMillis(7), "{\"predictions\": [0]}",
                            malformedAccepted))
                    .whenComplete((ok, err) -> inFlight.release());
        }
    }

    private CompletableFuture<Void> post(DemoScenario.Inference inf, String type, Instant time, String body,
                                        AtomicLong counter) {
        return post(inf, type, time, body, DemoKServe.STABLE, 1, counter);
    }

    /** POSTs one event; a 503 (Kafka slow or away) is retried after its Retry-After, as a careful logger would. */
    private CompletableFuture<Void> post(DemoScenario.Inference inf, String type, Instant time, String body,
                                        String endpoint, int attempt, AtomicLong counter) {
        HttpRequest req = HttpRequest.newBuilder(collector).timeout(Duration.ofSeconds(10))
                .header("Ce-Specversion", "1.0").header("Ce-Id", inf.id()).header("Ce-Type", type)
                .header("Ce-Source", "http://wine-predictor.demo/v1/models/wine:predict").header("Ce-Time",
                        time.toString()).header("Ce-Inferenceservicename", model)
                .header("Ce-Namespace", "demo").header("Ce-Component", "predictor")
                .header("Ce-Endpoint", endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).handle((resp, err) -> {
            if (err == null && resp.statusCode() == 202) {
                counter.incrementAndGet();
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (err == null && resp.statusCode() == 503 && attempt < MAX_ATTEMPTS) {
                retried.incrementAndGet();
                long wait = resp.headers().firstValueAsLong("Retry-After").orElse(1);
                return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(
                        Math.min(wait, 5), TimeUnit.SECONDS)).thenCompose(x -> post(inf, type, time, body,
                        endpoint, attempt + 1, counter));
            }
            refused.incrementAndGet();
            lastRefusal = err != null ? err.toString() : resp.statusCode() + " " + resp.body();
            return CompletableFuture.<Void>completedFuture(null);
        }).thenCompose(f -> f);
    }

    private void label(DemoScenario.Inference inf, Duration delay) {
        for (int row = 0; row < inf.labels().length; row++) {
            GroundTruthLabel l = new GroundTruthLabel(inf.id(), row, model, (long) inf.labels()[row],
                    inf.time().plus(delay));
            labels.send(new ProducerRecord<>(topics.labels.name(), inf.id(), LabelCodec.INSTANCE.encode(l)));
            labelsSent.incrementAndGet();
        }
    }

    @Override
    public void close() {
        labels.close(Duration.ofSeconds(10));
    }
}
