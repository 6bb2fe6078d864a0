package dev.driftline.bench.sink;

import dev.driftline.bench.support.KafkaClients;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The input of {@code driftline bench sink}, before anything is timed: {@link SinkRecords} produced to the topic,
 * and the very same records again (same seed) with the partition and offset each got, as the JSON-lines file
 * DuckDB loads — so the sink and the reference write the same rows.
 */
final class SinkPreload {
    /** What was produced: source bytes (key + value) and each record's partition and offset, by index. */
    record Produced(long sourceBytes, int[] partitions, long[] offsets, double seconds) {
    }

    private final String bootstrap;

    SinkPreload(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Produces {@code n} records of {@code gen} to {@code topic} and remembers where each landed. */
    Produced produce(String topic, SinkRecords gen, long n) throws Exception {
        int[] partitions = new int[Math.toIntExact(n)];
        long[] offsets = new long[partitions.length];
        AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaClients.bulkProducer(bootstrap, "driftline-bench-sink-preload"), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < partitions.length && failure.get() == null; i++) {
                SinkRecords.Generated g = gen.next();
                bytes += g.key().length + g.value().length;
                int index = i;
                producer.send(new ProducerRecord<>(topic, null, g.timestamp(), g.key(), g.value()), (m, e) -> {
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
        return new Produced(bytes, partitions, offsets, (System.nanoTime() - t0) / 1e9);
    }

    /** The records again (same seed), each with the partition and offset it got, as DuckDB's input. */
    static void writeJsonLines(Path file, SinkRecords gen, Produced produced) throws Exception {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int i = 0; i < produced.partitions().length; i++) {
                SinkRecords.Generated g = gen.next();
                out.write(SinkRecords.jsonLine(g.value(), produced.partitions()[i], produced.offsets()[i],
                        g.timestamp()));
                out.write('\n');
            }
        }
    }
}
