package dev.driftline.bench.ingest;

import dev.driftline.collector.CloudEvent;
import dev.driftline.collector.CollectorSettings;
import dev.driftline.collector.EventRecords;
import dev.driftline.collector.KafkaEventPublisher;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The Kafka ceiling: Apache Kafka's producer alone, with the collector's exact producer settings, record shape
 * (key, ce_* headers, payload) and broker, sending as fast as it can. Back-pressure is the producer's own
 * buffer.memory, as for the collector.
 */
final class RawProducerBench {
    private RawProducerBench() {
    }

    static double eventsPerSecond(CollectorSettings settings, KServeEvents events, Duration warmup, Duration duration) {
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(settings))) {
            AtomicLong acked = new AtomicLong();
            long warmEnd = System.nanoTime() + warmup.toNanos();
            long end = warmEnd + duration.toNanos();
            long countedFrom = -1;
            long n = 0;
            while (System.nanoTime() < end) {
                if (countedFrom < 0 && System.nanoTime() >= warmEnd) {
                    countedFrom = acked.get();
                }
                producer.send(EventRecords.toRecord(settings.eventsTopic(), event(n, events)), (m, e) -> {
                    if (e == null) {
                        acked.incrementAndGet();
                    }
                });
                n++;
            }
            long atEnd = acked.get();
            producer.flush();
            return (atEnd - Math.max(0, countedFrom)) / (duration.toNanos() / 1e9);
        }
    }

    private static java.util.Properties producerProps(CollectorSettings settings) {
        java.util.Properties p = KafkaEventPublisher.producerProperties(settings);
        p.put("client.id", "driftline-bench-raw-producer");
        p.put("max.block.ms", "60000"); // the raw producer may block on a full buffer: that is its back-pressure
        return p;
    }

    /** Event n with the attributes the load generator sends the collector (see LoadGenerator's headers). */
    static CloudEvent event(long n, KServeEvents events) {
        return KServeEvents.cloudEvent(KServeEvents.id(n), KServeEvents.type(n), "http://localhost:9081/",
                "2026-11-21T12:00:00Z", "bench", events.body(n));
    }
}
