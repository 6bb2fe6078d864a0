package dev.driftline.cli;

import dev.driftline.contracts.Topics;
import dev.driftline.streams.app.TopicCreator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The import checkpoint: which objects an import (named by its checkpoint id) has fully published. It lives on a
 * compacted Kafka topic ({@code <prefix>import.checkpoints}, key {@code <checkpoint id>|<object>}) and is written
 * <em>inside the same transaction</em> as the object's records, so "the object's records are visible" and "the
 * object is checkpointed" are one atomic fact: there is no moment where one is true and the other not, whatever
 * instant the process dies at.
 */
final class ImportCheckpoints {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final String bootstrapServers;
    private final String topic;
    private final String checkpointId;

    private final Topics topics;

    ImportCheckpoints(String bootstrapServers, Topics topics, String checkpointId) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.topic = topics.importCheckpoints.name();
        this.checkpointId = checkpointId;
    }

    /** The record that marks {@code object} done; its value is a one-line JSON summary for whoever looks. */
    ProducerRecord<byte[], byte[]> done(String object, long lines, long records, Instant at) {
        String summary = "{\"object\":" + json(object) + ",\"lines\":" + lines + ",\"records\":" + records
                + ",\"at\":\"" + at + "\"}";
        return new ProducerRecord<>(topic, key(object), summary.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Creates every driftline topic that is missing, as declared (partitions, compaction, retention): the events and
     * labels topics too, so an import run before the streaming jobs never leaves them to the broker's auto-creation,
     * whose partition count would break the co-partitioning of labels and predictions.
     */
    void ensureTopic() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            TopicCreator.ensure(admin, topics, Optional.empty());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + TIMEOUT);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot create the driftline topics: " + e.getMessage(), e);
        }
    }

    /**
     * The objects checkpointed so far. Call it only after the import's producer has run {@code initTransactions()}:
     * that aborts a transaction a killed predecessor left open, so nothing of ours is still undecided. Reads
     * committed records up to the log end as it is now, waiting (up to a minute) for other importers' open
     * transactions below it to end — the committed end stops at the first open transaction, and a record of ours
     * committed after it must not be missed.
     */
    Set<String> read() throws InterruptedException {
        TopicPartition tp = new TopicPartition(topic, 0);
        long end;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            end = admin.listOffsets(Map.of(tp, OffsetSpec.latest()),
                            new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).partitionResult(tp)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).offset();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end of " + topic + ": " + e.getMessage(), e);
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Set<String> done = new HashSet<>();
        String mine = checkpointId + "|";
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (c.position(tp) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + ": an open transaction below offset " + end
                            + " did not end within " + TIMEOUT + "; is another import still running?");
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    String k = new String(r.key(), StandardCharsets.UTF_8);
                    if (k.startsWith(mine) && r.value() != null) {
                        done.add(k.substring(mine.length()));
                    }
                }
            }
        }
        return done;
    }

    private byte[] key(String object) {
        return (checkpointId + "|" + object).getBytes(StandardCharsets.UTF_8);
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
