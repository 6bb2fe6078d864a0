package dev.driftline.system;

import dev.driftline.contracts.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A topic's committed contents (read_committed, from the beginning up to the end offsets at the call), read with a
 * fresh group-less consumer and decoded with the topic's own serde from {@code contracts}.
 */
public final class TopicContents {
    private TopicContents() {
    }

    /** Every committed record of {@code topic}, raw. */
    public static List<ConsumerRecord<byte[], byte[]>> raw(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end + " in 2 min");
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    /** Every committed value of {@code topic}, decoded by its serde. */
    public static <V> List<V> values(String bootstrap, Topic<?, V> topic) {
        List<V> out = new ArrayList<>();
        try (var d = topic.valueSerde().deserializer()) {
            for (ConsumerRecord<byte[], byte[]> r : raw(bootstrap, topic.name())) {
                out.add(d.deserialize(topic.name(), r.headers(), r.value()));
            }
        }
        return out;
    }

    /** Committed records in {@code topic}. */
    public static long count(String bootstrap, String topic) {
        return raw(bootstrap, topic).size();
    }
}
