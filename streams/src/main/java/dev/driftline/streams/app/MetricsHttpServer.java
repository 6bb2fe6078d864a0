package dev.driftline.streams.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The streams service's small HTTP endpoint (the JDK's built-in server: three read-only routes need no framework):
 * {@code GET /metrics} (Prometheus text), {@code /healthz} (200 while the process serves) and {@code /readyz}
 * (200 while Kafka Streams is running or rebalancing, else 503).
 */
public final class MetricsHttpServer implements AutoCloseable {
    private final HttpServer server;

    private MetricsHttpServer(HttpServer server) {
        this.server = server;
    }

    public static MetricsHttpServer start(String host, int port, PrometheusMeterRegistry registry,
                                          BooleanSupplier ready) throws IOException {
        return start(host, port, registry, ready, "kafka streams is not running");
    }

    /** The same for another service: {@code notReady} is the body of a 503 from {@code /readyz}. */
    public static MetricsHttpServer start(String host, int port, PrometheusMeterRegistry registry,
                                          BooleanSupplier ready, String notReady) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(host, port), 0);
        s.createContext("/metrics", ex -> answer(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape()));
        s.createContext("/healthz", ex -> answer(ex, 200, "text/plain", "ok\n"));
        s.createContext("/readyz", ex -> {
            boolean ok = ready.getAsBoolean();
            answer(ex, ok ? 200 : 503, "text/plain", ok ? "ready\n" : notReady + "\n");
        });
        s.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "driftline-metrics-http");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        return new MetricsHttpServer(s);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, "HEAD".equals(ex.getRequestMethod()) ? -1 : b.length);
            if (!"HEAD".equals(ex.getRequestMethod())) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(b);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
