package dev.driftline.bench.ingest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP ceiling: the same server library, options and event-loop count as the collector, reading each body
 * completely and answering 202, without touching Kafka. The collector's throughput is reported as a ratio to it.
 */
final class BareHttpServer implements AutoCloseable {
    private final Vertx vertx;
    private final List<HttpServer> servers = new ArrayList<>();
    private int port;

    BareHttpServer() {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
    }

    int start() throws Exception {
        // -1: every server of this Vert.x instance shares one random port (see CollectorHttpServer#start)
        port = listen(-1).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        for (int i = 1; i < Runtime.getRuntime().availableProcessors(); i++) {
            listen(-1).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        return port;
    }

    private Future<Integer> listen(int p) {
        Promise<Integer> bound = Promise.promise();
        Context ctx = vertx.getOrCreateContext();
        ctx.runOnContext(v -> {
            HttpServer s = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(p)
                    .setDecompressionSupported(false).setHttp2ClearTextEnabled(false).setTcpNoDelay(true));
            s.requestHandler(req -> {
                Buffer body = Buffer.buffer();
                req.handler(body::appendBuffer);
                req.endHandler(e -> req.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                        .end("{\"accepted\":1}"));
            });
            synchronized (servers) {
                servers.add(s);
            }
            s.listen().onSuccess(x -> bound.complete(x.actualPort())).onFailure(bound::fail);
        });
        return bound.future();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
    }
}
