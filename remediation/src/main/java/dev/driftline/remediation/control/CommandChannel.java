package dev.driftline.remediation.control;

import dev.driftline.contracts.Topics;
import dev.driftline.contracts.remediation.RemediationCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API's Kafka side: finds episodes on the episodes topic (a plain consumer, no group, read_committed,
 * as the CLI reads it) and writes commands with an idempotent {@code acks=all} producer, returning only once the
 * broker has acknowledged every record. Every wait is bounded by {@code timeout}; a call that runs out of it is
 * {@link Unavailable}. The clients are made on first use (a service whose API is off never opens them) and calls
 * are serialised: operators' commands are rare, and a consumer is not for threads.
 */
public final class CommandChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandChannel.class);
    private final String servers;
    private final Properties client;
    private final Topics topics;
    private final Duration timeout;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;

    /** Kafka did not answer (or refused) within the timeout: nothing is known to be written. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public CommandChannel(String servers, Properties kafka, Topics topics, Duration timeout) {
        this.servers = servers;
        this.topics = topics;
        this.timeout = timeout;
        client = new Properties();
        client.putAll(kafka);
        client.put("bootstrap.servers", servers);
        client.put("client.id", "driftline-remediation-control-api");
    }

    /** Every model's latest episode as of now, read from the start of the episodes topic to its end. */
    public synchronized EpisodeIndex episodes() {
        String topic = topics.remediationEpisodes.name();
        try {
            KafkaConsumer<String, byte[]> c = consumer();
            List<PartitionInfo> infos = c.partitionsFor(topic, timeout);
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo i : infos == null ? List.<PartitionInfo>of() : infos) {
                parts.add(new TopicPartition(topic, i.partition()));
            }
            c.assign(parts);
            EpisodeIndex index = new EpisodeIndex(LOG::warn);
            if (parts.isEmpty()) {
                return index;
            }
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp, timeout) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new Unavailable("could not read " + topic + " to its end within " + timeout.toMillis()
                            + " ms (Kafka at " + servers + ")", null);
                }
                c.poll(Duration.ofMillis(200)).forEach(index::accept);
            }
            return index;
        } catch (KafkaException e) {
            throw new Unavailable("cannot read " + topic + " from Kafka at " + servers + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code command} (one record keyed by its model, or one per partition for every model) and waits for
     * the broker's acknowledgement of each.
     *
     * @return the partitions written to
     */
    public synchronized List<Integer> send(RemediationCommand command) {
        String topic = topics.remediationCommands.name();
        try {
            KafkaProducer<String, byte[]> p = producer();
            int partitions = p.partitionsFor(topic).size();
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (ProducerRecord<String, byte[]> r : OperatorCommands.records(topic, partitions, command)) {
                acks.add(p.send(r));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            List<Integer> written = new ArrayList<>();
            for (Future<RecordMetadata> a : acks) {
                long left = Math.max(0, deadline - System.nanoTime());
                written.add(a.get(left, TimeUnit.NANOSECONDS).partition());
            }
            return written;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new Unavailable("Kafka at " + servers + " did not acknowledge the command within "
                    + timeout.toMillis() + " ms; it may or may not take effect", e);
        } catch (ExecutionException e) {
            throw new Unavailable("Kafka at " + servers + " refused the command: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while writing to " + topic, e);
        } catch (KafkaException e) {
            throw new Unavailable("cannot write to " + topic + " on Kafka at " + servers + ": " + e.getMessage(), e);
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        if (consumer == null) {
            Properties c = new Properties();
            c.putAll(client);
            c.remove(ConsumerConfig.GROUP_ID_CONFIG); // a shared kafka.group.id must not make this a group member
            c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // the service writes in transactions
            c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
            c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
            consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        }
        return consumer;
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.putAll(client);
            p.remove("transactional.id"); // kafka.* may carry streams-oriented settings; commands are not transactional
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
            // the producer gives up a little after the caller stopped waiting (delivery must cover linger + request)
            long request = Math.max(100, Math.min(timeout.toMillis() / 2, 30_000));
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(request));
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis() + 1000));
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
