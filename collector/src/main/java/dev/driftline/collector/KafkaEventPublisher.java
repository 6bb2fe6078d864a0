package dev.driftline.collector;

import dev.driftline.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records with an idempotent, acks=all producer and reports when Kafka acknowledged all of them.
 *
 * <p>{@code send()} is called on the HTTP event loop: a thread hop per request costs more latency than the send
 * itself on a small machine. It cannot block for long: the topic's metadata is fetched before the collector
 * reports ready and kept (no idle expiry), and when the producer's buffer is nearly full the request fails fast
 * (the HTTP layer answers 503) instead of blocking; {@code max.block.ms} (= the ack timeout) bounds the rest.
 * Memory is bounded by {@code buffer.memory}.
 */
public final class KafkaEventPublisher implements AutoCloseable {
    /** Raised instead of blocking when the producer's buffer cannot take the records now. */
    public static final class BufferFullException extends RuntimeException {
        BufferFullException(long available) {
            super("producer buffer nearly full (" + available + " bytes free)", null, false, false);
        }
    }

    private final Producer<byte[], byte[]> producer;
    private final Metric bufferAvailable;

    public KafkaEventPublisher(Producer<byte[], byte[]> producer) {
        this.producer = producer;
        this.bufferAvailable = find(producer.metrics(), "buffer-available-bytes");
    }

    private static Metric find(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream().filter(e -> e.getKey().name().equals(name)
                && e.getKey().group().equals("producer-metrics")).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** Producer settings the delivery guarantee depends on; user {@code kafka.*} properties may tune the rest. */
    public static Properties producerProperties(CollectorSettings s) {
        Properties p = new Properties();
        // 1 ms: KServe's logger waits on our answer, so no long linger; but not 0 either, which sends one tiny
        // produce request per event at moderate rates (bench ingest here at 10k events/s: p99 8.5 ms with 1 ms,
        // 200 ms with 0, from the broker's extra load).
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "driftline-collector");
        // bodies up to collector.max-body-size (10 MiB) are accepted: Kafka's default 1 MiB would refuse them
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(Topics.MAX_RECORD_BYTES));
        p.putAll(s.kafkaProperties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        // Not overridable: an acked event must never be lost or duplicated by producer retries.
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // A send may block this long at most (metadata, full buffer); the HTTP answer is bounded by ack-timeout.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Math.max(1, s.ackTimeout().toMillis())));
        // Keep the events topic's metadata even through quiet hours, so a send never waits for a metadata fetch.
        p.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, Long.toString(Duration.ofDays(1).toMillis()));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    public static KafkaEventPublisher create(CollectorSettings s) {
        return new KafkaEventPublisher(new KafkaProducer<>(producerProperties(s)));
    }

    public Producer<byte[], byte[]> producer() {
        return producer;
    }

    /** Fetches the topic's metadata (blocking, bounded by max.block.ms); called off the event loop. */
    public void warmUp(String topic) {
        producer.partitionsFor(topic);
    }

    /** Completes when every record is acknowledged; fails on the first error or when the buffer is full. */
    public CompletableFuture<Void> publish(List<ProducerRecord<byte[], byte[]>> records) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (records.isEmpty()) {
            done.complete(null);
            return done;
        }
        long needed = 0;
        for (ProducerRecord<byte[], byte[]> r : records) {
            needed += 2L * (r.value() == null ? 0 : r.value().length) + 1024; // headroom for key, headers, batch
        }
        if (bufferAvailable != null) {
            long available = (long) ((Number) bufferAvailable.metricValue()).doubleValue();
            if (available < needed) {
                done.completeExceptionally(new BufferFullException(available));
                return done;
            }
        }
        AtomicInteger pending = new AtomicInteger(records.size());
        for (ProducerRecord<byte[], byte[]> r : records) {
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
                break; // do not send the rest of a batch whose earlier record failed
            }
        }
        return done;
    }

    /** Sends what is buffered and closes, waiting at most {@code timeout}. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    public void close(Duration timeout) {
        producer.close(timeout);
    }
}
