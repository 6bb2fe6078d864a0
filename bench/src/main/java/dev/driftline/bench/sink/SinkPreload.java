package dev.driftline.bench.sink;

import dev.driftline.bench.support.KafkaClients;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The input of {@code driftline bench sink}, before anything is timed: {@link SinkTopicRecords} produced to the
 * topic, and the very same rows again (same seed) with the partition and offset of the record each went out in, as
 * the JSON-lines file DuckDB loads — so the sink and the reference write the same rows.
 */
final class SinkPreload {
    /**
     * What was produced: source bytes (key + value), Kafka records and rows, and each record's partition and
     * offset, by index.
     */
    record Produced(long sourceBytes, long records, long rows, int[] partitions, long[] offsets, double seconds) {
    }

    private final String bootstrap;

    SinkPreload(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Produces every record of {@code gen} to {@code topic} and remembers where each landed. */
    Produced produce(String topic, SinkTopicRecords gen, long rows) throws Exception {
        int[] partitions = new int[Math.toIntExact(rows)]; // a record holds at least one row
        long[] offsets = new long[partitions.length];
        AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        int records = 0;
        long produced = 0;
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaClients.bulkProducer(bootstrap, "driftline-bench-sink-preload"), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            while (gen.hasNext() && failure.get() == null) {
                SinkTopicRecords.Out r = gen.next();
                bytes += r.key().length + r.value().length;
                produced += r.rows().size();
                int index = records++;
                producer.send(new ProducerRecord<>(topic, null, r.timestamp(), r.key(), r.value()), (m, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        partitions[index] = m.partition();
                        offsets[index] = m.offset();
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("producing failed: " + failure.get().getMessage(), failure.get());
        }
        if (produced != rows) {
            throw new IllegalStateException("produced " + produced + " rows, expected " + rows);
        }
        return new Produced(bytes, records, produced, Arrays.copyOf(partitions, records),
                Arrays.copyOf(offsets, records), (System.nanoTime() - t0) / 1e9);
    }

    /** The rows again (same seed), each with the partition and offset of its record, as DuckDB's input. */
    static void writeJsonLines(Path file, SinkTopicRecords gen, Produced produced) throws Exception {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int i = 0; i < produced.records(); i++) {
                SinkTopicRecords.Out r = gen.next();
                for (SinkRecords.Generated row : r.rows()) {
                    out.write(gen.jsonLine(row, produced.partitions()[i], produced.offsets()[i], r.timestamp()));
                    out.write('\n');
                }
            }
        }
    }
}
