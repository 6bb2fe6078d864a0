package dev.driftline.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running collector: HTTP server, Kafka producer, health checker and metrics, started together and stopped in
 * the order that loses nothing (stop taking events, let in-flight ones finish, flush the producer, close).
 */
public final class Collector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Collector.class);

    private final CollectorSettings settings;
    private final Vertx vertx;
    private final PrometheusMeterRegistry registry;
    private final KafkaEventPublisher publisher;
    private final KafkaHealth health;
    private final KafkaClientMetrics producerMetrics;
    private final JvmGcMetrics gcMetrics;
    private final CollectorHttpServer http;
    private boolean closed;

    private Collector(CollectorSettings settings) {
        this.settings = settings;
        ObjectMapper mapper = new ObjectMapper();
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        this.publisher = KafkaEventPublisher.create(settings);
        this.producerMetrics = new KafkaClientMetrics(publisher.producer());
        producerMetrics.bindTo(registry);
        this.health = new KafkaHealth(settings, () -> publisher.warmUp(settings.eventsTopic()));
        AtomicLong inFlight = new AtomicLong();
        CollectorMetrics metrics = new CollectorMetrics(registry, settings.maxModelTags(), inFlight);
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        this.http = new CollectorHttpServer(vertx, settings, new EventDecoder(settings, mapper), publisher, health,
                metrics, registry, new Responses(mapper, settings.retryAfter().toSeconds()), inFlight);
    }

    /** Starts everything and returns once the port is bound; fails fast if it cannot be bound. */
    public static Collector start(CollectorSettings settings) {
        Collector c = new Collector(settings);
        try {
            c.health.checkNow();
            c.health.start();
            int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
            c.http.start(loops).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            c.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot start the collector on " + settings.host() + ":"
                    + settings.port() + ": " + cause.getMessage(), cause);
        }
        log.info("collector listening on {}://{}:{} -> topic {} at {} (auth {}, redaction for {} model(s))",
                settings.tls().isPresent() ? "https" : "http", settings.host(), c.port(), settings.eventsTopic(),
                settings.bootstrapServers(), settings.authRequired() ? "on" : "off", settings.redaction().size());
        if (!c.health.ready()) {
            log.warn("Kafka not reachable yet ({}); answering 503 until it is",
                    c.health.problem().orElse("unknown"));
        }
        return c;
    }

    public int port() {
        return http.port();
    }

    public boolean ready() {
        return health.ready();
    }

    /** Waits until Kafka is reachable and the topic exists; false if that takes longer than {@code timeout}. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!health.ready() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return health.ready();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Graceful stop: new events get 503 + Retry-After and readiness turns 503; the port stays open that way for the
     * shutdown delay (a load balancer or Kubernetes' endpoints drop this instance meanwhile, so senders retry
     * elsewhere instead of meeting a closed port); in-flight ones finish (bounded by the shutdown timeout); then
     * the port closes and the producer flushes.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Duration timeout = settings.shutdownTimeout();
        http.drain();
        sleep(settings.shutdownDelay().toMillis());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (http.activeRequests() > 0 && System.nanoTime() < deadline) {
            sleep(10);
        }
        if (http.activeRequests() > 0) {
            log.warn("{} request(s) still in flight after {}; closing anyway", http.activeRequests(), timeout);
        }
        try {
            http.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("HTTP server close: {}", e.toString());
        }
        publisher.close(timeout);
        health.close();
        producerMetrics.close();
        gcMetrics.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                .join();
        registry.close();
        log.info("collector stopped");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
