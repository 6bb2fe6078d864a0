package dev.driftline.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.config.Config;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineJson;
import dev.driftline.drift.profile.FeatureProfile;
import dev.driftline.drift.profile.ProfileCodec;
import dev.driftline.streams.PartialWindow;
import dev.driftline.streams.TopicCreator;
import dev.driftline.contracts.Topics;
import dev.driftline.streams.WindowMergeProcessor;
import dev.driftline.streams.WindowProfilerProcessor;
import dev.driftline.streams.app.DriftlineStreams;
import dev.driftline.streams.app.StreamsKeys;
import dev.driftline.streams.app.StreamsSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * {@code driftline bench pipeline}: one broker, one topic of pre-loaded inference events in the collector's format,
 * and in the same run
 * <ol>
 *   <li>A, a raw {@code KafkaConsumer} loop reading the topic (read_committed): the broker/client ceiling;</li>
 *   <li>B, a parse-only Kafka Streams topology ({@link ParseOnlyTopology}) with {@code exactly_once_v2}: the
 *   framework's floor;</li>
 *   <li>C, the real pipeline ({@link DriftlineStreams}: pairing, normalisation, window profiles, merge, drift
 *   evaluation, and whatever else the build wires in) with {@code exactly_once_v2} — the figure;</li>
 *   <li>D, live traffic in real time with a short window and a staggered covariate shift: detection latency from a
 *   window's end (event time) to the first alert (or drift report) of that window visible to a read_committed
 *   consumer.</li>
 * </ol>
 * Each phase first runs unwarmed and unmeasured for {@code warmup} (A: passes; B: one pass with its own application
 * id; C: the pipeline on a copy of the traffic under {@code <prefix>warmup.}), so the JIT has compiled the hot paths.
 * B and C are timed from their first committed offset of the input topic to the moment the application's committed
 * offsets reach the topic's end offsets (so start-up, rebalance and state creation are excluded from both, and both
 * include committing their transactions); A from its first poll to its last record. The topic is sized for C; A and
 * B, much faster, repeat whole passes (B with a fresh application id each) until they have measured
 * {@code minSeconds}, and report the events of all passes over their measured time.
 */
public final class PipelineBenchmark {
    public static final String MODEL = "bench-model";
    private static final long POLL_MS = 100;

    /** What to run. {@code events} = input Kafka records (a request and a response per inference). */
    public record Options(long events, int features, int batch, int windows, Duration window, Duration cap,
                          Duration minSeconds, Duration warmup, Duration drain, Integer streamThreads, String topicPrefix, long seed, int baselineRows,
                          Duration latencySpan, Duration latencyWindow, Duration latencyGrace,
                          Duration latencySettle, int latencyRate) {
    }

    /** A throughput phase: the events it processed within {@code seconds} after its start-up. */
    record Measured(double startupSeconds, long processed, double seconds, boolean complete,
                    Map<String, Double> thread, double jvmCpuCores, double loadAverage, int passes) {
        double perSecond() {
            return seconds <= 0 ? 0 : processed / seconds;
        }
    }

    /** Stream-thread metrics sampled while a Streams phase is measured: where the thread's time goes. */
    static final List<String> THREAD_METRICS = List.of("process-ratio", "punctuate-ratio", "commit-ratio",
            "poll-ratio", "commit-latency-avg", "poll-records-avg", "process-records-avg");

    /**
     * Averages of {@link #THREAD_METRICS} over samples (and over stream threads), and the JVM's CPU use, over the
     * measured intervals only ({@link #start}..{@link #stop}, possibly several passes).
     */
    private static final class Sampler {
        private final Map<String, double[]> sums = new TreeMap<>();
        private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        private KafkaStreams streams;
        private long cpu0 = -1;
        private long wall0;
        private long cpuSum;
        private long wallSum;
        private double loadSum;
        private int loadSamples;

        void start(KafkaStreams measured) {
            streams = measured;
            cpu0 = os.getProcessCpuTime();
            wall0 = System.nanoTime();
            sampleLoad();
        }

        void stop() {
            if (cpu0 >= 0) {
                cpuSum += os.getProcessCpuTime() - cpu0;
                wallSum += System.nanoTime() - wall0;
                cpu0 = -1;
            }
            sampleLoad();
        }

        private void sampleLoad() {
            double load = os.getSystemLoadAverage();
            if (load >= 0) {
                loadSum += load;
                loadSamples++;
            }
        }

        void sample() {
            sampleLoad();
            if (streams == null) {
                return;
            }
            Map<String, double[]> now = new HashMap<>();
            streams.metrics().forEach((name, metric) -> {
                if (name.group().equals("stream-thread-metrics") && THREAD_METRICS.contains(name.name())
                        && metric.metricValue() instanceof Number n && Double.isFinite(n.doubleValue())) {
                    double[] v = now.computeIfAbsent(name.name(), k -> new double[2]);
                    v[0] += n.doubleValue();
                    v[1]++;
                }
            });
            now.forEach((k, v) -> {
                double[] acc = sums.computeIfAbsent(k, x -> new double[2]);
                acc[0] += v[0] / v[1];
                acc[1]++;
            });
        }

