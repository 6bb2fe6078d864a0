package dev.driftline.cli;

import dev.driftline.contracts.Topics;
import dev.driftline.config.UserInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The remediation topics as {@code driftline remediation status|history|approve|...} use them: a plain consumer
 * (no group, nothing committed: reading must not disturb the service) and, for the commands, an idempotent
 * producer. Both carry the {@code kafka.*} / {@code KAFKA_*} properties, so SASL/TLS is Kafka's as for every other
 * command. Every wait is bounded, and a broker that does not answer becomes one sentence naming it.
 */
final class RemediationKafka implements AutoCloseable {
    private final String servers;
    private final Properties client;
    private final Topics topics;
    private final Duration timeout;
    private final KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;

    RemediationKafka(String servers, Properties kafka, Topics topics, Duration timeout) {
        this.servers = servers;
        this.topics = topics;
        this.timeout = timeout;
        client = new Properties();
        client.putAll(kafka);
        client.put("bootstrap.servers", servers);
        client.putIfAbsent("client.id", "driftline-remediation-cli");
        Properties c = new Properties();
        c.putAll(client);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG); // a shared kafka.group.id must not make this a group member
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // the service writes episodes and events in transactions: aborted ones never happened
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // asking for a missing topic must not create it with the broker's defaults (wrong partitions, not compacted)
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        consumer = create(() -> new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer()));
    }

    Topics topics() {
        return topics;
    }

    String servers() {
        return servers;
    }

    /** The number of partitions of {@code topic}; 0 when it does not exist. */
    int partitions(String topic) {
        List<PartitionInfo> infos = call(() -> consumer.partitionsFor(topic, timeout), "read the metadata of " + topic);
        return infos == null ? 0 : infos.size();
    }

    /**
     * Every committed record of {@code topic} from its beginning to its end as of now, in offset order per partition;
     * empty when the topic does not exist. The consumer stays assigned at the end, so {@link #poll} then returns what
     * is written afterwards.
     */
    List<ConsumerRecord<String, byte[]>> readToEnd(String topic) {
        int n = partitions(topic);
        List<TopicPartition> parts = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            parts.add(new TopicPartition(topic, p));
        }
        consumer.assign(parts);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        if (parts.isEmpty()) {
            return out;
        }
        consumer.seekToBeginning(parts);
        Map<TopicPartition, Long> end = call(() -> consumer.endOffsets(parts, timeout), "read the end of " + topic);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (call(() -> parts.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp)),
                "read " + topic)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " to its end within "
                        + seconds(timeout) + " (Kafka at " + servers + ")");
            }
            call(() -> consumer.poll(Duration.ofMillis(200)), "read " + topic).forEach(out::add);
        }
        return out;
    }

    /** What arrived on the assigned topic since the last read, waiting up to {@code wait}. */
    List<ConsumerRecord<String, byte[]>> poll(Duration wait) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        call(() -> consumer.poll(wait), "read").forEach(out::add);
        return out;
    }

    /** Writes one record and waits for the broker's acknowledgement (acks=all). */
    RecordMetadata send(ProducerRecord<String, byte[]> record) {
        if (producer == null) {
            Properties p = new Properties();
            p.putAll(client);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
            producer = create(() -> new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer()));
        }
        try {
            return producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | TimeoutException e) {
            throw unreachable(servers, timeout, e);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), "write to " + record.topic());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + record.topic());
        } catch (KafkaException e) {
            throw failure(e, "write to " + record.topic());
        }
    }

    /** The one message for a broker that does not answer, shared with the service command. */
    static IllegalStateException unreachable(String servers, Duration within, Exception cause) {
        return new IllegalStateException("could not reach Kafka at " + servers + " within " + seconds(within)
                + " (is it running and reachable from here? TLS/SASL settings go in kafka.* keys of --config or"
                + " KAFKA_* variables)", cause);
    }

    private RuntimeException failure(Throwable e, String what) {
        if (e instanceof TimeoutException) {
            return unreachable(servers, timeout, (Exception) e);
        }
        if (e instanceof AuthenticationException) {
            return new IllegalStateException("Kafka at " + servers + " refused the credentials: " + e.getMessage(), e);
        }
        if (e instanceof AuthorizationException) {
            return new IllegalStateException("not allowed to " + what + " on Kafka at " + servers + ": "
                    + e.getMessage(), e);
        }
        return new IllegalStateException("cannot " + what + " on Kafka at " + servers + ": " + e.getMessage(), e);
    }

    private <T> T call(java.util.function.Supplier<T> action, String what) {
        try {
            return action.get();
        } catch (KafkaException e) {
            throw failure(e, what);
        }
    }

    /** A client the kafka.* properties cannot make (bad value, unresolvable host) is the user's to fix: exit 2. */
    private <T> T create(java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (KafkaException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new UserInputException("cannot connect to Kafka at " + servers + ": " + root.getMessage());
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        consumer.close(Duration.ofSeconds(5));
    }
}
