package dev.driftline.bench.sink;

import dev.driftline.bench.process.BrokerOption;
import dev.driftline.bench.support.JsonOut;
import dev.driftline.config.UserInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code driftline bench sink}: the lake sink's rows/s and MB/s against DuckDB writing the same rows to Parquet. */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = {"Benchmark the lake sink against DuckDB writing the same rows to Parquet.",
            "%nPre-loads <prefix>inference.records with normalised rows (three models, 20 features, requests of 1-4 "
                + "rows, event times over --hours) in the format of --format: v2, one InferenceRowsCodec value per "
                + "request as the pipeline writes, or v1, one JSON value per row as it wrote before (the sink reads "
                + "both). Then it measures on the same broker, one after the other:",
            "(1) the lake sink (SinkService, a local lake in a temporary directory, inference_log only, "
                + "files cut only by partition x model x event hour) from its start until every record is read and "
                + "it has stopped (stopping writes and commits what is open), after an untimed warm-up run on "
                + "--warmup-records rows;",
            "(2) parse-only: a plain consumer mapping the records with TableRows, writing nothing;",
            "(3) the reference: DuckDB loading the very same rows (untimed) and writing them with COPY ... "
                + "(FORMAT PARQUET) to one file and, partitioned like the lake, with PARTITION_BY (model, dt, "
                + "hour).",
            "%nChecks that the lake holds exactly the reference's rows. Prints one JSON line on stdout "
                + "(rows/s, Parquet and source MB/s, files, bytes, compression ratios, ratio_to_duckdb = sink "
                + "rows/s / DuckDB COPY rows/s); progress goes to stderr. Starts its own broker process unless "
                + "--bootstrap-servers is given."})
public final class BenchSinkCommand implements Callable<Integer> {
    private static final Set<String> CODECS = Set.of("zstd", "snappy", "gzip", "uncompressed");

    @Option(names = "--records", defaultValue = "200000",
            description = "Rows to pre-load and sink, one inference_log row each; with --format v2 a request's "
                    + "rows share one Kafka record (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--format", defaultValue = "v2", paramLabel = "v1|v2",
            description = "Value format of inference.records: v2, one InferenceRowsCodec value per request (what "
                    + "the pipeline writes), or v1, one JSON value per row (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--hours", defaultValue = "2",
            description = "Hours the event times span, starting 20 minutes past an hour (default: ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the records (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--warmup-records", defaultValue = "20000",
            description = "Rows of the untimed warm-up run of the sink, on a topic of its own; 0 skips it "
                    + "(default: ${DEFAULT-VALUE}).")
    long warmupRecords;

    @Option(names = "--compression", defaultValue = "zstd",
            description = "Parquet codec of the sink and of DuckDB's COPY: zstd, snappy, gzip or uncompressed "
                    + "(default: ${DEFAULT-VALUE}, the sink's default).")
    String compression;

    @Option(names = "--rotate-records", defaultValue = "10000000",
            description = "The sink's rotation by records per partition batch; large, so files are cut only by "
                    + "model and event hour (default: ${DEFAULT-VALUE}).")
    long rotateRecords;

    @Option(names = "--duckdb-threads", defaultValue = "0",
            description = "DuckDB's threads; 0 keeps its default, the machine's cores (default: ${DEFAULT-VALUE}).")
    int duckdbThreads;

    @Option(names = "--duckdb-repeats", defaultValue = "3",
            description = "Timed repeats of each COPY after an untimed one; the median is reported (default: ${DEFAULT-VALUE}).")
    int duckdbRepeats;

    @Option(names = "--parse-only", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the parse-only phase; --no-parse-only skips it (default: ${DEFAULT-VALUE}).")
    boolean parseOnly;

    @Option(names = "--timeout-seconds", defaultValue = "600",
            description = "Cap on the sink reading all records, and on its stop (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--work-dir",
            description = "Directory for the run's temporary directory (lake, JSON lines, DuckDB's files); "
                    + "default: the system's temporary directory.")
    Path workDir;

    @Option(names = "--keep", description = "Keep the run's temporary directory (its path goes to stderr); the "
            + "broker process and its data are removed anyway.")
    boolean keep;

    @Mixin
    BrokerOption broker;

    @Option(names = "--topic-prefix", defaultValue = "driftline-bench.",
            description = "Topic prefix; <prefix>inference.records and <prefix>warmup.inference.records must not "
                    + "exist (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Override
    public Integer call() throws Exception {
        String codec = compression.trim().toLowerCase(Locale.ROOT);
        if (records < 1 || records > 50_000_000 || partitions < 1 || hours < 1 || warmupRecords < 0
                || warmupRecords > 50_000_000 || rotateRecords < 1 || duckdbThreads < 0 || duckdbRepeats < 1
                || timeoutSeconds < 1 || !CODECS.contains(codec)) {
            throw new UserInputException("--records 1..50000000, --partitions/--hours/--rotate-records/"
                    + "--duckdb-repeats/--timeout-seconds >= 1, --warmup-records 0..50000000, --duckdb-threads >= 0, "
                    + "--compression one of " + CODECS);
        }
        SinkTopicRecords.Format valueFormat;
        try {
            valueFormat = SinkTopicRecords.Format.of(format);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--format " + e.getMessage());
        }
        SinkBenchmark.Options o = new SinkBenchmark.Options(records, partitions, hours, seed, topicPrefix, workDir,
                keep, warmupRecords, codec, rotateRecords, duckdbThreads, duckdbRepeats, parseOnly,
                Duration.ofSeconds(timeoutSeconds), valueFormat);
        JsonOut.printLine(broker.run(bootstrap -> new SinkBenchmark(o, bootstrap).run()));
        return 0;
    }
}
