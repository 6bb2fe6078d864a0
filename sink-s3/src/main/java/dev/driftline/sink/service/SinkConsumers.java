package dev.driftline.sink.service;

import dev.driftline.sink.LakeTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The sink's consumer settings and topic → table map. */
public final class SinkConsumers {
    private SinkConsumers() {
    }

    /**
     * Consumer properties: the given client properties first, then what exactly-once needs and users may not
     * change: manual commits, {@code read_committed} (the pipeline writes its topics in transactions; aborted
     * records must not reach the lake), byte-array deserializers, no topic auto-creation; {@code auto.offset.reset=earliest} and a 10-minute
     * {@code max.poll.interval.ms} (a large upload may take a while) unless given.
     */
    public static Properties properties(String bootstrapServers, String groupId, Properties clientProperties) {
        Properties p = new Properties();
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "600000");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        p.putAll(clientProperties);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // the sink only reads: subscribing a topic the streaming jobs have not created yet (labels, remediation
        // events) must not let a broker with auto.create.topics.enable make it with its default partition count,
        // which would break the labels/inference co-partitioning the streams' join relies on
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /** Topic ({@code prefix} + the table's topic suffix) → table, for the chosen tables. */
    public static Map<String, LakeTable> topics(String prefix, Set<LakeTable> tables) {
        Map<String, LakeTable> m = new LinkedHashMap<>();
        for (LakeTable t : LakeTable.values()) {
            if (tables.contains(t)) {
                m.put(t.topic(prefix), t);
            }
        }
        return m;
    }
}
