package dev.driftline.bench.pipeline;

import dev.driftline.bench.process.BrokerOption;
import dev.driftline.bench.support.JsonOut;
import dev.driftline.bench.support.PhaseRecording;
import dev.driftline.config.UserInputException;
import dev.driftline.config.Parsers;
import dev.driftline.streams.PipelineStage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code driftline bench pipeline}: the streaming jobs' throughput and detection latency against Kafka baselines. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Benchmark the streaming pipeline against a raw consumer and a parse-only topology.",
            "%nPre-loads a topic with KServe V2 (or --protocol v1) inference events in the collector's format, "
                    + "then measures on the same broker, one after the other: (A) a raw KafkaConsumer loop reading it, "
                    + "(B) a parse-only Kafka Streams topology with exactly_once_v2 (the framework's floor), (C) the driftline pipeline "
                    + "(pairing, normalisation, window profiles, merge, drift) with exactly_once_v2: events/s, rows/s, "
                    + "feature values/s and the ratios C/B and C/A; the window state bytes per model×feature×window; "
                    + "and (D) with live traffic in real time and a short window, the detection latency from a window's "
                    + "end to its first alert (or drift report, when the build has no alert stage) p50/p99.",
            "%nPrints one JSON line on stdout; progress goes to stderr. Starts its own broker process unless "
                    + "--bootstrap-servers is given. With --models the traffic is spread over many models, with "
                    + "--instances (or --child-jvm) C runs in child JVMs (per-instance events/s, partitions and RSS), "
                    + "and --sustain-seconds adds live traffic at 80 %% of C's rate while sampling the lag."})
public final class BenchPipelineCommand implements Callable<Integer> {
    @Option(names = "--records", defaultValue = "20000",
            description = "Input events to pre-load: a request and a response per inference (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--features", defaultValue = "20", description = "Numeric features per row (default: ${DEFAULT-VALUE}).")
    int features;

    @Option(names = "--batch", defaultValue = "4", description = "Rows per inference request (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--protocol", defaultValue = "v2", paramLabel = "v1|v2",
            description = "KServe protocol of the bodies: v2 tensors, or v1 instances/predictions as KServe's sklearn, "
                    + "xgboost and lightgbm servers send by default (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--windows", defaultValue = "40",
            description = "Windows the pre-loaded event times span (default: ${DEFAULT-VALUE}).")
    int windows;

    @Option(names = "--window", defaultValue = "5m", description = "Window of phase C (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--seconds", defaultValue = "120",
            description = "Cap on each measured phase; a phase stopped by it reports the rate so far (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--min-seconds", defaultValue = "10",
            description = "A and B repeat whole passes over the topic (B with a fresh application id) until they "
                    + "have measured this long (default: ${DEFAULT-VALUE}).")
    int minSeconds;

    @Option(names = "--warmup-seconds", defaultValue = "10",
            description = "Unmeasured warm-up before each phase (A and B on the topic, C on a copy of the traffic of "
                    + "at least 100000 events, in passes, for at least this long and then until the JIT has settled, "
                    + "at most 6 times as long; child JVMs warm up for this long); 0 skips it (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--drain-seconds", defaultValue = "120",
            description = "After phase C consumed its input, how long to wait for the last windows' reports (default: ${DEFAULT-VALUE}).")
    int drainSeconds;

    @Option(names = "--stream-threads",
            description = "num.stream.threads of B and C (default: KAFKA_NUM_STREAM_THREADS, else 1, so that B and C "
                    + "compare per thread; driftline streams itself defaults to one per processor).")
    Integer streamThreads;

    @Option(names = "--baseline-rows", defaultValue = "10000", description = "Rows of the baseline's reference table (default: ${DEFAULT-VALUE}).")
    int baselineRows;

    @Option(names = "--latency-seconds", defaultValue = "60",
            description = "Span of the windows measured in the latency phase; 0 skips it (default: ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--latency-window", defaultValue = "10s", description = "Window of the latency phase (default: ${DEFAULT-VALUE}).")
    String latencyWindow;

    @Option(names = "--latency-grace", defaultValue = "2s", description = "Grace of the latency phase (default: ${DEFAULT-VALUE}).")
    String latencyGrace;

    @Option(names = "--latency-settle", defaultValue = "10s",
            description = "streams.merge.settle of the latency phase (default: ${DEFAULT-VALUE}, the service default).")
    String latencySettle;

    @Option(names = "--latency-rate", defaultValue = "100",
            description = "Inferences/s of the live traffic (default: ${DEFAULT-VALUE}).")
    int latencyRate;

    @Option(names = "--models", defaultValue = "1",
            description = "Models the pre-loaded and warm-up traffic is spread over, round robin, each with its own "
                    + "baseline; 1 keeps the name bench-model, more are bench-model-0001… (default: ${DEFAULT-VALUE}).")
    int models;

    @Option(names = "--instances", defaultValue = "1",
            description = "Pipeline instances of phase C, each a child JVM of the same application id sharing the "
                    + "input partitions; 1 runs in this JVM unless --models > 1 or --child-jvm (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--child-jvm",
            description = "Run a single pipeline instance of phase C in a child JVM too, so its RSS is its own.")
    boolean childJvm;

