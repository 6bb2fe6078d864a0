package dev.driftline.system.faults.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.testkit.KafkaBroker;
import java.io.IOException;
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
 * {@code inference_id#row} was committed. Exactly once means every sent row once and nothing else.
 */
public final class CommittedRows implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
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
            JsonNode n;
            try {
                n = JSON.readTree(r.value());
            } catch (IOException e) {
                throw new AssertionError("an inference record that is not JSON", e);
            }
            seen.merge(n.path("inference_id").asText() + "#" + n.path("row").asInt(), 1, Integer::sum);
            count++;
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
