package dev.driftline.bench.sink;

import dev.driftline.contracts.Topics;

import static dev.driftline.bench.support.Progress.say;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.bench.support.Dirs;
import dev.driftline.bench.support.KafkaClients;
import dev.driftline.bench.support.KafkaTopics;
import dev.driftline.bench.support.OnExit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code driftline bench sink}: a topic {@code <prefix>inference.records} pre-loaded with {@link SinkRecords}' rows in
 * the format asked for ({@link SinkTopicRecords}: v2 one value per request as the pipeline writes, or v1 one per
 * row), then in the same run
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
                          int duckdbThreads, int duckdbRepeats, boolean parseOnly, Duration timeout,
                          SinkTopicRecords.Format format) {
    }

    private final Options o;
    private final String bootstrap;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);

    public SinkBenchmark(Options options, String bootstrapServers) {
        this.o = options;
        this.bootstrap = bootstrapServers;
    }

    public ObjectNode run() throws Exception {
        Path base = o.workDir() == null ? Files.createTempDirectory("driftline-bench-sink")
                : Files.createTempDirectory(Files.createDirectories(o.workDir()), "driftline-bench-sink");
        try (OnExit interrupted = o.keep() ? null : OnExit.deleting(base)) { // --keep keeps it on Ctrl-C too
            return run(base);
        } finally {
            if (o.keep()) {
                say("kept " + base);
            } else {
                Dirs.deleteRecursively(base);
            }
        }
    }

    private ObjectNode run(Path base) throws Exception {
        String topic = new Topics(o.topicPrefix()).inferenceRecords.name();
        String warmupPrefix = o.topicPrefix() + "warmup.";
        Duration span = Duration.ofHours(o.hours());
        try (Admin admin = KafkaClients.admin(bootstrap)) {
            KafkaTopics.createNew(admin, List.of(topic, new Topics(warmupPrefix).inferenceRecords.name()), o.partitions());
        }
        SinkPhases phases = new SinkPhases(bootstrap, o, runId);
        SinkPreload preload = new SinkPreload(bootstrap);

        say(String.format(Locale.ROOT, "producing %d rows to %s (%d partitions, %s) ...", o.records(), topic,
                o.partitions(), o.format() == SinkTopicRecords.Format.V2 ? "v2: one InferenceRowsCodec value per "
                        + "request, as the pipeline writes" : "v1: one JSON value per row"));
        SinkPreload.Produced produced = preload.produce(topic, records(o.seed(), o.records(), span), o.records());
        say(String.format(Locale.ROOT, "    %d records, %.1f MB in %.1f s", produced.records(),
                produced.sourceBytes() / 1e6, produced.seconds()));
        if (o.warmupRecords() > 0) {
            say("warm-up: the sink on " + o.warmupRecords() + " rows of another topic ...");
            SinkPreload.Produced warm = preload.produce(new Topics(warmupPrefix).inferenceRecords.name(),
                    records(o.seed() + 1, o.warmupRecords(), span), o.warmupRecords());
            phases.sink(warmupPrefix, base.resolve("warmup-lake"), warm.records(), warm.rows());
        }
        say("sink: reading " + produced.records() + " records into " + base.resolve("lake") + " ...");
        SinkPhases.SinkRun sink = phases.sink(o.topicPrefix(), base.resolve("lake"), produced.records(),
                o.records());
        say(String.format(Locale.ROOT, "    %.2f s (start-up %.2f, read %.2f, final flush %.2f), %d files, %.1f MB",
                sink.seconds(), sink.startupSeconds(), sink.readSeconds(), sink.flushSeconds(), sink.files(),
                sink.bytes() / 1e6));
        SinkPhases.ParseOnly parse = null;
        if (o.parseOnly()) {
            say("parse-only: a plain consumer mapping the records with TableRows ...");
            parse = phases.parseOnly(topic, produced.records());
            if (parse.rows() != o.records()) {
                throw new IllegalStateException("parse-only mapped " + parse.rows() + " rows, expected "
                        + o.records());
            }
            say(String.format(Locale.ROOT, "    %.2f s (mapping %.2f s)", parse.seconds(), parse.mapSeconds()));
        }

        say("duckdb: loading the same rows (untimed) ...");
        Path jsonLines = base.resolve("records.jsonl");
        SinkPreload.writeJsonLines(jsonLines, records(o.seed(), o.records(), span), produced);
        try (DuckDbReference duck = new DuckDbReference(o.duckdbThreads())) {
            long loaded = duck.load(jsonLines);
            if (loaded != o.records()) {
                throw new IllegalStateException("DuckDB loaded " + loaded + " rows, expected " + o.records());
            }
            Files.delete(jsonLines);
            say("duckdb: COPY to one Parquet file, " + o.duckdbRepeats() + " timed repeats, "
                    + duck.threads() + " threads ...");
            Path dir = Files.createDirectories(base.resolve("duckdb"));
            DuckDbReference.Copy single = duck.copy(dir, o.compression(), false, o.duckdbRepeats());
            say("duckdb: COPY … PARTITION_BY (model, dt, hour) ...");
            DuckDbReference.Copy part = duck.copy(dir, o.compression(), true, o.duckdbRepeats());
            long[] cmp = duck.compareWithLake(base.resolve("lake"));
            if (cmp[0] != 0 || cmp[1] != 0 || cmp[2] != o.records()) {
                throw new IllegalStateException(String.format(Locale.ROOT, "the lake's rows differ from the "
                        + "records: %d not in the records, %d missing, %d rows", cmp[0], cmp[1], cmp[2]));
            }
            return SinkReport.of(o, produced, sink, parse, single, part, duck.threads());
        }
    }

    /** {@code rows} rows of {@code seed} as the topic's records in the run's format. */
    private SinkTopicRecords records(long seed, long rows, Duration span) {
        return new SinkTopicRecords(new SinkRecords(seed, rows, START, span), o.format());
    }
}
