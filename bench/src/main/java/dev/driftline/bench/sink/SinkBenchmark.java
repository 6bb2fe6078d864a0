package dev.driftline.bench.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code driftline bench sink}: a topic {@code <prefix>inference.records} pre-loaded with {@link SinkRecords}, then in
 * the same run
 * <ol>
 *   <li>the sink ({@link SinkPhases#sink}: {@code SinkService}, local lake, inference_log only, rotation so large
 *   that files are cut only by partition × model × event hour), after an untimed warm-up run on a smaller topic
 *   of its own — timed from {@code SinkService.start} until every record is read and the sink has stopped, which
 *   writes and commits what is open;</li>
 *   <li>parse-only ({@link SinkPhases#parseOnly}): a plain consumer reading the topic and mapping each record with
 *   {@code TableRows}, writing nothing — the Kafka + JSON share of the sink's time;</li>
 *   <li>the reference ({@link DuckDbReference}): DuckDB loading the very same rows (the produced values with their
 *   partition, offset and timestamp, through a JSON-lines file, untimed) and writing them with
 *   {@code COPY … (FORMAT PARQUET)} — one file, and Hive-partitioned by model/dt/hour like the lake.</li>
 * </ol>
 * It checks that the sink's lake holds exactly the reference's rows. Prints nothing on stdout; returns the JSON.
 */
public final class SinkBenchmark {
    /** First event time: fixed, so a seed gives the same bytes; 20 minutes past the hour, so hours are cut. */
    static final Instant START = Instant.parse("2025-06-02T08:20:00Z");

    /** What to run. */
    public record Options(long records, int partitions, int hours, long seed, String topicPrefix, Path workDir,
                          boolean keep, long warmupRecords, String compression, long rotateRecords,
                          int duckdbThreads, int duckdbRepeats, boolean parseOnly, Duration timeout) {
    }

    /** What was produced: source bytes (key + value) and each record's partition and offset, by index. */
    record Produced(long sourceBytes, int[] partitions, long[] offsets, double seconds) {
    }

    private final Options o;
    private final String bootstrap;
    private final ObjectMapper mapper = new ObjectMapper();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);

    public SinkBenchmark(Options options, String bootstrapServers) {
        this.o = options;
        this.bootstrap = bootstrapServers;
    }

    public ObjectNode run() throws Exception {
        Path base = o.workDir() == null ? Files.createTempDirectory("driftline-bench-sink")
                : Files.createTempDirectory(Files.createDirectories(o.workDir()), "driftline-bench-sink");
        try {
            return run(base);
        } finally {
            if (o.keep()) {
                progress("kept " + base);
            } else {
                DuckDbReference.delete(base);
            }
        }
    }

    private ObjectNode run(Path base) throws Exception {
        String topic = o.topicPrefix() + "inference.records";
        String warmupPrefix = o.topicPrefix() + "warmup.";
        Duration span = Duration.ofHours(o.hours());
        createTopics(List.of(topic, warmupPrefix + "inference.records"));
        SinkPhases phases = new SinkPhases(bootstrap, o, runId);

        progress(String.format(Locale.ROOT, "producing %d records to %s (%d partitions) ...", o.records(), topic,
                o.partitions()));
        Produced produced = produce(topic, new SinkRecords(o.seed(), o.records(), START, span), o.records());
        progress(String.format(Locale.ROOT, "    %.1f MB in %.1f s", produced.sourceBytes() / 1e6,
                produced.seconds()));
        if (o.warmupRecords() > 0) {
            progress("warm-up: the sink on " + o.warmupRecords() + " records of another topic ...");
            produce(warmupPrefix + "inference.records",
                    new SinkRecords(o.seed() + 1, o.warmupRecords(), START, span), o.warmupRecords());
            phases.sink(warmupPrefix, base.resolve("warmup-lake"), o.warmupRecords());
        }
        progress("sink: reading " + o.records() + " records into " + base.resolve("lake") + " ...");
        SinkPhases.SinkRun sink = phases.sink(o.topicPrefix(), base.resolve("lake"), o.records());
        progress(String.format(Locale.ROOT, "    %.2f s (start-up %.2f, read %.2f, final flush %.2f), %d files, %.1f MB",
                sink.seconds(), sink.startupSeconds(), sink.readSeconds(), sink.flushSeconds(), sink.files(),
                sink.bytes() / 1e6));
        SinkPhases.ParseOnly parse = null;
        if (o.parseOnly()) {
            progress("parse-only: a plain consumer mapping the records with TableRows ...");
            parse = phases.parseOnly(topic, o.records());
            progress(String.format(Locale.ROOT, "    %.2f s (mapping %.2f s)", parse.seconds(), parse.mapSeconds()));
        }

        progress("duckdb: loading the same rows (untimed) ...");
        Path jsonLines = base.resolve("records.jsonl");
        writeJsonLines(jsonLines, new SinkRecords(o.seed(), o.records(), START, span), produced);
        ObjectNode r = mapper.createObjectNode();
        try (DuckDbReference duck = new DuckDbReference(o.duckdbThreads())) {
            long loaded = duck.load(jsonLines);
            if (loaded != o.records()) {
                throw new IllegalStateException("DuckDB loaded " + loaded + " rows, expected " + o.records());
            }
            Files.delete(jsonLines);
            progress("duckdb: COPY to one Parquet file, " + o.duckdbRepeats() + " timed repeats, "
                    + duck.threads() + " threads ...");
            Path dir = Files.createDirectories(base.resolve("duckdb"));
            DuckDbReference.Copy single = duck.copy(dir, o.compression(), false, o.duckdbRepeats());
            progress("duckdb: COPY … PARTITION_BY (model, dt, hour) ...");
            DuckDbReference.Copy part = duck.copy(dir, o.compression(), true, o.duckdbRepeats());
            long[] cmp = duck.compareWithLake(base.resolve("lake"));
            if (cmp[0] != 0 || cmp[1] != 0 || cmp[2] != o.records()) {
                throw new IllegalStateException(String.format(Locale.ROOT, "the lake's rows differ from the "
                        + "records: %d not in the records, %d missing, %d rows", cmp[0], cmp[1], cmp[2]));
            }
            fill(r, produced, sink, parse, single, part, duck.threads());
        }
        return r;
    }

    private void fill(ObjectNode r, Produced produced, SinkPhases.SinkRun sink, SinkPhases.ParseOnly parse,
            DuckDbReference.Copy single, DuckDbReference.Copy part, int duckThreads) {
        long n = o.records();
        double source = produced.sourceBytes();
        r.put("bench", "sink");
        r.put("records", n);
        r.put("partitions", o.partitions());
        r.put("event_hours", o.hours());
        r.put("features", SinkRecords.NUMERIC.size() + SinkRecords.CATEGORICAL.size());
        r.put("models", SinkRecords.MODELS.size());
        r.put("compression", o.compression().toLowerCase(Locale.ROOT));
        r.put("source_bytes", produced.sourceBytes());
        r.put("avg_record_bytes", Math.round(source / n));
        r.put("warmup_records", o.warmupRecords());
        ObjectNode s = r.putObject("sink");
        s.put("rows_per_s", round(n / sink.seconds()));
        s.put("parquet_mb_per_s", round3(sink.bytes() / 1e6 / sink.seconds()));
        s.put("source_mb_per_s", round3(source / 1e6 / sink.seconds()));
        s.put("files", sink.files());
        s.put("parquet_bytes", sink.bytes());
        s.put("rows_per_file", Math.round((double) sink.rows() / Math.max(1, sink.files())));
        s.put("compression_ratio", round3(source / sink.bytes()));
        s.put("seconds", round3(sink.seconds()));
        s.put("startup_s", round3(sink.startupSeconds()));
        s.put("read_s", round3(sink.readSeconds()));
        s.put("final_flush_s", round3(sink.flushSeconds()));
        s.put("rows_per_s_after_startup", round(n / (sink.seconds() - sink.startupSeconds())));
        s.put("jvm_cpu_cores", round3(sink.cpuCores()));
        s.put("same_rows_as_reference", true);
        ObjectNode d = r.putObject("duckdb_copy");
        copy(d, single, n, source);
        d.put("threads", duckThreads);
        ObjectNode dp = r.putObject("duckdb_copy_partitioned");
        copy(dp, part, n, source);
        if (parse != null) {
            ObjectNode p = r.putObject("parse_only");
            p.put("rows_per_s", round(n / parse.seconds()));
            p.put("source_mb_per_s", round3(source / 1e6 / parse.seconds()));
            p.put("seconds", round3(parse.seconds()));
            p.put("mapping_s", round3(parse.mapSeconds()));
            p.put("share_of_sink_time_after_startup",
                    round3(parse.seconds() / (sink.seconds() - sink.startupSeconds())));
        }
        r.put("ratio_to_duckdb", round3(single.medianSeconds() / sink.seconds()));
        r.put("ratio_to_duckdb_partitioned", round3(part.medianSeconds() / sink.seconds()));
        r.put("parquet_size_ratio_to_duckdb", round3((double) sink.bytes() / single.bytes()));
        r.put("unit_note", "rows = records (one inference_log row per record); ratio_to_duckdb = sink rows/s over "
                + "DuckDB COPY rows/s (median of repeats, same rows, same codec); the sink figure includes Kafka "
                + "reading, JSON mapping, start-up and the final flush; DuckDB's only the Parquet write of a loaded "
                + "table; source bytes = key + value");
    }

    private static void copy(ObjectNode d, DuckDbReference.Copy c, long n, double source) {
        d.put("rows_per_s", round(n / c.medianSeconds()));
        d.put("mb_per_s", round3(c.bytes() / 1e6 / c.medianSeconds()));
        d.put("source_mb_per_s", round3(source / 1e6 / c.medianSeconds()));
        d.put("files", c.files());
        d.put("parquet_bytes", c.bytes());
        d.put("compression_ratio", round3(source / c.bytes()));
        d.put("seconds", round3(c.medianSeconds()));
        d.put("best_s", round3(c.bestSeconds()));
        d.put("repeats", c.repeats());
    }

    private void createTopics(List<String> topics) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            var existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            for (String t : topics) {
                if (existing.contains(t)) {
                    throw new IllegalStateException("topic " + t + " exists; use another --topic-prefix");
                }
            }
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, o.partitions(), (short) 1)).toList())
                    .all().get(60, TimeUnit.SECONDS);
        }
    }

    private Produced produce(String topic, SinkRecords gen, long n) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L << 20));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "120000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "driftline-bench-sink-preload");
        int[] partitions = new int[Math.toIntExact(n)];
        long[] offsets = new long[partitions.length];
        AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < partitions.length && failure.get() == null; i++) {
                SinkRecords.Generated g = gen.next();
                bytes += g.key().length + g.value().length;
                int index = i;
                producer.send(new ProducerRecord<>(topic, null, g.timestamp(), g.key(), g.value()), (m, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        partitions[index] = m.partition();
                        offsets[index] = m.offset();
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("producing failed: " + failure.get().getMessage(), failure.get());
        }
        return new Produced(bytes, partitions, offsets, (System.nanoTime() - t0) / 1e9);
    }

    /** The records again (same seed), each with the partition and offset it got, as DuckDB's input. */
    private static void writeJsonLines(Path file, SinkRecords gen, Produced produced) throws Exception {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int i = 0; i < produced.partitions().length; i++) {
                SinkRecords.Generated g = gen.next();
                out.write(SinkRecords.jsonLine(g.value(), produced.partitions()[i], produced.offsets()[i],
                        g.timestamp()));
                out.write('\n');
            }
        }
    }

    static void progress(String line) {
        System.err.println("bench: " + line);
    }

    private static double round(double v) {
        return Math.round(v);
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
