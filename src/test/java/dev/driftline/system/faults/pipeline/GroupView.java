package dev.driftline.system.faults.pipeline;

import dev.driftline.testkit.KafkaBroker;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the broker says about a consumer group (a Kafka Streams application id): which member's client reads which
 * partitions of a topic, and the committed offsets — how a test sees a take-over from outside the processes.
 */
public final class GroupView {
    private static final String THREAD = "-StreamThread-";

    private GroupView() {
    }

    /**
     * instance → partitions of {@code topic} assigned to it (empty map while the group rebalances). An instance is
     * the {@code client.id} a {@code driftline streams} process was given: each of its stream threads joins the
     * group as its own member ({@code <client.id>-StreamThread-<n>-consumer}), so members are folded by that prefix.
     */
    public static Map<String, TreeSet<Integer>> assignment(KafkaBroker kafka, String group, String topic) {
        Map<String, TreeSet<Integer>> out = new TreeMap<>();
        try {
            ConsumerGroupDescription d = kafka.admin().describeConsumerGroups(java.util.List.of(group))
                    .describedGroups().get(group).get(30, TimeUnit.SECONDS);
            for (MemberDescription m : d.members()) {
                TreeSet<Integer> ps = new TreeSet<>();
                for (TopicPartition tp : m.assignment().topicPartitions()) {
                    if (tp.topic().equals(topic)) {
                        ps.add(tp.partition());
                    }
                }
                if (!ps.isEmpty()) {
                    out.computeIfAbsent(instanceOf(m.clientId()), k -> new TreeSet<>()).addAll(ps);
                }
            }
        } catch (Exception e) {
            // the group is being described mid-rebalance or the broker is slow: nothing known
        }
        return out;
    }

    /** The instance a member's client id belongs to: the part before {@code -StreamThread-}, else the id. */
    static String instanceOf(String clientId) {
        int at = clientId.indexOf(THREAD);
        return at < 0 ? clientId : clientId.substring(0, at);
    }

    /** partition → committed offset of {@code topic} in {@code group} (absent when none yet). */
    public static Map<Integer, Long> committed(KafkaBroker kafka, String group, String topic) {
        Map<Integer, Long> out = new TreeMap<>();
        try {
            Map<TopicPartition, OffsetAndMetadata> m = kafka.admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            m.forEach((tp, o) -> {
                if (tp.topic().equals(topic) && o != null) {
                    out.put(tp.partition(), o.offset());
                }
            });
        } catch (Exception e) {
            // nothing known this time
        }
        return out;
    }
}
