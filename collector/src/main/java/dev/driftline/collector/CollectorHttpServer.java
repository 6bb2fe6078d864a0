package dev.driftline.collector;

import dev.driftline.config.BearerAuth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.KeyStoreOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The collector's HTTP front: routes, server options (timeouts, TLS, decompression) and one server per event loop
 * sharing the port, so both cores take requests. Per-request work is in {@link EventRequest}.
 */
public final class CollectorHttpServer {
    private final Vertx vertx;
    private final CollectorSettings settings;
    private final EventDecoder decoder;
    private final KafkaEventPublisher publisher;
    private final KafkaHealth health;
    private final CollectorMetrics metrics;
    private final PrometheusMeterRegistry registry;
    private final BearerAuth auth;
    private final Responses responses;
    private final AtomicLong inFlightBytes;
    private final AtomicInteger activeRequests = new AtomicInteger();
    private final List<HttpServer> servers = new ArrayList<>();
    private volatile boolean draining;
    private int port;

    CollectorHttpServer(Vertx vertx, CollectorSettings settings, EventDecoder decoder, KafkaEventPublisher publisher,
                        KafkaHealth health, CollectorMetrics metrics, PrometheusMeterRegistry registry,
                        Responses responses, AtomicLong inFlightBytes) {
        this.vertx = vertx;
        this.settings = settings;
        this.decoder = decoder;
        this.publisher = publisher;
        this.health = health;
        this.metrics = metrics;
        this.registry = registry;
        this.auth = new BearerAuth(settings.bearerTokens());
        this.responses = responses;
        this.inFlightBytes = inFlightBytes;
    }

    /* Content-Encoding is undone by ContentDecoding, not by the server, to enforce the decoded-size limit. */

    /** Starts {@code instances} servers on the configured port; completes with the bound port. */
    Future<Integer> start(int instances) {
        // Vert.x shares one listening socket among servers given the same port; for "any free port" that takes a
        // negative port (servers with the same negative value share one random port), as 0 would give each its own.
        int p = settings.port() == 0 ? -1 : settings.port();
        return listenOn(p).compose(bound -> {
            port = bound;
            List<Future<Integer>> more = new ArrayList<>();
            for (int i = 1; i < instances; i++) {
                more.add(listenOn(p));
            }
            return Future.all(more).map(bound);
        });
    }

    private Future<Integer> listenOn(int p) {
        Promise<Integer> bound = Promise.promise();
        Context ctx = vertx.getOrCreateContext(); // called off-loop: a new context on the next event loop
        ctx.runOnContext(v -> {
            HttpServer server = vertx.createHttpServer(options(p)).requestHandler(this::route);
            synchronized (servers) {
                servers.add(server);
            }
            server.listen().onSuccess(s -> bound.complete(s.actualPort())).onFailure(bound::fail);
        });
        return bound.future();
    }

