package dev.driftline.sink.service;

import dev.driftline.sink.LakeTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sink's meters (Prometheus names in brackets), tags bounded by the tables and the few reasons:
 * {@code driftline.sink.records{table}} source records committed to the lake
 * ({@code driftline_sink_records_total}), {@code driftline.sink.records.read{table}} source records read into
 * open batches, again after a retry ({@code driftline_sink_records_read_total}; read minus committed is what is in
 * flight), {@code driftline.sink.rows{table}} rows
 * ({@code driftline_sink_rows_total}), {@code driftline.sink.files{table}} objects
 * ({@code driftline_sink_files_total}), {@code driftline.sink.bytes{table}} object bytes
 * ({@code driftline_sink_bytes_total}), {@code driftline.sink.dead.letters{reason}} records the sink could not read
 * ({@code driftline_sink_dead_letters_total}) and {@code driftline.sink.upload.failures} failed batches that are
 * retried ({@code driftline_sink_upload_failures_total}).
 */
public final class SinkMetrics {
    private final MeterRegistry registry;
    private final Map<LakeTable, Counter> rows = new EnumMap<>(LakeTable.class);
    private final Map<LakeTable, Counter> files = new EnumMap<>(LakeTable.class);
    private final Map<LakeTable, Counter> bytes = new EnumMap<>(LakeTable.class);
    private final Map<LakeTable, Counter> records = new EnumMap<>(LakeTable.class);
    private final Map<LakeTable, Counter> read = new EnumMap<>(LakeTable.class);
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Counter uploadFailures;

    public SinkMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (LakeTable t : LakeTable.values()) {
            rows.put(t, Counter.builder("driftline.sink.rows").tag("table", t.tableName())
                    .description("rows written to the lake").register(registry));
            files.put(t, Counter.builder("driftline.sink.files").tag("table", t.tableName())
                    .description("Parquet objects written to the lake").register(registry));
            bytes.put(t, Counter.builder("driftline.sink.bytes").tag("table", t.tableName()).baseUnit("bytes")
                    .description("bytes of the Parquet objects written").register(registry));
            records.put(t, Counter.builder("driftline.sink.records").tag("table", t.tableName())
                    .description("source records whose rows are in the lake (offsets committed)")
                    .register(registry));
            read.put(t, Counter.builder("driftline.sink.records.read").tag("table", t.tableName())
                    .description("source records read into open batches (again after a retry)").register(registry));
        }
        uploadFailures = Counter.builder("driftline.sink.upload.failures")
                .description("batches whose upload failed; they are retried from their first offset")
                .register(registry);
    }

    /** Meters kept in memory only, for tests and tools. */
    public static SinkMetrics inMemory() {
        return new SinkMetrics(new SimpleMeterRegistry());
    }

    void file(LakeTable table, long rowCount, long byteCount) {
        files.get(table).increment();
        rows.get(table).increment(rowCount);
        bytes.get(table).increment(byteCount);
    }

    void records(LakeTable table, long n) {
        records.get(table).increment(n);
    }

    void read(LakeTable table) {
        read.get(table).increment();
    }

    /** A record the sink could not read, for {@code reason} (a short fixed code). */
    public void deadLetter(String reason) {
        deadLetters.computeIfAbsent(reason, r -> Counter.builder("driftline.sink.dead.letters").tag("reason", r)
                .description("records the sink could not read; written to dead_letters").register(registry))
                .increment();
    }

    void uploadFailure() {
        uploadFailures.increment();
    }

    /** Rows written to a table so far. */
    public long rows(LakeTable table) {
        return (long) rows.get(table).count();
    }

    /** Source records of a table committed so far. */
    public long records(LakeTable table) {
        return (long) records.get(table).count();
    }

    /** Source records of a table read into batches so far (committed or not). */
    public long recordsRead(LakeTable table) {
        return (long) read.get(table).count();
    }

    /** Objects written to a table so far. */
    public long files(LakeTable table) {
        return (long) files.get(table).count();
    }

    /** Bytes written to a table so far. */
    public long bytes(LakeTable table) {
        return (long) bytes.get(table).count();
    }

    /** Batches that failed and were retried. */
    public long uploadFailures() {
        return (long) uploadFailures.count();
    }
}
