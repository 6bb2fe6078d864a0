package dev.driftline.system.faults.pipeline;

import dev.driftline.contracts.RecordFormatException;
import dev.driftline.contracts.inference.InferenceRowsCodec;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.testkit.KafkaBroker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A read_committed view of {@code <prefix>inference.records} from the beginning: how many times each
 * {@code inference_id#row} was committed, counting the rows inside each value (one value per inference, holding
 * its rows). Exactly once means every sent row once and nothing else.
 */
public final class CommittedRows implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Integer> seen = new HashMap<>();
    private long count;
    private long lastGrowthNanos = System.nanoTime();

    public CommittedRows(KafkaBroker kafka, String topic) {
        consumer = new KafkaConsumer<>(kafka.consumerProps());
        List<TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
    }

    /** Reads what is committed now (one poll of up to 200 ms). */
    public void poll() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            List<InferenceRecord> rows;
            try {
                rows = InferenceRowsCodec.INSTANCE.decode(r.value());
            } catch (RecordFormatException e) {
                throw new AssertionError("an inference.records value that is not InferenceRowsCodec", e);
            }
            for (InferenceRecord row : rows) {
                seen.merge(row.inferenceId() + "#" + row.row(), 1, Integer::sum);
                count++;
            }
            lastGrowthNanos = System.nanoTime();
        }
    }

    /** Polls for {@code quiet} more, so that nothing committed late is missed. */
    public void drain(Duration quiet) {
        long until = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < until) {
            poll();
        }
    }

    /** Rows committed (a row committed twice counts twice). */
    public long count() {
        return count;
    }

    public long nanosSinceGrowth() {
        return System.nanoTime() - lastGrowthNanos;
    }

    public Map<String, Integer> seen() {
        return seen;
    }

    /** The keys committed more than once, with how often. */
    public Map<String, Integer> duplicates() {
        Map<String, Integer> out = new TreeMap<>();
        seen.forEach((k, v) -> {
            if (v > 1) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
