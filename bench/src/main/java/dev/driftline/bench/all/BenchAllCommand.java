package dev.driftline.bench.all;

import static dev.driftline.bench.support.Progress.say;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.bench.all.AllReport.Outcome;
import dev.driftline.bench.drift.DriftBenchmark;
import dev.driftline.bench.ingest.IngestBenchmark;
import dev.driftline.bench.pipeline.PipelineBenchmark;
import dev.driftline.bench.pipeline.PipelineEvents;
import dev.driftline.bench.process.BrokerOption;
import dev.driftline.bench.sink.SinkBenchmark;
import dev.driftline.bench.sink.SinkTopicRecords;
import dev.driftline.bench.support.LibraryLog;
import dev.driftline.config.UserInputException;
import dev.driftline.streams.PipelineStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code driftline bench all}: every benchmark in this JVM, merged into one JSON document with a summary. */
@Command(name = "all", mixinStandardHelpOptions = true,
        description = {"Run every benchmark and print one JSON document with all of the project's performance figures.",
            "%nRuns, one after the other in this process, bench drift, bench ingest, bench pipeline and bench sink "
                    + "through their own Java entry points, the last three on one broker process started for the run "
                    + "(unless --bootstrap-servers is given), each on topics of its own. Each benchmark measures its "
                    + "reference in the same run (scipy, bare HTTP and the raw producer, the raw consumer and the "
                    + "parse-only topology, DuckDB's COPY) and reports its figures as ratios to it.",
            "%nThe document holds the machine (cores, load average before and after, JVM, OS, date, git commit when "
                    + "available), each benchmark's JSON under its name, the pipeline's JSON split into pipeline, "
                    + "detection_latency, state and memory_at_models (phase C in a child JVM over --models models, "
                    + "its resident set size), and a summary table: per headline figure its value, the reference, the "
                    + "ratio and the goal, each copied from the benchmark's own JSON.",
            "%nBy default (--quick) every benchmark runs with small sizes so the whole run takes a few minutes on 2 "
                    + "cores; --full runs each with the defaults of its own command. A benchmark that fails is "
                    + "recorded with its error in the document, the others still run, and the command exits with 1 "
                    + "after printing it.",
            "%nProgress goes to stderr, one line per phase with its elapsed time; the JSON goes to stdout and, "
                    + "with --out, to a file. Library and Kafka log lines go to the --log file unless --verbose."})