    @Option(names = "--child-heap", defaultValue = "1g",
            description = "-Xmx of each pipeline child JVM (default: ${DEFAULT-VALUE}).")
    String childHeap;

    @Option(names = "--sustain-seconds", defaultValue = "0",
            description = "After C, send live traffic over the same models at 80 %% of C's events/s for this long "
                    + "and sample the input lag every second; 0 skips it (default: ${DEFAULT-VALUE}).")
    int sustainSeconds;

    @Option(names = "--up-to", defaultValue = "all", paramLabel = "STAGE",
            description = "Run phase C's pipeline only up to this stage, each adding one part to the ones before: "
                    + "pairing (pairing and dedupe), normalize (+ parsing the bodies into records, none written), "
                    + "window (+ window profiles, merge, drift, alerts), records (+ inference.records and dead "
                    + "letters), all (+ model quality: the pipeline) (default: ${DEFAULT-VALUE}). Runs of "
                    + "successive stages give each part's cost per event in the same pipeline; below window no "
                    + "window is reported, so the drain is skipped.")
    String upTo;

    @Option(names = "--profile", paramLabel = "FILE",
            description = "Write a JFR recording of phase C's measured interval to FILE (.jfr): Java execution "
                    + "sampled every --profile-period, allocation samples, CPU load, GC pauses, from C's first "
                    + "committed offset to its last, without the warm-up (recorded too, and discarded). Read it with "
                    + "`jfr print --events jdk.ExecutionSample FILE` or JDK Mission Control. Phase C in this JVM "
                    + "only (not with --instances, --models > 1 or --child-jvm).")
    Path profile;

    @Option(names = "--profile-period", defaultValue = "10ms", paramLabel = "DURATION",
            description = "Java sampling period of --profile (default: ${DEFAULT-VALUE}); 1ms gives ten times the "
                    + "samples but on 2 cores halves C's events/s: a profile's shares, not a figure.")
    String profilePeriod;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Mixin
    BrokerOption broker;

    @Option(names = "--topic-prefix", defaultValue = "driftline-bench.",
            description = "Topic prefix, kept apart from real traffic; its inference.events topic must be empty (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Override
    public Integer call() throws Exception {
        if (records < 2 || features < 1 || batch < 1 || windows < 1 || seconds < 1 || minSeconds < 0 || warmupSeconds < 0 || drainSeconds < 0
                || baselineRows < 10 || latencySeconds < 0 || latencyRate < 1
                || (streamThreads != null && streamThreads < 1) || models < 1 || instances < 1
                || sustainSeconds < 0 || !childHeap.matches("[0-9]+[kKmMgG]?")) {
            throw new UserInputException("--records >= 2, --features/--batch/--windows/--seconds >= 1, "
                    + "--min-seconds/--warmup-seconds/--drain-seconds >= 0, --baseline-rows >= 10, --latency-seconds >= 0, --latency-rate >= 1, "
                    + "--stream-threads >= 1, --models/--instances >= 1, --sustain-seconds >= 0, --child-heap like 1g");
        }
        PipelineBenchmark.Options o = new PipelineBenchmark.Options(records, features, batch, windows,
                duration("--window", window), Duration.ofSeconds(seconds), Duration.ofSeconds(minSeconds),
                Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(drainSeconds),
                streamThreads, topicPrefix, seed, baselineRows, Duration.ofSeconds(latencySeconds),
                duration("--latency-window", latencyWindow), duration("--latency-grace", latencyGrace),
                duration("--latency-settle", latencySettle), latencyRate, models, instances, childJvm, childHeap,
                Duration.ofSeconds(sustainSeconds), profile == null ? null
                : new PhaseRecording.Settings(profile, duration("--profile-period", profilePeriod)),
                protocol(protocol), stage(upTo));
        if (o.window().toSeconds() < 1 || o.latencyWindow().toSeconds() < 1) {
            throw new UserInputException("--window and --latency-window must be at least 1s");
        }
        if (profile != null && o.profile().period().compareTo(Duration.ofMillis(1)) < 0) {
            throw new UserInputException("--profile-period must be at least 1ms");
        }
        if (o.upTo() != PipelineStage.ALL && o.streamsInChildren()) {
            throw new UserInputException("--up-to runs phase C in this JVM: not with --instances, --models > 1 or "
                    + "--child-jvm");
        }
        if (profile != null && o.streamsInChildren()) {
            throw new UserInputException("--profile records phase C in this JVM, and with --instances, --models > 1 "
                    + "or --child-jvm it runs in child JVMs: record those with JAVA_TOOL_OPTIONS="
                    + "-XX:StartFlightRecording=filename=<dir>/,settings=profile instead");
        }
        JsonOut.printLine(broker.run(bootstrap -> new PipelineBenchmark(o, bootstrap).run()));
        return 0;
    }

    private static PipelineStage stage(String text) {
        try {
            return PipelineStage.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--up-to " + e.getMessage());
        }
    }

    private static PipelineEvents.Protocol protocol(String text) {
        try {
            return PipelineEvents.Protocol.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--protocol " + e.getMessage());
        }
    }

    private static Duration duration(String flag, String text) {
        try {
            return Parsers.DURATION_PARSER.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(flag + " '" + text + "': " + e.getMessage());
        }
    }
}
