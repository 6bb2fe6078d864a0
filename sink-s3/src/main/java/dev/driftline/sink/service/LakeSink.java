package dev.driftline.sink.service;

import dev.driftline.sink.LakeTable;
import dev.driftline.sink.rows.BadRecordException;
import dev.driftline.sink.rows.DeadLetterRows;
import dev.driftline.sink.rows.LakeRow;
import dev.driftline.sink.rows.SourceRecord;
import dev.driftline.sink.rows.TableRows;
import dev.driftline.sink.write.LakeStore;
import dev.driftline.sink.write.ParquetSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink: reads the driftline topics and writes their rows into the lake, exactly once, the Kafka Connect S3 sink
 * way. Per topic partition it keeps one {@link PartitionBatch}; when the batch is full ({@link Rotation}) its files
 * are written and made visible, and only then is the partition's offset committed (synchronously, so at most one
 * batch per partition is ever uncommitted). After a crash the consumer resumes at the committed offset and writes
 * the same keys again, which replaces whatever the crashed run had made visible; unfinished multipart uploads and
 * temporary files are cleaned when the partition is assigned. A record that cannot become rows goes to
 * {@code dead_letters} with the reason; a failed upload is retried from the batch's first offset with back-off.
 *
 * <p>Runs on the calling thread ({@link #run}) until {@link #stop}; stopping writes the open batches first.
 */
public final class LakeSink implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LakeSink.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofMinutes(1);

    private final Consumer<byte[], byte[]> consumer;
    private final LakeStore store;
    private final Rotation rotation;
    private final ParquetSettings parquet;
    private final SinkMetrics metrics;
    private final Clock clock;
    private final Map<String, LakeTable> tableOfTopic = new HashMap<>();
    private final Map<LakeTable, TableRows> mappers = new HashMap<>();
    private final Map<TopicPartition, PartitionBatch> batches = new HashMap<>();
    private final Map<TopicPartition, Long> retryAt = new HashMap<>();
    private final Map<TopicPartition, Duration> backoff = new HashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;

    /**
     * @param consumer a consumer with {@code enable.auto.commit=false} and {@code isolation.level=read_committed}
     *                 ({@link SinkConsumers#properties}); the sink subscribes it and closes it at the end
     * @param topics   topic name → the table it fills
     */
    public LakeSink(Consumer<byte[], byte[]> consumer, LakeStore store, Map<String, LakeTable> topics,
            Rotation rotation, ParquetSettings parquet, SinkMetrics metrics, Clock clock) {
        this.consumer = consumer;
        this.store = store;
        this.rotation = rotation;
        this.parquet = parquet;
        this.metrics = metrics;
        this.clock = clock;
        this.tableOfTopic.putAll(topics);
        topics.values().forEach(t -> mappers.put(t, TableRows.of(t)));
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(tableOfTopic.keySet(), new Rebalance());
            LOG.info("sink writing {} to {}", tableOfTopic.keySet(), store.describe());
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> polled;
                try {
                    polled = consumer.poll(POLL);
                } catch (WakeupException e) {
                    if (stopping) {
                        break;
                    }
                    throw e;
                }
                process(polled);
                closeOldBatches();
                resumeRetries();
            }
            flushAll();
        } finally {
            batches.values().forEach(PartitionBatch::abort);
            batches.clear();
            try {
                consumer.close(Duration.ofSeconds(10));
            } catch (KafkaException e) {
                LOG.warn("closing the sink's consumer: {}", e.getMessage());
            }
            stopped.countDown();
        }
    }

    /** Asks {@link #run} to write what it holds, commit and return; waits up to {@code timeout} for that. */
    public boolean stop(Duration timeout) throws InterruptedException {
        stopping = true;
        consumer.wakeup();
        return stopped.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void process(ConsumerRecords<byte[], byte[]> polled) {
        Set<TopicPartition> failed = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> cr : polled) {
            TopicPartition tp = new TopicPartition(cr.topic(), cr.partition());
            if (failed.contains(tp)) {
                continue; // will be read again from the failed batch's first offset
            }
            SourceRecord r = SourceRecord.of(cr);
            List<LakeRow> rows = rowsOf(r);
            long time = rows.isEmpty() ? r.timestamp() : rows.get(0).partitionTime().toEpochMilli();
            PartitionBatch batch = batches.get(tp);
            if (batch != null && batch.interval() != rotation.interval(time)) {
                if (!flush(tp)) {
                    failed.add(tp);
                    continue;
                }
                batch = null;
            }
            if (batch == null) {
                batch = new PartitionBatch(tp.topic(), tp.partition(), r.offset(), rotation.interval(time),
                        clock.millis(), store, parquet);
                batches.put(tp, batch);
            }
            try {
                batch.add(r, rows);
                metrics.read(tableOfTopic.get(tp.topic()));
            } catch (IOException | RuntimeException e) {
                fail(tp, e);
                failed.add(tp);
                continue;
            }
            if ((batch.records() >= rotation.maxRecords() || batch.bytes() >= rotation.maxBytes()) && !flush(tp)) {
                failed.add(tp);
            }
        }
    }

    private List<LakeRow> rowsOf(SourceRecord r) {
        LakeTable table = tableOfTopic.get(r.topic());
        try {
            return mappers.get(table).rows(r);
        } catch (BadRecordException e) {
            metrics.deadLetter(e.reason());
            LOG.debug("{}+{}@{} to dead_letters: {} {}", r.topic(), r.partition(), r.offset(), e.reason(),
                    e.getMessage());
            return List.of(DeadLetterRows.rejected(r, table, e));
        }
    }

    /** Writes the partition's batch and commits its offset; false (and the batch retried later) on failure. */
    private boolean flush(TopicPartition tp) {
        PartitionBatch batch = batches.get(tp);
        if (batch == null) {
            return true;
        }
        List<PartitionBatch.Written> written;
        try {
            written = batch.commit();
        } catch (IOException | RuntimeException e) {
            fail(tp, e);
            return false;
        }
        batches.remove(tp);
        backoff.remove(tp);
        try {
            commit(tp, batch.nextOffset());
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the files are in the lake; whoever reads the partition next rewrites the same keys
            LOG.warn("offset commit of {} at {} failed after its files were written: {}", tp, batch.nextOffset(),
                    e.getMessage());
        }
        for (PartitionBatch.Written w : written) {
            metrics.file(w.table(), w.rows(), w.bytes());
        }
        metrics.records(tableOfTopic.get(tp.topic()), batch.records());
        LOG.info("{} offsets {}..{} in the lake: {} file(s), {} rows", tp, batch.startOffset(),
                batch.nextOffset() - 1, written.size(), written.stream().mapToLong(PartitionBatch.Written::rows).sum());
        return true;
    }

    /**
     * Commits synchronously. A {@link #stop} wakes the consumer up, and the wake-up fires in whatever blocking call
     * comes next, which may be this commit during the final flush; it is consumed by the throw, so the commit is
     * simply made again.
     */
    private void commit(TopicPartition tp, long offset) {
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.of(tp, new OffsetAndMetadata(offset));
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException e) {
            consumer.commitSync(offsets);
        }
    }

    /** Drops the partition's batch and reads it again from its first offset after a back-off. */
    private void fail(TopicPartition tp, Exception e) {
        PartitionBatch batch = batches.remove(tp);
        if (batch == null) {
            return;
        }
        batch.abort();
        metrics.uploadFailure();
        Duration wait = backoff.getOrDefault(tp, FIRST_RETRY);
        backoff.put(tp, wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2));
        LOG.warn("writing {} offsets from {} to {} failed, retrying in {} s: {}", tp, batch.startOffset(),
                store.describe(), wait.toSeconds(), e.toString());
        consumer.seek(tp, batch.startOffset());
        consumer.pause(List.of(tp));
        retryAt.put(tp, clock.millis() + wait.toMillis());
    }

    private void closeOldBatches() {
        long now = clock.millis();
        for (TopicPartition tp : List.copyOf(batches.keySet())) {
            if (now - batches.get(tp).openedAtMillis() >= rotation.maxOpen().toMillis()) {
                flush(tp);
            }
        }
    }

    private void resumeRetries() {
        long now = clock.millis();
        retryAt.entrySet().removeIf(e -> {
            if (e.getValue() <= now) {
                if (consumer.assignment().contains(e.getKey())) {
                    consumer.resume(List.of(e.getKey()));
                }
                return true;
            }
            return false;
        });
    }

    private void flushAll() {
        for (TopicPartition tp : List.copyOf(batches.keySet())) {
            flush(tp);
        }
    }

    /** Writes what a revoked partition holds; cleans leftovers of an assigned one before reading it. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                flush(tp);
                batches.remove(tp);
                retryAt.remove(tp);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                PartitionBatch b = batches.remove(tp);
                if (b != null) {
                    b.abort();
                }
                retryAt.remove(tp);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                try {
                    int n = store.abandonUnfinished(tp.topic(), tp.partition());
                    if (n > 0) {
                        LOG.info("{}: removed {} unfinished object(s) a previous run left in {}", tp, n,
                                store.describe());
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("{}: could not clean unfinished objects in {}: {}", tp, store.describe(),
                            e.getMessage());
                }
            }
        }
    }
}
