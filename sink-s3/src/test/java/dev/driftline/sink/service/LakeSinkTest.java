package dev.driftline.sink.service;

import static dev.driftline.sink.SampleRecords.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.sink.DuckDb;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.SampleRecords;
import dev.driftline.sink.write.FileLakeStore;
import dev.driftline.sink.write.LakeObject;
import dev.driftline.sink.write.LakeStore;
import dev.driftline.sink.write.ParquetSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.parquet.io.PositionOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink loop with Kafka's MockConsumer (unit level; the real-broker tests are the *IT classes): rotation, keys,
 * dead letters, and a failed upload retried without duplicates.
 */
class LakeSinkTest {
    private static final String TOPIC = "driftline.inference.records";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    @TempDir
    Path lake;

    private static ConsumerRecord<byte[], byte[]> inference(long offset, String time) {
        return new ConsumerRecord<>(TOPIC, 0, offset, bytes("wine"),
                bytes(SampleRecords.inference("wine", "id-" + offset, 0, time, offset)));
    }

    /**
     * Runs a sink over {@code records} from {@code startOffset}, lets it poll {@code polls} times, then stops it
     * (which writes what is open); returns the last committed offset.
     */
    private static long run(LakeStore store, Rotation rotation, List<ConsumerRecord<byte[], byte[]>> records,
            long startOffset, int polls) throws Exception {
        java.util.concurrent.atomic.AtomicLong lastCommit = new java.util.concurrent.atomic.AtomicLong(-1);
        java.util.concurrent.CountDownLatch polled = new java.util.concurrent.CountDownLatch(polls);
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
            @Override
            public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
                super.commitSync(offsets);
                lastCommit.set(offsets.get(TP).offset());
            }
        };
        consumer.updateBeginningOffsets(Map.of(TP, startOffset));
        LakeSink sink = new LakeSink(consumer, store, Map.of(TOPIC, LakeTable.INFERENCE_LOG), rotation,
                ParquetSettings.DEFAULTS, SinkMetrics.inMemory(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(TP));
            records.stream().filter(r -> r.offset() >= startOffset).forEach(consumer::addRecord);
        });
        for (int i = 0; i < polls; i++) {
            consumer.schedulePollTask(polled::countDown);
        }
        Thread t = new Thread(sink);
        t.start();
        assertThat(polled.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(sink.stop(Duration.ofSeconds(10))).isTrue();
        t.join();
        return lastCommit.get();
    }

    private static List<String> keys(Path lake) throws IOException {
        try (Stream<Path> s = Files.walk(lake)) {
            return s.filter(Files::isRegularFile).map(p -> lake.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void rotatesByCountAndByEventHourWithKeysFromTheFirstOffset() throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            records.add(inference(i, "2026-11-21T10:0" + i + ":00Z"));
        }
        records.add(inference(7, "2026-11-21T11:00:00Z"));
        long committed = run(new FileLakeStore(lake), new Rotation(3, 1L << 30, Duration.ofHours(1),
                Duration.ofDays(1)), records, 0, 5);
        assertThat(committed).isEqualTo(8);
        assertThat(keys(lake)).containsExactly(
                "inference_log/model=wine/dt=2026-11-21/hour=10/driftline.inference.records+0+00000000000000000000.parquet",
                "inference_log/model=wine/dt=2026-11-21/hour=10/driftline.inference.records+0+00000000000000000003.parquet",
                "inference_log/model=wine/dt=2026-11-21/hour=10/driftline.inference.records+0+00000000000000000006.parquet",
                "inference_log/model=wine/dt=2026-11-21/hour=11/driftline.inference.records+0+00000000000000000007.parquet");
        assertThat(DuckDb.query("SELECT hour, count(*), min(kafka_offset), max(kafka_offset) FROM "
                + DuckDb.table(lake, "inference_log") + " GROUP BY hour ORDER BY hour"))
                .containsExactly(List.of("10", 7L, 0L, 6L), List.of("11", 1L, 7L, 7L));
    }

    @Test
    void badRecordGoesToDeadLettersAndTheRestIsWritten() throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(List.of(inference(0, "2026-11-21T10:00:00Z"),
                new ConsumerRecord<>(TOPIC, 0, 1, bytes("wine"), bytes("{\"schema_version\":1,\"model\":\"wine\"}")),
                inference(2, "2026-11-21T10:01:00Z")));
        assertThat(run(new FileLakeStore(lake), Rotation.DEFAULTS, records, 0, 5)).isEqualTo(3);
        assertThat(DuckDb.count(lake, "inference_log")).isEqualTo(2);
        assertThat(DuckDb.query("SELECT model, dl_reason, dl_stage, source_topic, kafka_offset FROM "
                + DuckDb.table(lake, "dead_letters"))).containsExactly(
                List.of("wine", "missing_field", "sink", TOPIC, 1L));
    }

    @Test
    void failedUploadIsRetriedFromTheBatchStartWithoutDuplicates() throws Exception {
        FileLakeStore files = new FileLakeStore(lake);
        AtomicInteger commits = new AtomicInteger();
        // the second file's commit makes it visible, then fails (as if the offset commit never happened)
        LakeStore flaky = new LakeStore() {
            @Override
            public LakeObject create(String key) throws IOException {
                LakeObject real = files.create(key);
                return new LakeObject() {
                    @Override
                    public String key() {
                        return real.key();
                    }

                    @Override
                    public PositionOutputStream stream() throws IOException {
                        return real.stream();
                    }

                    @Override
                    public long commit() throws IOException {
                        long size = real.commit();
                        if (commits.incrementAndGet() == 2) {
                            throw new IOException("connection reset after the upload");
                        }
                        return size;
                    }

                    @Override
                    public void abort() {
                        real.abort();
                    }
                };
            }

            @Override
            public int abandonUnfinished(String topic, int partition) throws IOException {
                return files.abandonUnfinished(topic, partition);
            }

            @Override
            public List<String> list(String prefix) throws IOException {
                return files.list(prefix);
            }

            @Override
            public String describe() {
                return "flaky " + files.describe();
            }
        };
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            records.add(inference(i, "2026-11-21T10:0" + i + ":00Z"));
        }
        // The clock is fixed, so the retry's 1 s back-off never passes in the first run: the partition stays paused
        // and stopping writes nothing more. The second run resumes from the committed offset, as after a crash, and
        // rewrites the key the failed batch had already made visible.
        long first = run(flaky, new Rotation(2, 1L << 30, Duration.ofHours(1), Duration.ofDays(1)), records, 0, 5);
        assertThat(first).isEqualTo(2);
        assertThat(keys(lake)).hasSize(2);
        long second = run(files, new Rotation(2, 1L << 30, Duration.ofHours(1), Duration.ofDays(1)), records,
                first, 5);
        assertThat(second).isEqualTo(6);
        assertThat(keys(lake)).hasSize(3);
        assertThat(DuckDb.query("SELECT count(*), count(DISTINCT kafka_offset) FROM "
                + DuckDb.table(lake, "inference_log"))).containsExactly(List.of(6L, 6L));
    }
}
