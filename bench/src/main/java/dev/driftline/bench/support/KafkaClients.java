package dev.driftline.bench.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** The Kafka client settings the benchmarks share, spelled once: admin, bulk pre-load producer, read_committed reader. */
public final class KafkaClients {
    private KafkaClients() {
    }

    /** An admin client of the broker. */
    public static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }

    /**
     * A producer for pre-loading a topic before anything is measured: acks=all and idempotent like the services'
     * producers, with large batches and buffer, and a long max.block so a full buffer waits instead of failing.
     */
    public static Properties bulkProducer(String bootstrap, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L << 20));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "120000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return p;
    }

    /**
     * A consumer that sees what a downstream reader of the pipeline sees (read_committed: no aborted or open
     * transactions) and commits nothing; {@code clientId} may be null for Kafka's own.
     */
    public static Properties readCommittedConsumer(String bootstrap, String clientId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (clientId != null) {
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        }
        return p;
    }

    /** Assigns every partition of the topics (no group) and seeks to their beginning; returns the partitions. */
    public static List<TopicPartition> assignFromBeginning(Consumer<?, ?> consumer, List<String> topics) {
        List<TopicPartition> parts = new ArrayList<>();
        for (String t : topics) {
            for (PartitionInfo pi : consumer.partitionsFor(t, Duration.ofSeconds(30))) {
                parts.add(new TopicPartition(t, pi.partition()));
            }
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        return parts;
    }
}