public final class BenchAllCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Small sizes, a few minutes on 2 cores (the default).")
    boolean quick;

    @Option(names = "--full", description = "Each benchmark with the defaults of its own command (tens of minutes).")
    boolean full;

    @Option(names = "--models", defaultValue = "50",
            description = "Models of the pipeline benchmark, whose phase C runs in a child JVM so its memory is "
                    + "its own (default: ${DEFAULT-VALUE}).")
    int models;

    @Option(names = "--child-heap", defaultValue = "1g",
            description = "-Xmx of the pipeline's child JVM (default: ${DEFAULT-VALUE}).")
    String childHeap;

    @Option(names = "--only", split = ",",
            description = "Run only these benchmarks (drift, ingest, pipeline, sink); the others are recorded as "
                    + "skipped, an error, so the exit code is 1.")
    List<String> only;

    @Option(names = "--out", description = "Also write the JSON document to this file.")
    Path out;

    @Option(names = "--log", defaultValue = "driftline-bench.log",
            description = "File that receives the library and Kafka log lines, appended (default: ${DEFAULT-VALUE}).")
    Path log;

    @Option(names = "--verbose", description = "Keep library and Kafka log lines on the console.")
    boolean verbose;

    @Mixin
    BrokerOption broker;

    @Option(names = "--topic-prefix", defaultValue = "driftline-bench-all.",
            description = "Topic prefix; each benchmark adds its name and the run's start time (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Override
    public Integer call() throws Exception {
        if (quick && full) {
            throw new UserInputException("--quick and --full exclude each other");
        }
        if (models < 1 || !childHeap.matches("[0-9]+[kKmMgG]?")) {
            throw new UserInputException("--models >= 1, --child-heap like 1g");
        }
        if (only != null && !AllReport.BENCHMARKS.containsAll(only)) {
            throw new UserInputException("--only takes " + AllReport.BENCHMARKS);
        }
        if (!verbose) {
            LibraryLog.toFile(log);
            say("all: library and Kafka logs go to " + log + " (--verbose shows them here)");
        }
        try {
            return runAll();
        } finally {
            LibraryLog.restore();
        }
    }

    private int runAll() throws Exception {
        long start = System.nanoTime();
        Instant started = Instant.now();
        ObjectNode machine = Machine.before(started);
        String run = topicPrefix + started.getEpochSecond() + ".";
        ObjectNode options = new ObjectMapper().createObjectNode();
        options.put("mode", full ? "full" : "quick");
        options.put("models", models);
        options.put("child_heap", childHeap);
        options.put("topic_prefix", run);
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        say("all: " + (full ? "full" : "quick") + " run of " + AllReport.BENCHMARKS);

        runOne("drift", outcomes, start, () -> new DriftBenchmark(drift()).run());
        List<String> onBroker = List.of("ingest", "pipeline", "sink");
        if (onBroker.stream().anyMatch(this::wanted)) {
            long t = System.nanoTime();
            try {
                broker.run(bootstrap -> {
                    say(String.format("all: broker ready after %.1f s", (System.nanoTime() - start) / 1e9));
                    runOne("ingest", outcomes, start, () -> new IngestBenchmark(ingest(run + "ingest."), bootstrap).run());
                    runOne("pipeline", outcomes, start, () -> new PipelineBenchmark(pipeline(run + "pipeline."), bootstrap).run());
                    runOne("sink", outcomes, start, () -> new SinkBenchmark(sink(run + "sink."), bootstrap).run());
                    return null;
                });
            } catch (Exception e) { // the broker itself: every benchmark on it not yet run records the error
                for (String b : onBroker) {
                    if (wanted(b) && !outcomes.containsKey(b)) {
                        outcomes.put(b, Outcome.failed("broker: " + AllReport.Outcome.failed(e, 0).error(),
                                (System.nanoTime() - t) / 1e9));
                    }
                }
                say("all: broker failed: " + e);
            }
        }
        for (String b : AllReport.BENCHMARKS) {
            outcomes.putIfAbsent(b, Outcome.failed("skipped (--only " + String.join(",", only == null ? List.of() : only) + ")", 0));
        }
        double wall = (System.nanoTime() - start) / 1e9;
        Machine.after(machine, wall);
        ObjectNode doc = AllReport.merge(machine, options, outcomes);
        String json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        System.out.println(json);
        if (out != null) {
            Files.writeString(out, json + System.lineSeparator());
        }
        say(String.format("all: done in %.1f s%s", wall, AllReport.allOk(outcomes) ? ""
                : ", failed: " + doc.path("failed")));
        return AllReport.allOk(outcomes) ? 0 : 1;
    }

    @FunctionalInterface
    private interface Bench {
        JsonNode run() throws Exception;
    }

    private void runOne(String name, Map<String, Outcome> outcomes, long start, Bench bench) {
        if (!wanted(name)) {
            return;
        }
        say(String.format("all: %s starting (%.1f s elapsed)", name, (System.nanoTime() - start) / 1e9));
        long t = System.nanoTime();
        try {
            outcomes.put(name, Outcome.ok(bench.run(), (System.nanoTime() - t) / 1e9));
            say(String.format("all: %s done in %.1f s (%.1f s elapsed)", name, (System.nanoTime() - t) / 1e9,
                    (System.nanoTime() - start) / 1e9));
        } catch (Exception | Error e) {
            outcomes.put(name, Outcome.failed(e, (System.nanoTime() - t) / 1e9));
            say(String.format("all: %s FAILED after %.1f s (%.1f s elapsed): %s", name, (System.nanoTime() - t) / 1e9,
                    (System.nanoTime() - start) / 1e9, e));
        }
    }

    private boolean wanted(String name) {
        return only == null || only.contains(name);
    }

    private DriftBenchmark.Options drift() {
        return full ? new DriftBenchmark.Options(20, 100_000, List.of(1000, 100_000, 10_000_000), 20_000_000, 7)
                : new DriftBenchmark.Options(20, 100_000, List.of(1000, 100_000), 20_000_000, 7);
    }

    private IngestBenchmark.Options ingest(String prefix) {
        return full ? new IngestBenchmark.Options(Duration.ofSeconds(30), Duration.ofSeconds(10), 350, 256, 10_000, prefix)
                : new IngestBenchmark.Options(Duration.ofSeconds(8), Duration.ofSeconds(3), 350, 256, 5_000, prefix);
    }

    private PipelineBenchmark.Options pipeline(String prefix) {
        long records = full ? 20_000 : Math.max(4_000, 80L * models);
        int windows = full ? 40 : 4;
        Duration window = full ? Duration.ofMinutes(5) : Duration.ofMinutes(1);
        Duration minSeconds = Duration.ofSeconds(full ? 10 : 3);
        Duration warmup = Duration.ofSeconds(full ? 10 : 3);
        Duration latency = Duration.ofSeconds(full ? 60 : 30);
        return new PipelineBenchmark.Options(records, 20, 4, windows, window, Duration.ofSeconds(120), minSeconds,
                warmup, Duration.ofSeconds(120), null, prefix, 42, 10_000, latency, Duration.ofSeconds(10),
                Duration.ofSeconds(2), Duration.ofSeconds(10), 100, models, 1, true, childHeap, Duration.ZERO, null,
                PipelineEvents.Protocol.V2, PipelineStage.ALL);
    }

    private SinkBenchmark.Options sink(String prefix) {
        return full ? new SinkBenchmark.Options(200_000, 6, 2, 42, prefix, null, false, 20_000, "zstd", 10_000_000, 0, 3,
                true, Duration.ofSeconds(600), SinkTopicRecords.Format.V2)
                : new SinkBenchmark.Options(50_000, 6, 2, 42, prefix, null, false, 5_000, "zstd", 10_000_000, 0, 3,
                true, Duration.ofSeconds(300), SinkTopicRecords.Format.V2);
    }
}
