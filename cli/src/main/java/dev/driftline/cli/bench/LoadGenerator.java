package dev.driftline.cli.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives an HTTP endpoint with KServe-style binary-mode CloudEvents from concurrent keep-alive connections.
 * Two modes: closed loop (each connection keeps one request outstanding: maximum sustained throughput) and open
 * loop at a fixed rate (latency measured from each request's scheduled send time, so a stalled server cannot hide
 * its queueing delay: no coordinated omission).
 */
public final class LoadGenerator implements AutoCloseable {
    /** Outcome of one run. Latencies in microseconds. */
    public record Result(long accepted, long failed, double seconds, Histogram latencyMicros) {
        public double acceptedPerSecond() {
            return accepted / seconds;
        }

        public double percentileMillis(double p) {
            return latencyMicros.getValueAtPercentile(p) / 1000.0;
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final KServeEvents events;
    private final int connections;
    private final String host;
    private final int port;

    public LoadGenerator(String host, int port, int connections, KServeEvents events) {
        this.host = host;
        this.port = port;
        this.connections = connections;
        this.events = events;
        this.vertx = Vertx.vertx();
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    /** Closed loop for {@code duration} after {@code warmup}: as fast as the server answers. */
    public Result closedLoop(Duration warmup, Duration duration) throws InterruptedException {
        AtomicLong seq = new AtomicLong();
        Run run = new Run();
        long warmEnd = System.nanoTime() + warmup.toNanos();
        long end = warmEnd + duration.toNanos();
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            loop(seq, run, warmEnd, end, done);
        }
        done.await(duration.plus(warmup).toSeconds() + 30, TimeUnit.SECONDS);
        return run.result(duration.toNanos() / 1e9);
    }

    private void loop(AtomicLong seq, Run run, long warmEnd, long end, CountDownLatch done) {
        long now = System.nanoTime();
        if (now >= end) {
            done.countDown();
            return;
        }
        send(seq.getAndIncrement(), now, now >= warmEnd ? run : null, () -> loop(seq, run, warmEnd, end, done));
    }

    /** Open loop at {@code ratePerSecond} for {@code duration} after {@code warmup} at the same rate. */
    public Result fixedRate(int ratePerSecond, Duration warmup, Duration duration) throws InterruptedException {
        AtomicLong seq = new AtomicLong();
        Run run = new Run();
        long start = System.nanoTime();
        long warmEnd = start + warmup.toNanos();
        long end = warmEnd + duration.toNanos();
        double intervalNanos = 1e9 / ratePerSecond;
        AtomicLong outstanding = new AtomicLong();
        long[] sent = {0};
        long timer = vertx.setPeriodic(1, id -> {
            long now = System.nanoTime();
            long due = Math.min((long) ((Math.min(now, end) - start) / intervalNanos), Long.MAX_VALUE);
            while (sent[0] < due) {
                long scheduled = start + (long) (sent[0] * intervalNanos);
                outstanding.incrementAndGet();
                send(seq.getAndIncrement(), scheduled, scheduled >= warmEnd ? run : null, outstanding::decrementAndGet);
                sent[0]++;
            }
        });
        Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
        vertx.cancelTimer(timer);
        long drainDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (outstanding.get() > 0 && System.nanoTime() < drainDeadline) {
            Thread.sleep(5);
        }
        return run.result(duration.toNanos() / 1e9);
    }

    private void send(long n, long scheduledNanos, Run run, Runnable then) {
        RequestOptions ro = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setURI("/")
                .putHeader("Content-Type", "application/json").putHeader("Ce-Specversion", "1.0")
                .putHeader("Ce-Id", KServeEvents.id(n)).putHeader("Ce-Type", KServeEvents.type(n))
                .putHeader("Ce-Source", "http://localhost:9081/").putHeader("Ce-Inferenceservicename", "bench")
                .putHeader("Ce-Namespace", "default").putHeader("Ce-Component", "predictor")
                .putHeader("Ce-Time", "2026-11-21T12:00:00Z");
        Buffer body = Buffer.buffer(events.body(n));
        client.request(ro).compose(req -> req.send(body)).onComplete(ar -> {
            if (run != null) {
                boolean ok = ar.succeeded() && ar.result().statusCode() == 202;
                run.record(ok, (System.nanoTime() - scheduledNanos) / 1000);
            }
            if (ar.succeeded()) {
                ar.result().body().onComplete(b -> then.run());
            } else {
                then.run();
            }
        });
    }

    /** Counts and latencies of the measured part of a run. */
    private static final class Run {
        private final Recorder recorder = new Recorder(3);
        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();

        void record(boolean accepted, long micros) {
            (accepted ? ok : failed).incrementAndGet();
            recorder.recordValue(Math.max(1, micros));
        }

        Result result(double seconds) {
            return new Result(ok.get(), failed.get(), seconds, recorder.getIntervalHistogram());
        }
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
    }
}
