package dev.driftline.bench.support;

import dev.driftline.contracts.Topics;
import dev.driftline.contracts.kafka.PartitionsReady;
import dev.driftline.streams.app.TopicCreator;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Creating the benchmarks' topics, reading their end offsets, and starting a consumer group at them. */
public final class KafkaTopics {
    private KafkaTopics() {
    }

    /**
     * Creates the missing topics of a prefix as the services declare them and waits until every partition has a
     * leader that answers: producing at once into a partition whose leadership has not settled can leave an
     * idempotent producer retrying a batch forever.
     */
    public static void ensureReady(Admin admin, Topics topics) throws Exception {
        TopicCreator.ensure(admin, topics, Optional.empty());
        awaitLeaders(admin, topics.all().stream().map(t -> t.name()).toList());
    }

    /** Waits (60 s at most) until every partition of {@code names} has a leader that answers. */
    public static void awaitLeaders(Admin admin, List<String> names) throws Exception {
        PartitionsReady.await(admin, names, Duration.ofSeconds(60));
    }

    /** Creates new topics (replication 1); refuses when one exists, since its records would be measured too. */
    public static void createNew(Admin admin, List<String> names, int partitions) throws Exception {
        var existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
        for (String t : names) {
            if (existing.contains(t)) {
                throw new IllegalStateException("topic " + t + " exists; use another --topic-prefix");
            }
        }
        admin.createTopics(names.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList())
                .all().get(60, TimeUnit.SECONDS);
        awaitLeaders(admin, names);
    }

    /** The topic's end offsets as a read_committed consumer sees them, by partition (sorted). */
    public static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> req = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(pi -> req.put(new TopicPartition(topic, pi.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        admin.listOffsets(req, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /** Records in the topic: the sum of its end offsets (the benchmarks' topics start empty). */
    public static long total(Map<TopicPartition, Long> endOffsets) {
        return endOffsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Commits, for consumer group {@code group} (an application id not started yet), the end offsets of
     * {@code topics}: the application then reads only what is written to them after this, as if it had been running
     * all along. The topics must exist.
     */
    public static void startGroupAtEnd(Admin admin, String group, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (String topic : topics) {
            endOffsets(admin, topic).forEach((tp, end) -> offsets.put(tp, new OffsetAndMetadata(end)));
        }
        admin.alterConsumerGroupOffsets(group, offsets).all().get(30, TimeUnit.SECONDS);
    }
}
