package dev.driftline.collector;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records with an idempotent, acks=all producer and reports when Kafka acknowledged all of them.
 *
 * <p>{@code send()} can block (metadata refresh, full buffer) for up to {@code max.block.ms}, so it never runs on
 * an HTTP event-loop thread: a small pool with a bounded queue calls it, and a full queue fails fast, which the
 * HTTP layer turns into 503. Memory is bounded by {@code buffer.memory} plus that queue.
 */
public final class KafkaEventPublisher implements AutoCloseable {
    private final Producer<byte[], byte[]> producer;
    private final ThreadPoolExecutor sender;

    public KafkaEventPublisher(Producer<byte[], byte[]> producer, int threads, int queueCapacity) {
        this.producer = producer;
        AtomicInteger n = new AtomicInteger();
        this.sender = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> {
                    Thread t = new Thread(r, "collector-send-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Producer settings the delivery guarantee depends on; user {@code kafka.*} properties may tune the rest. */
    public static Properties producerProperties(CollectorSettings s) {
        Properties p = new Properties();
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2"); // small batches: latency matters, KServe waits on us
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "driftline-collector");
        p.putAll(s.kafkaProperties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        // Not overridable: an acked event must never be lost or duplicated by producer retries.
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // A send may block this long at most (metadata, full buffer); the HTTP answer is bounded by ack-timeout.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Math.max(1, s.ackTimeout().toMillis())));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    public static KafkaEventPublisher create(CollectorSettings s) {
        return new KafkaEventPublisher(new KafkaProducer<>(producerProperties(s)), 2, 8192);
    }

    public Producer<byte[], byte[]> producer() {
        return producer;
    }

    /** Completes when every record is acknowledged; fails on the first error or when the send queue is full. */
    public CompletableFuture<Void> publish(List<ProducerRecord<byte[], byte[]>> records) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(records.size());
        if (records.isEmpty()) {
            done.complete(null);
            return done;
        }
        try {
            sender.execute(() -> {
                for (ProducerRecord<byte[], byte[]> r : records) {
                    if (done.isDone()) {
                        return; // an earlier record failed: do not keep sending the rest of the batch
                    }
                    try {
                        producer.send(r, (meta, err) -> {
                            if (err != null) {
                                done.completeExceptionally(err);
                            } else if (pending.decrementAndGet() == 0) {
                                done.complete(null);
                            }
                        });
                    } catch (RuntimeException e) {
                        done.completeExceptionally(e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Flushes what was accepted, then closes; waits at most {@code timeout}. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    public void close(Duration timeout) {
        sender.shutdown();
        try {
            sender.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(timeout); // sends what is buffered, waiting at most timeout
    }
}
