package dev.driftline.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.bench.process.BrokerProcess;
import dev.driftline.bench.support.Ports;
import dev.driftline.cli.ui.LiveUi;
import dev.driftline.collector.Collector;
import dev.driftline.collector.CollectorKeys;
import dev.driftline.collector.CollectorSettings;
import dev.driftline.config.Config;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.contracts.baseline.BaselineCodec;
import dev.driftline.streams.app.DriftlineStreams;
import dev.driftline.streams.app.StreamsKeys;
import dev.driftline.streams.app.StreamsSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One demo run: starts the parts ({@link #start}), plays the scenario and prints the summary ({@link #play}), and
 * stops everything in reverse order ({@link #close}). The simulated day: {@value #WINDOWS} windows of 5 minutes
 * ending about an hour ago, the covariate shift from the middle on, labels 10 simulated minutes after each
 * inference. Windows keep the default grace (30 s of event time; the traffic is sent in order, at most 8 requests in
 * flight, ≈2 simulated seconds apart), so once the traffic stops the last window closes after ≈35 s of wall time
 * (grace + 5 s without records) and is merged and evaluated ≈15 s later.
 */
public final class DemoRun implements AutoCloseable {
    static final int WINDOWS = 24;
    static final int INFERENCES_PER_WINDOW = 300; // 1,200 rows a window: distances decide (over 1,000 rows)
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final Duration LABEL_DELAY = Duration.ofMinutes(10);
    /** Wall time kept after the traffic for the last windows to close, merge and be evaluated. */
    static final Duration DRAIN = Duration.ofSeconds(50);
    private static final String MARKER = ".driftline-demo";

    /**
     * @param configFile the {@code --config} file (collector, streams and demo keys), or null
     * @param env        the environment ({@code DRIFTLINE_*}, {@code KAFKA_*}) the collector and streams read
     */
    public record Options(int seconds, Path summaryJson, Path dataDir, int port, int kafkaPort, int metricsPort,
                          long seed, Path lake, Path configFile, Map<String, String> env, boolean remediation,
                          int uiPort) {
        public Options {
            env = Map.copyOf(env);
        }
    }

    /**
     * What the demo sets itself, over any configuration: its own broker, state directory, application id, ports and
     * host, and the 5-minute windows its simulated two hours are laid out in.
     */
    public static final List<String> FIXED = List.of("bootstrap-servers", "streams.state-dir",
            "streams.application-id", "streams.window", "streams.metrics.port", "streams.metrics.host",
            "collector.port", "collector.host");

    private final Options options;
    private final PrintStream out;
    private final long startedNanos = System.nanoTime();
    private final Clock clock = Clock.systemUTC();
    private BrokerProcess broker;
    private Collector collector;
    private DriftlineStreams streams;
    private DemoLake lake;
    private DemoPrometheus.Setup prometheus;
    private PrometheusMeterRegistry registry;
    private LiveUi ui;

    private DemoRun(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static DemoRun start(Options o, PrintStream out) throws Exception {
        DemoRun run = new DemoRun(o, out);
        try {
            run.startParts();
        } catch (Exception | Error e) {
            run.close();
            throw e;
        }
        return run;
    }

    private void startParts() throws Exception {
        resetDataDir(options.dataDir());
        if (options.configFile() != null || options.env().keySet().stream().anyMatch(k -> k.startsWith("DRIFTLINE_"))) {
            out.println("demo: configuration from " + (options.configFile() == null ? "" : options.configFile() + " and ")
                    + "DRIFTLINE_*/KAFKA_* variables; the demo sets " + String.join(", ", FIXED) + " itself");
        }
        requirePortsFree();
        out.println("demo: starting Kafka 4.3.1 (KRaft, child process) on 127.0.0.1:" + options.kafkaPort());
        broker = BrokerProcess.start(options.dataDir().resolve("broker"), options.kafkaPort(), options.kafkaPort() + 1,
                Duration.ofSeconds(90));
        String servers = broker.bootstrapServers();
        CollectorSettings cs = CollectorSettings.from(layered(Config.builder(CollectorKeys.ALL)
                .openPrefix(CollectorKeys.REDACTION_MODEL_PREFIX)).flag(CollectorKeys.BOOTSTRAP_SERVERS, servers)
                .flag(CollectorKeys.PORT, options.port()).flag(CollectorKeys.HOST, "127.0.0.1")
                .flag(CollectorKeys.PRINT_CONFIG, false).build());
        collector = Collector.start(cs);
        if (!collector.awaitReady(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the collector did not see Kafka ready within 60 s");
        }
        out.println("demo: collector on http://127.0.0.1:" + collector.port() + "/ -> " + cs.eventsTopic());
        Config.Builder sb = Config.builder(StreamsKeys.ALL);
        StreamsKeys.OPEN_PREFIXES.forEach(sb::openPrefix);
        // no hand-set model-quality threshold: the baseline carries the model's training-time accuracy, and a
        // window more than 5 points below it is degraded (the default tolerance)
        Config streamsConfig = layered(sb).flag(StreamsKeys.BOOTSTRAP_SERVERS, servers)
                .flag(StreamsKeys.STATE_DIR, options.dataDir().resolve("streams-state"))
                .flag(StreamsKeys.APPLICATION_ID, "driftline-demo").flag(StreamsKeys.WINDOW, WINDOW.toMinutes() + "m")
                .flag(StreamsKeys.METRICS_PORT, options.metricsPort())
                .flag(StreamsKeys.METRICS_HOST, "127.0.0.1").build();
        StreamsSettings ss = oneStreamThreadUnlessSet(streamsConfig, StreamsSettings.from(streamsConfig));
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        streams = DriftlineStreams.start(ss, registry);
        if (!streams.awaitRunning(Duration.ofSeconds(90))) {
            throw new IllegalStateException("Kafka Streams did not reach RUNNING within 90 s (state "
                    + streams.kafkaStreams().state() + ")");
        }
        out.println("demo: streaming jobs running (exactly_once_v2, " + ss.streamThreadsPhrase() + "); metrics on "
                + metricsUrl());
        lake = DemoLake.start(options.lake().toAbsolutePath().normalize(), servers, registry, out);
        ui = LiveUi.start(servers, streams.settings().topics(), "127.0.0.1", options.uiPort());
        out.println("demo: live page on " + ui.url() + " (drift heatmap, distributions, model quality, alerts, "
                + "remediation; it follows the windows as they close)");
        prometheus = DemoPrometheus.write(options.dataDir(), collector.port(), streams.metricsPort());
        out.println("demo: Prometheus metrics on " + prometheus.metricsUrls().get(0) + " (collector) and "
                + prometheus.metricsUrls().get(1) + " (streams, lake sink); scrape config " + prometheus.config());
        out.println("demo: watch the shipped alert rules at http://127.0.0.1:9090/alerts (ModelDriftDetected fires "
                + "once the drift share has stayed over 0.3 for 10 min: add --keep-running) with: "
                + prometheus.command());
    }

    /** The baseline the demo published, as a file ({@code driftline report --baseline}). */
    public Path baselineFile() {
        return options.dataDir().resolve(DemoScenario.MODEL + "-baseline.json");
    }

    /** The Prometheus config, rules and command the demo wrote (null before start). */
    public DemoPrometheus.Setup prometheus() {
        return prometheus;
    }

    /**
     * The demo runs one stream thread unless {@code kafka.num.stream.threads} is set: the broker, the collector, the
     * lake sink and the remediation share the machine's cores with it, on a clock 150 times real time, and with
     * the service's default (one thread per processor) on 2 cores the remediation found too few labelled rows in the
     * lake when it prepared the training data ({@code DemoLoopIT}).
     */
    static StreamsSettings oneStreamThreadUnlessSet(Config c, StreamsSettings s) {
        if (c.kafkaProperties().containsKey(StreamsConfig.NUM_STREAM_THREADS_CONFIG)) {
            return s;
        }
        Properties kafka = new Properties();
        kafka.putAll(s.kafkaProperties());
        kafka.setProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
        return new StreamsSettings(s.bootstrapServers(), kafka, s.applicationId(), s.stateDir(), s.pipeline(),
                s.metricsPort(), s.metricsHost());
    }

    /**
     * The broker's two ports (its own and the controller's, the next one) and the collector's must be free and
     * differ: otherwise the broker would exit at start with the reason only in its log.
     */
    private void requirePortsFree() {
        int kafka = options.kafkaPort();
        if (options.port() == kafka || options.port() == kafka + 1) {
            throw new IllegalArgumentException("--port " + options.port() + " collides with the broker's ports "
                    + kafka + " and " + (kafka + 1) + " (--kafka-port and the controller's, the next one)");
        }
        if (!Ports.isFree(kafka)) {
            throw new IllegalStateException("port " + kafka + " (--kafka-port) is in use on 127.0.0.1: choose "
                    + "another with --kafka-port");
        }
        if (!Ports.isFree(kafka + 1)) {
            throw new IllegalStateException("port " + (kafka + 1) + " (the broker's controller, --kafka-port + 1) is "
                    + "in use on 127.0.0.1: choose another --kafka-port");
        }
    }

    private Config.Builder layered(Config.Builder b) {
        return DemoKeys.layered(b, options.configFile(), options.env());
    }

    private String metricsUrl() {
        return "http://127.0.0.1:" + streams.metricsPort() + "/metrics";
    }

    /** Publishes the baseline, sends the traffic and labels, waits for the last windows and prints the summary. */
    public ObjectNode play() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        WineModel model = WineModel.load();
        Baseline baseline = DemoScenario.baseline(model, clock);
        publishBaseline(baseline, mapper);
        Files.write(baselineFile(), BaselineCodec.INSTANCE.encode(baseline));
        out.printf("demo: baseline of model '%s' built from the bundled UCI Wine data (%d rows, %d features, "
                + "label %s, prediction %s) and published%n", DemoScenario.MODEL, model.size(),
                model.features().size(), WineModel.LABEL, DemoScenario.PREDICTION);

        Parts parts = new Parts();
        if (options.remediation()) {
            return new DemoLoop(parts, out).play(model, options.seed(), clock, mapper);
        }
        Duration span = WINDOW.multipliedBy(WINDOWS);
        Instant now = clock.instant();
        Instant simStart = Instant.ofEpochMilli(Math.floorDiv(now.minus(span).minus(Duration.ofHours(1))
                .toEpochMilli(), WINDOW.toMillis()) * WINDOW.toMillis());
        Instant driftStart = simStart.plus(WINDOW.multipliedBy(WINDOWS / 2));
        DemoScenario scenario = new DemoScenario(model, options.seed(), driftStart);
        int n = WINDOWS * INFERENCES_PER_WINDOW;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
        Duration wall = Duration.ofSeconds(options.seconds()).minus(elapsed).minus(DRAIN);
        if (wall.compareTo(Duration.ofSeconds(10)) < 0) {
            wall = Duration.ofSeconds(10);
        }
        try (DemoWatcher watcher = new DemoWatcher(parts.servers(), parts.topics(), out);
             DemoTraffic traffic = new DemoTraffic(collector.port(), parts.servers(), parts.topics())) {
            out.printf("demo: sending %d inferences of %d rows (%s .. %s simulated, shift from %s) over %d s%n", n,
                    DemoScenario.BATCH, simStart, simStart.plus(span), driftStart, wall.toSeconds());
            traffic.run(scenario, simStart, span, n, wall, LABEL_DELAY, out);
            out.println("demo: traffic done; waiting for the last windows to close and be evaluated ...");
            parts.awaitWindow(watcher, simStart.plus(span).minus(WINDOW).toString(), WINDOWS);
            ObjectNode summary = DemoSummary.build(parts.run(simStart, simStart.plus(span), driftStart, n, traffic,
                    WINDOWS, model), watcher, mapper);
            parts.finish(summary, watcher);
            return summary;
        }
    }

    /** The running parts, for the two ways of playing the demo. */
    final class Parts {
        String servers() {
            return broker.bootstrapServers();
        }

        dev.driftline.contracts.Topics topics() {
            return streams.settings().topics();
        }

        int collectorPort() {
            return collector.port();
        }

        Path dataDir() {
            return options.dataDir();
        }

        Path lake() {
            return options.lake().toAbsolutePath().normalize();
        }

        PrometheusMeterRegistry registry() {
            return registry;
        }

        /**
         * Waits until window {@code start} (ISO-8601), the last of {@code windows}, was reported (a progress bar every
         * 5 s), then a second for its alerts and quality.
         */
        void awaitWindow(DemoWatcher watcher, String start, int windows) throws InterruptedException {
            long deadline = System.nanoTime() + DRAIN.plusSeconds(60).toNanos();
            long lastReport = System.nanoTime();
            while (System.nanoTime() < deadline && !watcher.reports.containsKey(start)) {
                Thread.sleep(250);
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    int done = watcher.reports.size();
                    out.printf("demo: %s %d of %d windows evaluated; the last closes once the stream has been quiet "
                            + "for its grace%n", Progress.bar(done, windows, 20), done, windows);
                }
            }
            Thread.sleep(1000); // alerts and quality updates of the last window follow its report
        }

        DemoSummary.Run run(Instant simStart, Instant simEnd, Instant driftStart, long inferences,
                            DemoTraffic traffic, int windows, WineModel model) {
            if (traffic.retried.get() > 0) {
                out.println("demo: " + traffic.retried.get() + " events were answered 503 (Kafka slow) and sent again");
            }
            if (traffic.refused.get() > 0) {
                out.println("demo: " + traffic.refused.get() + " events were refused; last: " + traffic.lastRefusal);
            }
            return new DemoSummary.Run(simStart, simEnd, WINDOW, driftStart, inferences, traffic.accepted.get(),
                    traffic.refused.get(), traffic.retried.get(), traffic.labelsSent.get(),
                    traffic.malformedAccepted.get(), windows, model.features(),
                    "http://127.0.0.1:" + collector.port() + "/", metricsUrl(),
                    Duration.ofNanos(System.nanoTime() - startedNanos));
        }

        /** Adds the lake's figures, prints the summary and writes it as JSON when asked. */
        void finish(ObjectNode summary, DemoWatcher watcher) throws Exception {
            ObjectMapper mapper = new ObjectMapper();
            lake.awaitCaughtUp(Duration.ofSeconds(30));
            ObjectNode lakeSummary = lake.summary(mapper);
            summary.set("lake", lakeSummary);
            DemoSummary.print(summary, DemoSummary.opened(watcher), topics(), out);
            lake.print(lakeSummary, out);
            if (options.summaryJson() != null) {
                Path f = options.summaryJson().toAbsolutePath();
                Files.createDirectories(f.getParent());
                mapper.writerWithDefaultPrettyPrinter().writeValue(f.toFile(), summary);
                out.println("demo: summary written to " + f);
            }
        }
    }

    int collectorPort() {
        return collector.port();
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    dev.driftline.contracts.Topics topics() {
        return streams.settings().topics();
    }

    void publishBaseline(Baseline b, ObjectMapper mapper) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(streams.settings().topics().baselines.name(), b.model(),
                    mapper.writeValueAsBytes(BaselineCodec.toJson(b, mapper)))).get(30, TimeUnit.SECONDS);
        }
        Thread.sleep(1000); // the global baselines table reads it before the first events are normalised
    }

    /** Empties the demo's data dir; refuses a non-empty directory the demo did not create. */
    static void resetDataDir(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent() && !Files.exists(dir.resolve(MARKER))) {
                    throw new IllegalStateException(dir.toAbsolutePath() + " is not empty and was not made by the "
                            + "demo; choose another --data-dir");
                }
            }
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(dir)) {
                        Files.delete(p);
                    }
                }
            }
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKER), "made by driftline demo; emptied at each start\n");
    }

    /** The live page's address (null before start). */
    public String uiUrl() {
        return ui == null ? null : ui.url();
    }

    @Override
    public void close() {
        if (ui != null) {
            ui.close();
        }
        if (lake != null) {
            lake.close();
        }
        if (streams != null) {
            streams.close();
        }
        if (collector != null) {
            collector.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