    private HttpServerOptions options(int p) {
        HttpServerOptions o = new HttpServerOptions().setHost(settings.host()).setPort(p)
                .setIdleTimeout((int) settings.idleTimeout().toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setDecompressionSupported(false).setHandle100ContinueAutomatically(false).setTcpNoDelay(true)
                // HTTP/1.1 only (what KServe's logger speaks): an h2c upgrade would turn early rejections, which close
                // the connection, into GOAWAYs for every other stream on it.
                .setHttp2ClearTextEnabled(false);
        settings.tls().ifPresent(tls -> {
            o.setSsl(true).setKeyCertOptions(store(tls.keystoreType(), tls.keystore().toString(),
                    tls.keystorePassword()));
            tls.truststore().ifPresent(ts -> o.setTrustOptions(store(tls.truststoreType(), ts.toString(),
                    tls.truststorePassword())).setClientAuth(ClientAuth.REQUIRED));
        });
        return o;
    }

    private static KeyStoreOptions store(String type, String path, String password) {
        return new KeyStoreOptions().setType(type).setPath(path).setPassword(password);
    }

    private void route(HttpServerRequest req) {
        if (settings.eventPaths().contains(req.path())) {
            events(req);
            return;
        }
        switch (req.path()) {
            case "/healthz" -> probe(req, () -> responses.text(req.response(), 200, "text/plain", "ok\n"));
            case "/readyz" -> probe(req, () -> readiness(req));
            case "/metrics" -> probe(req, () -> responses.text(req.response(), 200,
                    "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
            default -> reject(req, new Rejection(Rejection.Reason.NOT_FOUND, "no such path " + req.path()
                    + "; events go to " + String.join(", ", settings.eventPaths())));
        }
    }

    private void probe(HttpServerRequest req, Runnable answer) {
        if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
            // read-only: nothing here changes state, so no other method is taken (and none is silently ignored)
            responses.text(req.response().putHeader("Allow", "GET, HEAD"), 405, "text/plain",
                    "method " + req.method() + " not allowed; " + req.path() + " is read-only: use GET or HEAD\n");
            return;
        }
        answer.run();
    }

    private void readiness(HttpServerRequest req) {
        if (draining) {
            responses.text(req.response(), 503, "text/plain", "shutting down\n");
        } else if (health.ready()) {
            responses.text(req.response(), 200, "text/plain", "ready\n");
        } else {
            responses.text(req.response(), 503, "text/plain", "not ready: "
                    + health.problem().orElse("unknown") + "\n");
        }
    }

    private void events(HttpServerRequest req) {
        if (draining) {
            reject(req, new Rejection(Rejection.Reason.SHUTTING_DOWN, "collector is shutting down; retry"));
            return;
        }
        if (req.method() != HttpMethod.POST) {
            reject(req, new Rejection(Rejection.Reason.METHOD_NOT_ALLOWED, "method " + req.method()
                    + " not allowed; events are sent with POST"));
            return;
        }
        if (!auth.allows(req.getHeader(HttpHeaders.AUTHORIZATION))) {
            reject(req, new Rejection(Rejection.Reason.UNAUTHORIZED, "a valid bearer token is required"));
            return;
        }
        try {
            decoder.checkHeaders(req.getHeader(HttpHeaders.CONTENT_TYPE), req.getHeader(HttpHeaders.CONTENT_ENCODING),
                    req.getHeader(HttpHeaders.CONTENT_LENGTH));
        } catch (Rejection r) {
            reject(req, r);
            return;
        }
        activeRequests.incrementAndGet();
        new EventRequest(this, req, vertx, inFlightBytes).start();
    }

    /** Rejects before the body is read; such a connection is closed since its body is left unread. */
    private void reject(HttpServerRequest req, Rejection r) {
        metrics.rejection(r.reason());
        boolean hasBody = req.method() == HttpMethod.POST || req.method() == HttpMethod.PUT
                || req.method() == HttpMethod.PATCH;
        responses.reject(req.response(), r, hasBody).onComplete(v -> {
            if (hasBody) {
                req.connection().close();
            }
        });
    }

    /** Stops taking new events (they get 503 + Retry-After); in-flight requests complete. */
    void drain() {
        draining = true;
    }

    int activeRequests() {
        return activeRequests.get();
    }

    Future<Void> close() {
        List<Future<Void>> closing;
        synchronized (servers) {
            closing = servers.stream().map(HttpServer::close).toList();
        }
        return Future.all(closing).mapEmpty();
    }

    void requestDone() {
        activeRequests.decrementAndGet();
    }

    int port() {
        return port;
    }

    CollectorSettings settings() {
        return settings;
    }

    EventDecoder decoder() {
        return decoder;
    }

    KafkaEventPublisher publisher() {
        return publisher;
    }

    KafkaHealth health() {
        return health;
    }

    CollectorMetrics metrics() {
        return metrics;
    }

    Responses responses() {
        return responses;
    }
}
