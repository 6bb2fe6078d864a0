package dev.driftline.remediation.it;

import dev.driftline.contracts.Topic;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.testkit.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Follows the events topic with one open consumer (committed records only), so a test sees transitions at once. */
final class EventWatcher implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Topic<String, EpisodeEvent> topic;

    EventWatcher(KafkaBroker broker, Topic<String, EpisodeEvent> topic) {
        this.topic = topic;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = consumer.partitionsFor(topic.name()).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
    }

    /** What arrived since the last call, in event-time order. */
    List<EpisodeEvent> poll() {
        List<EpisodeEvent> out = new ArrayList<>();
        consumer.poll(Duration.ofMillis(100)).forEach(r -> out.add(
                topic.valueSerde().deserializer().deserialize(r.topic(), r.value())));
        out.sort(Comparator.comparingLong(EpisodeEvent::at));
        return out;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