        Map<String, Double> thread() {
            Map<String, Double> out = new TreeMap<>();
            sums.forEach((k, v) -> out.put(k, v[1] == 0 ? Double.NaN : v[0] / v[1]));
            return out;
        }

        double cpuCores() {
            return wallSum == 0 ? Double.NaN : (double) cpuSum / wallSum;
        }

        double loadAverage() {
            return loadSamples == 0 ? Double.NaN : loadSum / loadSamples;
        }
    }

    /** Accumulates passes of a phase. */
    private static final class Passes {
        final Sampler sampler = new Sampler();
        long processed;
        double seconds;
        double startupSeconds;
        int passes;
        boolean complete = true;

        void add(long n, double s, double startup, boolean whole) {
            processed += n;
            seconds += s;
            startupSeconds += startup;
            passes++;
            complete &= whole;
        }

        Measured measured() {
            return new Measured(passes == 0 ? 0 : startupSeconds / passes, processed, seconds, complete,
                    sampler.thread(), sampler.cpuCores(), sampler.loadAverage(), passes);
        }
    }

    private final Options o;
    private final String bootstrap;
    private final ObjectMapper mapper = new ObjectMapper();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);

    public PipelineBenchmark(Options o, String bootstrap) {
        this.o = o;
        this.bootstrap = bootstrap;
    }

    public ObjectNode run() throws Exception {
        Path stateRoot = Files.createTempDirectory("driftline-bench-pipeline");
        try {
            return runIn(stateRoot);
        } finally {
            deleteRecursively(stateRoot);
        }
    }

    private ObjectNode runIn(Path stateRoot) throws Exception {
        ObjectNode r = mapper.createObjectNode();
        Topics topics = new Topics(o.topicPrefix());
        String eventsTopic = topics.inferenceEvents.name();
        Properties adminProps = new Properties();
        adminProps.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(adminProps)) {
            ensureTopics(admin, topics);
            if (sum(endOffsets(admin, eventsTopic)) > 0) {
                throw new IllegalStateException(eventsTopic + " already holds records; give another --topic-prefix");
            }
            PipelineEvents gen = new PipelineEvents(MODEL, o.features(), o.batch(), o.seed());
            long inferences = o.events() / 2;
            long windowMs = o.window().toMillis();
            long span = windowMs * o.windows();
            long now = System.currentTimeMillis();
            long first = Math.floorDiv(now - span - Duration.ofHours(1).toMillis(), windowMs) * windowMs;

            progress(String.format(Locale.ROOT, "pre-loading %s with %d events (%d inferences × %d rows × %d "
                    + "features, KServe V2, event times over %d windows of %s) ...", eventsTopic, inferences * 2,
                    inferences, o.batch(), o.features(), o.windows(), o.window()));
            long bodyBytes = preload(gen, eventsTopic, inferences, first, span);
            Map<TopicPartition, Long> end = endOffsets(admin, eventsTopic);
            long total = sum(end);
            if (total != inferences * 2) {
                throw new IllegalStateException("the topic holds " + total + " records, expected " + inferences * 2);
            }
            long lastTime = first + (long) ((double) span * (inferences - 1) / inferences);
            TreeSet<Long> windowsInData = new TreeSet<>();
            for (long w = first; w <= lastTime; w += windowMs) {
                windowsInData.add(w);
            }
            Baseline baseline = gen.baseline(o.baselineRows(), o.seed() + 1, Clock.systemUTC());
            publishBaseline(topics.baselines.name(), baseline);

            StreamsSettings pipelineSettings = settings(o.topicPrefix(), "driftline-bench-pipeline-" + runId,
                    stateRoot.resolve("pipeline"), o.window(), null, null);

            System.gc();
            progress("A raw consumer (KafkaConsumer loop, read_committed) over " + total + " events");
            Measured a = rawConsumer(end, total);
            progress(String.format(Locale.ROOT, "    %.0f events/s (%.2f s in %d passes)", a.perSecond(), a.seconds(),
                    a.passes()));

            System.gc();
            progress("B parse-only Kafka Streams topology (exactly_once_v2, Jackson readTree of every body)");
            ParseOnlyTopology.Counters counters = new ParseOnlyTopology.Counters();
            Measured b = parseOnly(admin, pipelineSettings, stateRoot.resolve("parse-only"), eventsTopic, end, total,
                    counters);
            progress(String.format(Locale.ROOT, "    %.0f events/s (%.2f s in %d passes; start-up %.1f s; %d parsed, %d "
                    + "failed)", b.perSecond(), b.seconds(), b.passes(), b.startupSeconds(), counters.parsed.sum(),
                    counters.failed.sum()));

            if (!o.warmup().isZero()) {
                progress("C warm-up: the pipeline for " + o.warmup().toSeconds() + " s on a copy of the traffic "
                        + "(topics " + o.topicPrefix() + "warmup.*), not measured");
                warmUpPipeline(admin, stateRoot.resolve("warmup"), inferences, first, span);
            }
            System.gc();
            progress("C driftline pipeline (DriftlineStreams, exactly_once_v2, window " + o.window() + ")");
            Pipeline c = pipeline(admin, pipelineSettings, topics, end, total, windowsInData);
            progress(String.format(Locale.ROOT, "    %.0f events/s = %.0f rows/s = %.0f feature values/s (%.2f s;"
                    + " start-up %.1f s)", c.measured.perSecond(), c.measured.perSecond() / 2 * o.batch(),
                    c.measured.perSecond() / 2 * o.batch() * o.features(), c.measured.seconds(),
                    c.measured.startupSeconds()));
            progress(String.format(Locale.ROOT, "    %d of %d windows reported (%d rows of %d); state %.0f B per "
                    + "model×feature×window", c.windowsReported, windowsInData.size(), c.rowsReported,
                    inferences * o.batch(), c.stateBytesPerFeatureWindow));

            double rowsPerEvent = o.batch() / 2.0;
            r.put("benchmark", "pipeline");
            r.put("cores", Runtime.getRuntime().availableProcessors());
            r.put("processing_guarantee", StreamsConfig.EXACTLY_ONCE_V2);
            r.put("stream_threads", Integer.parseInt(pipelineSettings.kafkaProperties()
                    .getProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1")));
            r.put("events", total);
            r.put("inferences", inferences);
            r.put("rows", inferences * o.batch());
            r.put("rows_per_inference", o.batch());
            r.put("features", o.features());
            r.put("profiled_columns", o.features() + 1);
            r.put("avg_event_body_bytes", Math.round((double) bodyBytes / total));
            r.put("windows_in_data", windowsInData.size());
            r.put("event_time_inferences_per_s", round3(inferences / (span / 1000.0)));
            r.put("window_s", o.window().toSeconds());
            r.put("grace_s", pipelineSettings.window().grace().toSeconds());
            r.put("unit_note", "events = input Kafka records (request + response per inference); ratios compare "
                    + "events/s with events/s; rows = batch rows (1 row = 1 InferenceRecord), feature values = rows "
                    + "× features (the prediction column is profiled too but not counted)");

            r.put("raw_consumer_events_per_s", round(a.perSecond()));
            r.put("parse_only_events_per_s", round(b.perSecond()));
            r.put("pipeline_events_per_s", round(c.measured.perSecond()));
            r.put("pipeline_inferences_per_s", round(c.measured.perSecond() / 2));
            r.put("pipeline_rows_per_s", round(c.measured.perSecond() * rowsPerEvent));
            r.put("pipeline_feature_values_per_s", round(c.measured.perSecond() * rowsPerEvent * o.features()));
            r.put("ratio_to_parse_only", round3(c.measured.perSecond() / b.perSecond()));
            r.put("ratio_to_raw_consumer", round3(c.measured.perSecond() / a.perSecond()));
            r.put("parse_only_ratio_to_raw_consumer", round3(b.perSecond() / a.perSecond()));
            r.put("goal_ratio_to_parse_only", 0.5);
            r.put("goal_feature_values_per_s", 400_000);
            r.put("raw_consumer_s", round3(a.seconds()));
            r.put("raw_consumer_passes", a.passes());
            r.put("parse_only_s", round3(b.seconds()));
            r.put("parse_only_passes", b.passes());
            r.put("pipeline_s", round3(c.measured.seconds()));
            r.put("parse_only_startup_s", round3(b.startupSeconds()));
            r.put("pipeline_startup_s", round3(c.measured.startupSeconds()));
            r.put("complete", a.complete() && b.complete() && c.measured.complete());
            diagnostics(r, "raw_consumer", a);
            diagnostics(r, "parse_only", b);
            diagnostics(r, "pipeline", c.measured);
            r.put("parse_only_failed", counters.failed.sum());
            r.put("pipeline_windows_reported_at_ingest_end", c.windowsAtIngestEnd);
            r.put("pipeline_windows_reported", c.windowsReported);
            r.put("pipeline_rows_reported", c.rowsReported);
            r.put("pipeline_rows_missing_from_reports", inferences * o.batch() - c.rowsReported);
            r.put("pipeline_late_records_after_grace", Double.isNaN(c.lateAfterGrace) ? null
                    : Long.valueOf((long) c.lateAfterGrace));
            r.put("pipeline_late_records_after_wall_close", Double.isNaN(c.lateWindowClosed) ? null
                    : Long.valueOf((long) c.lateWindowClosed));
            r.put("warmup_s", o.warmup().toSeconds());
            r.put("pipeline_all_windows_reported_s", c.allReportedSeconds < 0 ? null : round3(c.allReportedSeconds));
            r.put("state_bytes_per_model_feature_window", round(c.stateBytesPerFeatureWindow));
            r.put("state_bytes_definition", "ProfileCodec bytes of the profiles of every task's PartialWindow of a "
                    + "(model, window), as read back from window.partials at window close, divided by the profiled "
                    + "columns (features + prediction), mean over windows: the window state held across tasks");
            r.put("merged_profile_bytes_per_feature", round(c.mergedBytesPerFeature));
            r.put("partials_per_window", round3(c.partialsPerWindow));
            r.put("changelog_bytes_per_model_feature_window", round(c.changelogBytesPerFeatureWindow));
            r.put("changelog_bytes_definition", "bytes of the window-partials and window-merge changelog topics on "
                    + "the broker after phase C (snapshots and per-row redo entries, before compaction) / (models × "
                    + "profiled columns × windows in the data)");

            if (!o.latencySpan().isZero()) {
                System.gc();
                latency(admin, stateRoot.resolve("live"), r);
            }
            return r;
        }
    }

    // ---------------------------------------------------------------- pre-load

    private long preload(PipelineEvents gen, String topic, long inferences, long first, long span)
            throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L << 20));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "120000");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1"); // no reordered retries; batches are large
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "driftline-bench-preload");
        AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; i < inferences; i++) {
                Instant t = Instant.ofEpochMilli(first + (long) ((double) span * i / inferences));
                PipelineEvents.Inference inf = gen.next("bench-" + runId + "-" + i, t, null);
                bytes += inf.request().length + inf.response().length;
                for (ProducerRecord<byte[], byte[]> rec : gen.records(topic, inf)) {
                    producer.send(rec, (m, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                }
                if (failure.get() != null) {
                    break;
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("pre-loading failed: " + failure.get().getMessage(), failure.get());
        }
        double s = (System.nanoTime() - t0) / 1e9;
        progress(String.format(Locale.ROOT, "    %d events, %.1f MB in %.1f s", inferences * 2, bytes / 1e6, s));
        return bytes;
    }

    private void publishBaseline(String topic, Baseline b) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, b.model().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    mapper.writeValueAsBytes(BaselineJson.toJson(b, mapper)))).get(30, TimeUnit.SECONDS);
        }
    }

    // ---------------------------------------------------------------- A: raw consumer

    /** Whole passes over the topic (seek to the beginning) until at least --min-seconds were measured. */
    private Measured rawConsumer(Map<TopicPartition, Long> end, long total) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "driftline-bench-raw-consumer");
        Passes passes = new Passes();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>(end.keySet());
            consumer.assign(parts);
            Passes warmup = new Passes();
            while (warmup.seconds < o.warmup().toSeconds()) {
                consumerPass(consumer, parts, total, warmup, o.warmup());
            }
            do {
                consumerPass(consumer, parts, total, passes, o.cap());
            } while (passes.seconds < o.minSeconds().toSeconds() && passes.complete);
        }
        return passes.measured();
    }

    private static void consumerPass(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> parts, long total,
                                     Passes passes, Duration cap) {
        consumer.seekToBeginning(parts);
        parts.forEach(consumer::position); // offset look-ups before the clock starts
        passes.sampler.start(null);
        long count = 0;
        long t0 = System.nanoTime();
        while (count < total && System.nanoTime() - t0 < cap.toNanos()) {
            count += consumer.poll(Duration.ofMillis(POLL_MS)).count();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        passes.sampler.stop();
        passes.add(count, s, 0, count >= total);
    }

    // ---------------------------------------------------------------- B: parse-only Streams

    /** Passes with a fresh application id each until at least --min-seconds were measured. */
    private Measured parseOnly(Admin admin, StreamsSettings like, Path stateDir, String topic,
                               Map<TopicPartition, Long> end, long total, ParseOnlyTopology.Counters counters)
            throws Exception {
        if (!o.warmup().isZero()) {
            parsePass(admin, like, stateDir, topic, end, total, new ParseOnlyTopology.Counters(), "warmup",
                    new Passes(), o.warmup());
        }
        Passes passes = new Passes();
        do {
            parsePass(admin, like, stateDir, topic, end, total, counters, Integer.toString(passes.passes), passes,
                    o.cap());
        } while (passes.seconds < o.minSeconds().toSeconds() && passes.complete);
        return passes.measured();
    }

    private void parsePass(Admin admin, StreamsSettings like, Path stateDir, String topic,
                           Map<TopicPartition, Long> end, long total, ParseOnlyTopology.Counters counters,
                           String pass, Passes passes, Duration cap) throws Exception {
        String appId = "driftline-bench-parse-" + runId + "-" + pass;
        Properties p = new Properties();
        p.putAll(like.kafkaProperties());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        long start = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(ParseOnlyTopology.build(topic, counters), p)) {
            streams.start();
            measureCommitted(admin, appId, end, total, start, streams, passes, cap);
        }
    }

    private static boolean failed(KafkaStreams s) {
        KafkaStreams.State st = s.state();
        return st == KafkaStreams.State.ERROR || st == KafkaStreams.State.NOT_RUNNING
                || st == KafkaStreams.State.PENDING_ERROR;
    }

    /**
     * Polls the group's committed offsets of the input topic until they reach its end offsets (or the cap). The clock
     * starts at the first sample that shows a committed offset; what was committed by then is not counted.
     */
    private void measureCommitted(Admin admin, String group, Map<TopicPartition, Long> end, long total,
                                  long startNanos, KafkaStreams streams, Passes passes, Duration cap)
            throws Exception {
        long t0 = -1;
        long d0 = 0;
        long startupDeadline = startNanos + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            Thread.sleep(POLL_MS);
            long done = committed(admin, group, end);
            long now = System.nanoTime();
            if (t0 < 0 && done > 0) {
                t0 = now;
                d0 = done;
                passes.sampler.start(streams);
            } else if (t0 >= 0) {
                passes.sampler.sample();
            }
            boolean capped = t0 >= 0 && now - t0 > cap.toNanos();
            if ((done >= total && t0 >= 0 && now > t0) || capped) {
                passes.sampler.stop();
                if (done < total && cap.equals(o.cap())) {
                    progress("    stopped at the --seconds cap: " + done + " of " + total + " events committed");
                }
                passes.add(done - d0, (now - t0) / 1e9, (t0 - startNanos) / 1e9, done >= total);
                return;
            }
            if (failed(streams)) {
                throw new IllegalStateException("Kafka Streams application " + group + " failed (see the log)");
            }
            if (t0 < 0 && now > startupDeadline) {
                throw new IllegalStateException(group + " committed nothing within 180 s");
            }
        }
    }

    private static long committed(Admin admin, String group, Map<TopicPartition, Long> end) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long sum = 0;
        for (TopicPartition tp : end.keySet()) {
            OffsetAndMetadata om = m.get(tp);
            if (om != null) {
                sum += om.offset();
            }
        }
        return sum;
    }

    // ---------------------------------------------------------------- C: the pipeline

    private static final class Pipeline {
        Measured measured;
        int windowsAtIngestEnd;
        int windowsReported;
        long rowsReported;
        double allReportedSeconds = -1;
        double stateBytesPerFeatureWindow;
        double mergedBytesPerFeature;
        double partialsPerWindow;
        double changelogBytesPerFeatureWindow;
        double lateAfterGrace = Double.NaN;
        double lateWindowClosed = Double.NaN;
    }

    /** The pipeline's own count of records dropped because their window had closed (NaN when not registered). */
    private static double late(PrometheusMeterRegistry registry, String reason) {
        io.micrometer.core.instrument.FunctionCounter fc = registry.find("driftline.late.records")
                .tag("reason", reason).functionCounter();
        return fc == null ? Double.NaN : fc.count();
    }

    /**
     * Runs the pipeline unmeasured for --warmup-seconds on its own copy of the traffic (prefix {@code
     * <prefix>warmup.}, own application id), so the JIT has compiled its hot paths before C is measured; the
     * measured run must not read the warm-up's outputs, hence the separate topics.
     */
    private void warmUpPipeline(Admin admin, Path stateDir, long inferences, long first, long span)
            throws Exception {
        String prefix = o.topicPrefix() + "warmup.";
        Topics topics = new Topics(prefix);
        ensureTopics(admin, topics);
        PipelineEvents gen = new PipelineEvents(MODEL, o.features(), o.batch(), o.seed() + 13);
        preload(gen, topics.inferenceEvents.name(), inferences, first, span);
        publishBaseline(topics.baselines.name(), gen.baseline(o.baselineRows(), o.seed() + 1, Clock.systemUTC()));
        Map<TopicPartition, Long> end = endOffsets(admin, topics.inferenceEvents.name());
        StreamsSettings s = settings(prefix, "driftline-bench-warmup-" + runId, stateDir, o.window(), null, null);
        long start = System.nanoTime();
        try (DriftlineStreams app = DriftlineStreams.start(s, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            measureCommitted(admin, s.applicationId(), end, sum(end), start, app.kafkaStreams(), new Passes(),
                    o.warmup());
        }
    }

    private Pipeline pipeline(Admin admin, StreamsSettings s, Topics topics, Map<TopicPartition, Long> end,
                              long total, TreeSet<Long> windowsInData) throws Exception {
        Pipeline c = new Pipeline();
        try (OutputWatcher watcher = new OutputWatcher(bootstrap, topics.drift.name(), null)) {
            long start = System.nanoTime();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (DriftlineStreams app = DriftlineStreams.start(s, registry)) {
                Passes passes = new Passes();
                measureCommitted(admin, s.applicationId(), end, total, start, app.kafkaStreams(), passes, o.cap());
                c.measured = passes.measured();
                c.lateAfterGrace = late(registry, "after_grace");
                c.lateWindowClosed = late(registry, "after_wall_close");
                c.windowsAtIngestEnd = watcher.reports.size();
                progress("    input consumed; waiting up to " + o.drain().toSeconds() + " s for the last windows to "
                        + "close (grace, idle) and be evaluated ...");
                long deadline = System.nanoTime() + o.drain().toNanos();
                while (!watcher.reports.keySet().containsAll(windowsInData) && System.nanoTime() < deadline
                        && !failed(app.kafkaStreams())) {
                    Thread.sleep(POLL_MS);
                }
                if (watcher.reports.keySet().containsAll(windowsInData)) {
                    c.allReportedSeconds = (System.nanoTime() - start) / 1e9 - c.measured.startupSeconds();
                }
                Thread.sleep(500);
                c.windowsReported = (int) watcher.reports.keySet().stream().filter(windowsInData::contains).count();
                c.rowsReported = watcher.rowsReported();
                stateBytes(topics.partialProfiles.name(), c);
                changelogBytes(admin, s.applicationId(), windowsInData.size(), c);
            }
        }
        return c;
    }

    /** Reads every partial back from window.partials and sizes its profiles. */
    private void stateBytes(String partialsTopic, Pipeline c) {
        Map<Long, List<PartialWindow>> byWindow = new TreeMap<>();
        readAll(partialsTopic, rec -> {
            PartialWindow p = PartialWindow.fromBytes(rec.value());
            byWindow.computeIfAbsent(p.windowStart(), k -> new ArrayList<>()).add(p);
        });
        double perFeature = 0;
        double merged = 0;
        long partials = 0;
        for (List<PartialWindow> ps : byWindow.values()) {
            long bytes = 0;
            for (PartialWindow p : ps) {
                bytes += profileBytes(p);
            }
            PartialWindow m = PartialWindow.fromBytes(ps.get(0).toBytes());
            for (int i = 1; i < ps.size(); i++) {
                m.mergeFrom(ps.get(i));
            }
            int columns = Math.max(1, m.profiles().size());
            perFeature += (double) bytes / columns;
            merged += (double) profileBytes(m) / columns;
            partials += ps.size();
        }
        int n = Math.max(1, byWindow.size());
        c.stateBytesPerFeatureWindow = perFeature / n;
        c.mergedBytesPerFeature = merged / n;
        c.partialsPerWindow = (double) partials / n;
    }

    private static long profileBytes(PartialWindow p) {
        long b = 0;
        for (FeatureProfile f : p.profiles().values()) {
            b += ProfileCodec.toBytes(f).length;
        }
        return b;
    }

    private void changelogBytes(Admin admin, String appId, int windows, Pipeline c) throws Exception {
        List<String> names = List.of(appId + "-" + WindowProfilerProcessor.STORE + "-changelog",
                appId + "-" + WindowMergeProcessor.STORE + "-changelog");
        List<Integer> ids = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(Node::id).toList();
        long bytes = 0;
        for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(ids).allDescriptions()
                .get(30, TimeUnit.SECONDS).values()) {
            for (LogDirDescription d : dirs.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> e : d.replicaInfos().entrySet()) {
                    if (names.contains(e.getKey().topic())) {
                        bytes += e.getValue().size();
                    }
                }
            }
        }
        c.changelogBytesPerFeatureWindow = (double) bytes / ((double) (o.features() + 1) * Math.max(1, windows));
    }

    private void readAll(String topic, java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(POLL_MS)).forEach(each);
            }
        }
    }

    // ---------------------------------------------------------------- D: detection latency

    private void latency(Admin admin, Path stateDir, ObjectNode r) throws Exception {
        String prefix = o.topicPrefix() + "live.";
        Topics live = new Topics(prefix);
        ensureTopics(admin, live);
        PipelineEvents gen = new PipelineEvents(MODEL, o.features(), o.batch(), o.seed() + 7);
        publishBaseline(live.baselines.name(), gen.baseline(o.baselineRows(), o.seed() + 1, Clock.systemUTC()));
        StreamsSettings s = settings(prefix, "driftline-bench-live-" + runId, stateDir, o.latencyWindow(),
                o.latencyGrace(), o.latencySettle());
        long windowMs = o.latencyWindow().toMillis();
        progress(String.format(Locale.ROOT, "D detection latency: live traffic at %d inferences/s (event time = wall "
                + "time), window %s, grace %s, merge settle %s, features f00..f%02d shifted by %.1f sd in a "
                + "staggered 2-of-5-windows schedule", o.latencyRate(), o.latencyWindow(), o.latencyGrace(),
                o.latencySettle(), Math.min(PipelineEvents.SHIFT_PERIOD, o.features()) - 1, PipelineEvents.SHIFT_STDS));
        List<Long> measured = new ArrayList<>();
        long trafficStart;
        try (OutputWatcher watcher = new OutputWatcher(bootstrap, live.drift.name(), live.alerts.name());
             DriftlineStreams app = DriftlineStreams.start(s, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            if (!app.awaitRunning(Duration.ofSeconds(120))) {
                throw new IllegalStateException("the live pipeline did not reach RUNNING (state "
                        + app.kafkaStreams().state() + ")");
            }
            Thread.sleep(1000); // the global baselines table has read the baseline
            try (LiveTraffic traffic = new LiveTraffic(gen, live.inferenceEvents.name(), windowMs)) {
                trafficStart = traffic.startMs;
                long firstWindow = Math.floorDiv(trafficStart + windowMs - 1, windowMs) * windowMs;
                long lastEnd = Math.max(firstWindow + windowMs,
                        Math.floorDiv(trafficStart + o.latencySpan().toMillis(), windowMs) * windowMs);
                for (long w = firstWindow; w + windowMs <= lastEnd; w += windowMs) {
                    measured.add(w);
                }
                long deadline = lastEnd + o.latencySettle().toMillis() + 2 * windowMs + o.latencyGrace().toMillis()
                        + 30_000;
                long lastProgress = System.currentTimeMillis();
                while (!watcher.reports.keySet().containsAll(measured) && System.currentTimeMillis() < deadline
                        && !failed(app.kafkaStreams())) {
                    Thread.sleep(POLL_MS);
                    if (traffic.failure.get() != null) {
                        throw new IllegalStateException("live traffic failed: " + traffic.failure.get(),
                                traffic.failure.get());
                    }
                    if (System.currentTimeMillis() - lastProgress >= 10_000) {
                        lastProgress = System.currentTimeMillis();
                        progress(String.format(Locale.ROOT, "    %d s: %d inferences sent, %d windows reported, %d "
                                + "alerts", (lastProgress - trafficStart) / 1000, traffic.sent.get(),
                                watcher.reports.size(), watcher.alerts.get()));
                    }
                }
                Thread.sleep(2000); // alerts of the last measured window follow its report
                r.put("latency_inferences_sent", traffic.sent.get());
            }
            List<Long> driftMs = new ArrayList<>();
            List<Long> alertMs = new ArrayList<>();
            for (long w : measured) {
                OutputWatcher.Report rep = watcher.reports.get(w);
                if (rep != null) {
                    driftMs.add(rep.firstSeenMs() - (w + windowMs));
                }
                OutputWatcher.FirstAlert a = watcher.firstAlerts.get(w + windowMs);
                if (a != null) {
                    alertMs.add(a.seenMs() - (w + windowMs));
                }
            }
            boolean alerts = watcher.alerts.get() > 0;
            List<Long> main = alerts ? alertMs : driftMs;
            r.put("detection_latency_source", alerts ? "alerts" : "drift_reports");
            r.put("detection_latency_definition", "per window: wall time a read_committed consumer first received "
                    + (alerts ? "an alert (open or resolved) on " + live.alerts.name()
                    : "the drift report on " + live.drift.name() + " (no alert records were produced: no alert "
                    + "stage in this build)") + " of that window minus the window's end (event time = wall time of "
                    + "the traffic); windows that had traffic from start to end and whose report is driven by stream"
                    + " time (traffic continues past them)");
            r.put("detection_latency_p50_ms", percentileOrNull(main, 50));
            r.put("detection_latency_p99_ms", percentileOrNull(main, 99));
            r.put("detection_latency_max_ms", main.isEmpty() ? null : Long.valueOf(main.stream().mapToLong(x -> x)
                    .max().getAsLong()));
            r.put("detection_latency_windows", main.size());
            r.put("detection_latency_goal_p99_ms", o.latencyGrace().toMillis() + 2000);
            r.put("drift_report_latency_p50_ms", percentileOrNull(driftMs, 50));
            r.put("drift_report_latency_p99_ms", percentileOrNull(driftMs, 99));
            r.put("alert_latency_p50_ms", percentileOrNull(alertMs, 50));
            r.put("alert_latency_p99_ms", percentileOrNull(alertMs, 99));
            r.put("latency_windows_measured", measured.size());
            r.put("latency_windows_with_alert", alertMs.size());
            r.put("latency_alerts_received", watcher.alerts.get());
            ObjectNode kinds = r.putObject("latency_alerts_by_kind_state");
            new TreeMap<>(watcher.alertsByKindAndState).forEach((k, v) -> kinds.put(k, v.get()));
            r.put("latency_window_s", o.latencyWindow().toSeconds());
            r.put("latency_grace_s", o.latencyGrace().toSeconds());
            r.put("latency_merge_settle_s", o.latencySettle().toSeconds());
            r.put("latency_rate_inferences_per_s", o.latencyRate());
            progress(String.format(Locale.ROOT, "    %s: p50 %s ms, p99 %s ms over %d windows (drift reports: p50 %s,"
                    + " p99 %s ms; %d alerts)", alerts ? "alerts" : "drift reports", percentileOrNull(main, 50),
                    percentileOrNull(main, 99), main.size(), percentileOrNull(driftMs, 50),
                    percentileOrNull(driftMs, 99), watcher.alerts.get()));
        }
    }

    /** Sends inferences at the live rate with event time = now and the staggered shift of the window. */
    private final class LiveTraffic implements AutoCloseable {
        final AtomicLong sent = new AtomicLong();
        final AtomicReference<Exception> failure = new AtomicReference<>();
        final long startMs = System.currentTimeMillis();
        private final KafkaProducer<byte[], byte[]> producer;
        private final Thread thread;
        private volatile boolean running = true;

        LiveTraffic(PipelineEvents gen, String topic, long windowMs) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "driftline-bench-live");
            producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
            thread = new Thread(() -> {
                try {
                    while (running) {
                        long now = System.currentTimeMillis();
                        long due = (now - startMs) * o.latencyRate() / 1000;
                        while (sent.get() < due) {
                            Instant t = Instant.ofEpochMilli(now);
                            boolean[] shifted = PipelineEvents.shiftSchedule(Math.floorDiv(now, windowMs),
                                    o.features());
                            PipelineEvents.Inference inf = gen.next("live-" + runId + "-" + sent.get(), t, shifted);
                            for (ProducerRecord<byte[], byte[]> rec : gen.records(topic, inf)) {
                                producer.send(rec, (m, e) -> {
                                    if (e != null) {
                                        failure.compareAndSet(null, e);
                                    }
                                });
                            }
                            sent.incrementAndGet();
                        }
                        Thread.sleep(5);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-live-traffic");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(10_000);
            producer.close(Duration.ofSeconds(10));
        }
    }

    // ---------------------------------------------------------------- helpers

    private StreamsSettings settings(String prefix, String appId, Path stateDir, Duration window, Duration grace,
                                     Duration settle) {
        Map<String, String> env = new HashMap<>(System.getenv()); // KAFKA_* tunes both B and C alike
        if (o.streamThreads() != null) {
            env.put("KAFKA_NUM_STREAM_THREADS", Integer.toString(o.streamThreads()));
        }
        Config config = Config.builder(StreamsKeys.ALL).env(env)
                .flag(StreamsKeys.BOOTSTRAP_SERVERS, bootstrap).flag(StreamsKeys.TOPIC_PREFIX, prefix)
                .flag(StreamsKeys.APPLICATION_ID, appId).flag(StreamsKeys.STATE_DIR, stateDir)
                .flag(StreamsKeys.WINDOW, window.toSeconds() + "s")
                .flag(StreamsKeys.GRACE, grace == null ? null : grace.toMillis() + "ms")
                .flag(StreamsKeys.MERGE_SETTLE, settle == null ? null : settle.toMillis() + "ms")
                .flag(StreamsKeys.METRICS_PORT, -1).build();
        return StreamsSettings.from(config);
    }

    /** Where the time went in a phase: the bench JVM's CPU, the machine's load, the stream threads' ratios. */
    private static void diagnostics(ObjectNode r, String phase, Measured m) {
        r.put(phase + "_jvm_cpu_cores", Double.isNaN(m.jvmCpuCores()) ? null : round3(m.jvmCpuCores()));
        r.put(phase + "_load_average", Double.isNaN(m.loadAverage()) ? null : round3(m.loadAverage()));
        if (!m.thread().isEmpty()) {
            ObjectNode t = r.putObject(phase + "_stream_thread");
            m.thread().forEach((k, v) -> t.put(k.replace('-', '_'), round3(v)));
        }
    }

    /**
     * Creates the missing topics and waits until every partition has a leader that answers: producing at once into
     * a partition whose leadership has not settled can leave an idempotent producer retrying a batch forever.
     */
    private static void ensureTopics(Admin admin, Topics topics) throws Exception {
        TopicCreator.ensure(admin, topics, Optional.empty());
        List<String> names = topics.all().stream().map(t -> t.name()).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Map<TopicPartition, OffsetSpec> req = new HashMap<>();
            boolean leaders = true;
            for (var d : admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                for (var pi : d.partitions()) {
                    leaders &= pi.leader() != null && !pi.leader().isEmpty();
                    req.put(new TopicPartition(d.name(), pi.partition()), OffsetSpec.latest());
                }
            }
            if (leaders) {
                try {
                    admin.listOffsets(req).all().get(30, TimeUnit.SECONDS); // every leader answers
                    return;
                } catch (java.util.concurrent.ExecutionException notYet) {
                    // a leader not ready yet: retry
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bench topics have no ready leaders after 60 s");
            }
            Thread.sleep(200);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> req = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(pi -> req.put(new TopicPartition(topic, pi.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        admin.listOffsets(req, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private static long sum(Map<TopicPartition, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Nearest-rank percentile of the values (p in (0, 100]); the values need not be sorted. */
    static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.min(v.length, Math.max(1, rank)) - 1];
    }

    private static Long percentileOrNull(List<Long> values, double p) {
        return values.isEmpty() ? null : percentile(values, p);
    }

    private static void progress(String s) {
        System.err.println("bench: " + s);
    }

    private static double round(double v) {
        return Math.round(v);
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp directory
        }
    }
}
