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
 * The traffic of phase D: inferences at {@code --latency-rate} per second from a background thread, event time =
 * now, with the staggered shift of the window ({@link PipelineEvents#shiftSchedule}), until closed.
 */
final class LiveTraffic implements AutoCloseable {
    final AtomicLong sent = new AtomicLong();
    final AtomicReference<Exception> failure = new AtomicReference<>();
    final long startMs = System.currentTimeMillis();
    private final KafkaProducer<byte[], byte[]> producer;
    private final Thread thread;
    private volatile boolean running = true;

    LiveTraffic(PipelineRun run, PipelineEvents gen, String topic, long windowMs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, run.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "driftline-bench-live");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        int rate = run.options().latencyRate();
        int features = run.options().features();
        thread = new Thread(() -> {
            try {
                while (running) {
                    long now = System.currentTimeMillis();
                    long due = (now - startMs) * rate / 1000;
                    while (sent.get() < due) {
                        Instant t = Instant.ofEpochMilli(now);
                        boolean[] shifted = PipelineEvents.shiftSchedule(Math.floorDiv(now, windowMs), features);
                        PipelineEvents.Inference inf = gen.next("live-" + run.id() + "-" + sent.get(), t, shifted);
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
