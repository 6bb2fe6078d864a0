package dev.driftline.bench.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Live traffic: inferences at a fixed rate from a background thread, event time = now, with the staggered shift of
 * the window ({@link PipelineEvents#shiftSchedule}), until closed. Phase D sends one model's at {@code
 * --latency-rate}; the sustained phase sends every model's ({@link PipelineTraffic}) at its own rate.
 */
final class LiveTraffic implements AutoCloseable {
    final AtomicLong sent = new AtomicLong();
    final AtomicReference<Exception> failure = new AtomicReference<>();
    final long startMs = System.currentTimeMillis();
    private final KafkaProducer<byte[], byte[]> producer;
    private final Thread thread;
    private volatile boolean running = true;

    LiveTraffic(PipelineRun run, PipelineEvents gen, String topic, long windowMs) {
        this(run, i -> gen, topic, windowMs, run.options().latencyRate(), "live", "driftline-bench-live");
    }

    /** {@code rate} inferences/s; inference {@code i} is drawn by {@code gens.apply(i)}. */
    LiveTraffic(PipelineRun run, java.util.function.LongFunction<PipelineEvents> gens, String topic, long windowMs,
                double rate, String idPrefix, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, run.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        int features = run.options().features();
        thread = new Thread(() -> {
            try {
                while (running) {
                    long now = System.currentTimeMillis();
                    long due = (long) ((now - startMs) * rate / 1000);
                    while (sent.get() < due) {
                        Instant t = Instant.ofEpochMilli(now);
                        boolean[] shifted = PipelineEvents.shiftSchedule(Math.floorDiv(now, windowMs), features);
                        PipelineEvents gen = gens.apply(sent.get());
                        PipelineEvents.Inference inf = gen.next(idPrefix + "-" + run.id() + "-" + sent.get(), t,
                                shifted);
                        for (ProducerRecord<byte[], byte[]> rec : gen.records(topic, inf)) {
                            producer.send(rec, (m, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                }
                            });
                        }
                        sent.incrementAndGet();
                    }
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }, "bench-live-traffic");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
        producer.close(Duration.ofSeconds(10));
    }
}
