package dev.driftline.bench.ingest;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives an HTTP endpoint with KServe-style binary-mode CloudEvents over concurrent keep-alive HTTP/1.1
 * connections (Netty's HTTP codec; bodies are shared buffers, so the generator costs little CPU next to the
 * server it measures). Two modes: closed loop (each connection keeps one request outstanding: maximum sustained
 * throughput) and open loop at a fixed rate, where latency is measured from each request's scheduled send time,
 * so a stalled server cannot hide its queueing delay (no coordinated omission).
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

    private final String host;
    private final int port;
    private final int connections;
    private final KServeEvents events;
    private final EventLoopGroup group = new NioEventLoopGroup(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    private final List<Conn> conns = new ArrayList<>();
    private final ConcurrentLinkedQueue<Conn> idle = new ConcurrentLinkedQueue<>();
    private final AtomicLong seq = new AtomicLong();
    private volatile Recorder recorder;
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closedLoop;
    private volatile long measureFrom;
    private volatile long stopAt;
    private volatile long limit = Long.MAX_VALUE;

    public LoadGenerator(String host, int port, int connections, KServeEvents events) {
        this.host = host;
        this.port = port;
        this.connections = connections;
        this.events = events;
    }

    private void connect() throws InterruptedException {
        if (!conns.isEmpty()) {
            return;
        }
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true).handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Conn c = new Conn(ch);
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), c);
                        synchronized (conns) {
                            conns.add(c);
                        }
                    }
                });
        for (int i = 0; i < connections; i++) {
            b.connect(host, port).sync();
        }
        synchronized (conns) {
            idle.addAll(conns);
        }
    }

    /** Closed loop for {@code duration} after {@code warmup}: as fast as the server answers. */
    public Result closedLoop(Duration warmup, Duration duration) throws InterruptedException {
        connect();
        start(warmup, duration, true);
        Conn c;
        while ((c = idle.poll()) != null) {
            Conn conn = c;
            conn.ch.eventLoop().execute(() -> conn.send(System.nanoTime()));
        }
        Thread.sleep(warmup.plus(duration).toMillis());
        return finish(duration);
    }

    /** Closed loop until exactly {@code events} requests were answered (or {@code timeout}). */
    public Result count(int events, Duration timeout) throws InterruptedException {
        connect();
        long started = System.nanoTime();
        start(Duration.ZERO, timeout, true);
        limit = events;
        seq.set(0);
        Conn c;
        while ((c = idle.poll()) != null) {
            Conn conn = c;
            conn.ch.eventLoop().execute(() -> conn.send(System.nanoTime()));
        }
        while (ok.get() + failed.get() < events && System.nanoTime() < stopAt) {
            Thread.sleep(5);
        }
        Result r = finish(Duration.ofNanos(System.nanoTime() - started));
        limit = Long.MAX_VALUE;
        return r;
    }

    /** Open loop at {@code ratePerSecond} for {@code duration} after {@code warmup} at the same rate. */
    public Result fixedRate(int ratePerSecond, Duration warmup, Duration duration) throws InterruptedException {
        connect();
        long start = System.nanoTime();
        start(warmup, duration, false);
        double interval = 1e9 / ratePerSecond;
        ConcurrentLinkedQueue<Long> backlog = new ConcurrentLinkedQueue<>();
        long sent = 0;
        while (System.nanoTime() < stopAt) {
            long due = (long) ((System.nanoTime() - start) / interval);
            for (; sent < due; sent++) {
                backlog.add(start + (long) (sent * interval));
            }
            Long scheduled;
            while ((scheduled = backlog.peek()) != null) {
                Conn c = idle.poll();
                if (c == null) {
                    break; // all connections busy: the request waits, and its wait counts as latency
                }
                backlog.poll();
                long s = scheduled;
                c.ch.eventLoop().execute(() -> c.send(s));
            }
            Thread.sleep(0, 200_000);
        }
        return finish(duration);
    }

    private void start(Duration warmup, Duration duration, boolean closed) {
        recorder = new Recorder(3);
        ok.set(0);
        failed.set(0);
        closedLoop = closed;
        measureFrom = System.nanoTime() + warmup.toNanos();
        stopAt = measureFrom + duration.toNanos();
    }

    private Result finish(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (idle.size() < conns.size() && System.nanoTime() < deadline) {
            Thread.sleep(5); // let requests in flight complete; they were sent before stopAt
        }
        return new Result(ok.get(), failed.get(), duration.toNanos() / 1e9, recorder.getIntervalHistogram());
    }

    /** One keep-alive connection with at most one request outstanding. */
    private final class Conn extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final Channel ch;
        private long scheduled;

        Conn(Channel ch) {
            this.ch = ch;
        }

        void send(long scheduledNanos) {
            long n = seq.getAndIncrement();
            if (n >= limit) {
                idle.add(this); // count mode: enough requests sent
                return;
            }
            scheduled = scheduledNanos;
            HttpHeaders h = new DefaultHttpHeaders(false);
            h.add("Host", host).add("Content-Type", "application/json").add("Ce-Specversion", "1.0")
                    .add("Ce-Id", KServeEvents.id(n)).add("Ce-Type", KServeEvents.type(n))
                    .add("Ce-Source", "http://localhost:9081/").add("Ce-Inferenceservicename", "bench")
                    .add("Ce-Namespace", "default").add("Ce-Component", "predictor")
                    .add("Ce-Time", "2026-11-21T12:00:00Z");
            ByteBuf body = Unpooled.wrappedBuffer(events.body(n));
            h.add("Content-Length", body.readableBytes());
            ch.writeAndFlush(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/", body, h,
                    new DefaultHttpHeaders(false)));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
            long now = System.nanoTime();
            if (scheduled >= measureFrom && scheduled < stopAt) {
                (res.status().code() == 202 ? ok : failed).incrementAndGet();
                recorder.recordValue(Math.max(1, (now - scheduled) / 1000));
            }
            if (closedLoop && now < stopAt) {
                send(now);
            } else {
                idle.add(this);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failed.incrementAndGet();
            ctx.close();
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
