package dev.driftline.streams.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The streams service's small HTTP endpoint (the JDK's built-in server: three read-only routes need no framework):
 * {@code GET /metrics} (Prometheus text), {@code /healthz} (200 while the process serves) and {@code /readyz}
 * (200 while Kafka Streams is running or rebalancing, else 503). The three are read-only: only GET and HEAD are
 * answered, any other method gets 405 with {@code Allow: GET, HEAD} and changes nothing. A service may add routes
 * of its own (the remediation control API), which then check their own methods and callers.
 */
public final class MetricsHttpServer implements AutoCloseable {
    /** Threads answering requests. */
    static final int THREADS = 4;
    private final HttpServer server;
    private final ExecutorService threads;

    private MetricsHttpServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    public static MetricsHttpServer start(String host, int port, PrometheusMeterRegistry registry,
                                          BooleanSupplier ready) throws IOException {
        return start(host, port, registry, ready, "kafka streams is not running");
    }

    /** The same for another service: {@code notReady} is the body of a 503 from {@code /readyz}. */
    public static MetricsHttpServer start(String host, int port, PrometheusMeterRegistry registry,
                                          BooleanSupplier ready, String notReady) throws IOException {
        return start(host, port, registry, ready, notReady, Map.of());
    }

    /**
     * The same with more routes: {@code routes} maps a path prefix (e.g. {@code /api/v1/}) to its handler. They are
     * in place before the server takes its first request.
     */
    public static MetricsHttpServer start(String host, int port, PrometheusMeterRegistry registry,
                                          BooleanSupplier ready, String notReady, Map<String, HttpHandler> routes)
            throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(host, port), 0);
        routes.forEach(s::createContext);
        s.createContext("/metrics", readOnly(ex -> answer(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape())));
        s.createContext("/healthz", readOnly(ex -> answer(ex, 200, "text/plain", "ok\n")));
        s.createContext("/readyz", readOnly(ex -> {
            boolean ok = ready.getAsBoolean();
            answer(ex, ok ? 200 : 503, "text/plain", ok ? "ready\n" : notReady + "\n");
        }));
        // a few threads: a route that waits on Kafka (a control command's acknowledgement) must not hold up probes
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "driftline-metrics-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        s.setExecutor(threads);
        s.start();
        return new MetricsHttpServer(s, threads);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Only GET and HEAD reach {@code h}; any other method gets 405 with {@code Allow: GET, HEAD} before anything is
     * computed (no scrape, no readiness check) and without reading the body.
     */
    static HttpHandler readOnly(HttpHandler h) {
        return ex -> {
            String method = ex.getRequestMethod();
            if ("GET".equals(method) || "HEAD".equals(method)) {
                h.handle(ex);
                return;
            }
            try (ex) {
                byte[] b = ("method " + method + " not allowed; " + ex.getRequestURI().getRawPath()
                        + " is read-only: use GET or HEAD\n").getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                ex.getResponseHeaders().set("Content-Type", "text/plain");
                ex.sendResponseHeaders(405, b.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(b);
                }
            }
        };
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
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
        threads.shutdownNow();
    }
}
