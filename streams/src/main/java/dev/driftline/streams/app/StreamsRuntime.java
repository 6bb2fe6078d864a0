package dev.driftline.streams.app;

import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a driftline Kafka Streams service runs (the streaming jobs, the remediation service): a failed stream thread
 * shuts the instance down (the orchestrator restarts it; state comes back from the changelogs), Kafka Streams'
 * metrics are bound to the registry, and {@code /metrics}, {@code /healthz}, {@code /readyz} (ready while running
 * or rebalancing) are served on the given port ({@code -1}: none).
 *
 * @param binder the Kafka Streams meters (closed with the service)
 * @param http   the metrics endpoint, null when off
 */
public record StreamsRuntime(KafkaStreamsMetrics binder, MetricsHttpServer http) {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsRuntime.class);

    /**
     * Starts {@code streams}; on a port that cannot be opened, closes it again and fails naming {@code portKey}.
     *
     * @param service names the service in logs and in the 503 body of {@code /readyz}
     */
    public static StreamsRuntime start(KafkaStreams streams, PrometheusMeterRegistry registry, String host, int port,
                                       String service, String portKey) throws IOException {
        return start(streams, registry, host, port, service, portKey, Map.of());
    }

    /** The same with more routes on the endpoint (path prefix → handler), e.g. the remediation control API. */
    public static StreamsRuntime start(KafkaStreams streams, PrometheusMeterRegistry registry, String host, int port,
                                       String service, String portKey, Map<String, HttpHandler> routes)
            throws IOException {
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("{}: a stream thread failed; shutting this instance down", service, e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams);
        binder.bindTo(registry);
        streams.start();
        if (port < 0) {
            return new StreamsRuntime(binder, null);
        }
        try {
            return new StreamsRuntime(binder, MetricsHttpServer.start(host, port, registry, () -> {
                KafkaStreams.State st = streams.state();
                return st == KafkaStreams.State.RUNNING || st == KafkaStreams.State.REBALANCING;
            }, service + " is not running", routes));
        } catch (IOException | RuntimeException ex) {
            streams.close(Duration.ofSeconds(30));
            binder.close();
            throw new IOException("cannot open the metrics endpoint on " + host + ":" + port + " (" + portKey + "): "
                    + ex.getMessage(), ex);
        }
    }

    /** The metrics endpoint's port, or -1 when it is off. */
    public int port() {
        return http == null ? -1 : http.port();
    }

    /** Closes the meters and the endpoint (the caller closes Kafka Streams first). */
    public void close() {
        binder.close();
        if (http != null) {
            http.close();
        }
    }
}
