package dev.driftline.bench.sink;

import dev.driftline.bench.support.JvmCpu;
import dev.driftline.bench.support.KafkaClients;
import dev.driftline.sink.LakeLocation;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.rows.BadRecordException;
import dev.driftline.sink.rows.SourceRecord;
import dev.driftline.sink.rows.TableRows;
import dev.driftline.sink.service.Rotation;
import dev.driftline.sink.service.SinkConsumers;
import dev.driftline.sink.service.SinkMetrics;
import dev.driftline.sink.service.SinkService;
import dev.driftline.sink.service.SinkSettings;
import dev.driftline.sink.write.ParquetSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The two Java phases of {@code driftline bench sink}: the real sink, and parse-only. */
final class SinkPhases {
    private static final LakeTable TABLE = LakeTable.INFERENCE_LOG;

    /**
     * A sink run: seconds from {@code SinkService.start} to stopped, of which start-up (to the first record read),
     * reading (first to last record read) and the final flush (stop requested to stopped); what it wrote; and the
     * JVM's CPU time over the wall time (cores busy; the broker is another process).
     */
    record SinkRun(double seconds, double startupSeconds, double readSeconds, double flushSeconds, long files,
                   long bytes, long rows, double cpuCores) {
    }

    /** Parse-only: seconds from the first poll to the last record mapped, of which inside {@code TableRows}. */
    record ParseOnly(double seconds, double mapSeconds, long rows) {
    }

    private final String bootstrap;
    private final SinkBenchmark.Options o;
    private final String runId;
    private int runs;

    SinkPhases(String bootstrap, SinkBenchmark.Options options, String runId) {
        this.bootstrap = bootstrap;
        this.o = options;
        this.runId = runId;
    }

    /** The sink's settings for a bench run: local lake, inference_log only, files cut by partition × model × hour. */
    SinkSettings settings(String topicPrefix, Path lake, String group) {
        ParquetSettings parquet = new ParquetSettings(ParquetSettings.codec(o.compression()),
                ParquetSettings.DEFAULTS.rowGroupSize(), ParquetSettings.DEFAULTS.pageSize());
        Rotation rotation = new Rotation(o.rotateRecords(), 1L << 40, Duration.ofHours(1), Duration.ofDays(1));
        return new SinkSettings(bootstrap, new Properties(), topicPrefix, LakeLocation.parse(lake.toString()), group,
                EnumSet.of(TABLE), Optional.empty(), Optional.empty(), Optional.empty(), 5 << 20, parquet, rotation,
                -1, "127.0.0.1");
    }

    /**
     * Runs the sink on {@code <prefix>inference.records} until it has read {@code expected} records, then stops it;
     * it must have written {@code expectedRows} rows.
     */
    SinkRun sink(String topicPrefix, Path lake, long expected, long expectedRows) throws Exception {
        SinkSettings settings = settings(topicPrefix, lake, "driftline-bench-sink-" + runId + "-" + runs++);
        long cpu0 = JvmCpu.processCpuNanos();
        long t0 = System.nanoTime();
        SinkService sink = SinkService.start(settings, new SimpleMeterRegistry());
        long first = -1;
        long allRead;
        long deadline = t0 + o.timeout().toNanos();
        try {
            while (true) {
                long read = sink.metrics().recordsRead(TABLE);
                long now = System.nanoTime();
                if (read > 0 && first < 0) {
                    first = now;
                }
                if (read >= expected) {
                    allRead = now;
                    break;
                }
                if (!sink.isRunning()) {
                    throw new IllegalStateException("the sink stopped: " + sink.failure(), sink.failure());
                }
                if (now > deadline) {
                    throw new IllegalStateException("the sink read " + read + " of " + expected + " records in "
                            + o.timeout().toSeconds() + " s (--timeout-seconds)");
                }
                Thread.sleep(2);
            }
        } finally {
            sink.close(o.timeout());
        }
        long t1 = System.nanoTime();
        long cpu1 = JvmCpu.processCpuNanos();
        SinkMetrics m = sink.metrics();
        if (sink.failure() != null || sink.isRunning()) {
            throw new IllegalStateException("the sink did not stop cleanly: " + sink.failure(), sink.failure());
        }
        if (m.records(TABLE) != expected || m.recordsRead(TABLE) != expected || m.rows(TABLE) != expectedRows
                || m.rows(LakeTable.DEAD_LETTERS) != 0 || m.uploadFailures() != 0) {
            throw new IllegalStateException(String.format("the sink read %d, committed %d records and wrote %d rows "
                            + "(%d dead letters, %d failed uploads); expected %d records, %d rows",
                    m.recordsRead(TABLE), m.records(TABLE), m.rows(TABLE), m.rows(LakeTable.DEAD_LETTERS),
                    m.uploadFailures(), expected, expectedRows));
        }
        return new SinkRun((t1 - t0) / 1e9, (first - t0) / 1e9, (allRead - first) / 1e9, (t1 - allRead) / 1e9,
                m.files(TABLE), m.bytes(TABLE), m.rows(TABLE), (double) (cpu1 - cpu0) / (t1 - t0));
    }

    /** A plain consumer (the sink's consumer settings, partitions assigned) mapping every record, writing nothing. */
    ParseOnly parseOnly(String topic, long expected) throws Exception {
        Properties p = SinkConsumers.properties(bootstrap, "driftline-bench-parse-" + runId, new Properties());
        TableRows mapper = TableRows.of(TABLE);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            KafkaClients.assignFromBeginning(consumer, List.of(topic));
            long n = 0;
            long rows = 0;
            long mapNanos = 0;
            long t0 = System.nanoTime();
            long deadline = t0 + o.timeout().toNanos();
            while (n < expected) {
                for (ConsumerRecord<byte[], byte[]> cr : consumer.poll(Duration.ofMillis(100))) {
                    long m0 = System.nanoTime();
                    try {
                        rows += mapper.rows(SourceRecord.of(cr)).size();
                    } catch (BadRecordException e) {
                        throw new IllegalStateException("a bench record is bad: " + e.getMessage(), e);
                    }
                    mapNanos += System.nanoTime() - m0;
                    n++;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("parse-only read " + n + " of " + expected + " records in "
                            + o.timeout().toSeconds() + " s");
                }
            }
            return new ParseOnly((System.nanoTime() - t0) / 1e9, mapNanos / 1e9, rows);
        }
    }
}
