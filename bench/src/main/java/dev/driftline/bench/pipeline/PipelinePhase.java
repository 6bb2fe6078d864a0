package dev.driftline.bench.pipeline;

import static dev.driftline.bench.support.Progress.say;

import dev.driftline.bench.support.JitActivity;
import dev.driftline.bench.support.KafkaTopics;
import dev.driftline.bench.support.PhaseRecording;
import dev.driftline.contracts.Topics;
import dev.driftline.streams.app.DriftlineStreams;
import dev.driftline.streams.app.StreamsSettings;
import dev.driftline.streams.window.LateRecords;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Phase C, the figure: the real pipeline ({@link DriftlineStreams}: pairing, normalisation, window profiles, merge,
 * drift evaluation and whatever else the build wires in) with {@code exactly_once_v2} over the pre-loaded topic,
 * timed by {@link CommitTimer}; then it waits for every (model, window)'s drift report, sizes the window state and,
 * with {@code --sustain-seconds}, runs the sustained phase ({@link SustainPhase}) on the same pipeline. The pipeline
 * runs in this JVM, or ({@link PipelineBenchmark.Options#streamsInChildren()}) in {@code --instances} child JVMs
 * ({@link StreamsProcess}) of one application id, sampled by {@link InstanceSampler}.
 */
final class PipelinePhase {
    private final PipelineRun run;
    private final Admin admin;
    private final CommitTimer timer;
    private final Preloader preloader;
    /** Inferences of the warm-up's copy of the traffic at least (two events each). */
    static final long WARMUP_MIN_INFERENCES = 50_000;
    /** The warm-up runs at least --warmup-seconds and at most this many times as long (until the JIT settles). */
    static final int WARMUP_MAX_FACTOR = 6;
    private boolean warmupLoaded;
    private WarmUp warmup;

    PipelinePhase(PipelineRun run, Admin admin, CommitTimer timer, Preloader preloader) {
        this.run = run;
        this.admin = admin;
        this.timer = timer;
        this.preloader = preloader;
    }

    private String warmupPrefix() {
        return run.options().topicPrefix() + "warmup.";
    }

    private String warmupAppId() {
        return "driftline-bench-warmup-" + run.id();
    }

    /**
     * Runs the pipeline unmeasured for at least --warmup-seconds on its own copy of the traffic (prefix {@code
     * <prefix>warmup.}, own application id), then until the JIT has settled ({@link JitActivity}) or {@link
     * #WARMUP_MAX_FACTOR} × --warmup-seconds, so the JIT has compiled its hot paths before C is measured; the
     * measured run must not read the warm-up's outputs, hence the separate topics. With child JVMs this only
     * pre-loads the copy: each child runs the warm-up itself before the measured application.
     */
    void warmUp(Path stateDir, EventTimeline timeline) throws Exception {
        PipelineBenchmark.Options o = run.options();
        String prefix = warmupPrefix();
        Topics topics = new Topics(prefix);
        KafkaTopics.ensureReady(admin, topics);
        PipelineTraffic traffic = run.traffic(13);
        // Enough traffic to keep the pipeline busy for the whole warm-up: a copy of a small run was consumed in a
        // few seconds, and C was then measured while the JIT still compiled its hot paths (C2 took half a core).
        preloader.preload(traffic, topics.inferenceEvents.name(), timeline.withAtLeast(WARMUP_MIN_INFERENCES));
        preloader.publishBaselines(topics.baselines.name(), traffic.baselines(run));
        warmupLoaded = true;
        if (o.streamsInChildren()) {
            return;
        }
        Map<TopicPartition, Long> end = KafkaTopics.endOffsets(admin, topics.inferenceEvents.name());
        long total = KafkaTopics.total(end);
        long start = System.nanoTime();
        // With --profile, JFR records the warm-up too (discarded): its own start-up, on the stream thread's cores,
        // cost phase C about half of its rate when the first recording started with C (3,589 against 6,375 events/s
        // at 1 ms sampling, round 11); and C's code is compiled with the sampling that will run in C
        try (PhaseRecording discarded = o.profile() == null ? null : PhaseRecording.start(o.profile())) {
            passes(topics, prefix, stateDir, end, total, start);
        }
    }

    /** The warm-up's passes, from {@code start}. */
    private void passes(Topics topics, String prefix, Path stateDir, Map<TopicPartition, Long> end, long total,
                        long start) throws Exception {
        PipelineBenchmark.Options o = run.options();
        long min = start + o.warmup().toNanos();
        long max = start + WARMUP_MAX_FACTOR * o.warmup().toNanos();
        // Passes over the copy, each with a fresh application id, until the JIT has settled or the cap: C measured
        // while C2 compiles is measured on a machine with a core less.
        for (int pass = 0; ; pass++) {
            String appId = warmupAppId() + (pass == 0 ? "" : "-" + pass);
            if (pass > 0) {
                // The passes share the copy's topics: a pass reads the input from its start but not what earlier
                // passes wrote to the topics the stages hand on (their window partials would be merged again, and
                // the merge warns about every one of them past its retention)
                KafkaTopics.startGroupAtEnd(admin, appId, topics.all().stream()
                        .filter(t -> t != topics.inferenceEvents && t != topics.baselines).map(t -> t.name()).toList());
            }
            StreamsSettings s = run.settings(prefix, appId, stateDir.resolve("pass-" + pass), o.window(), null, null);
            JitActivity jit = new JitActivity(); // a pass's start-up idles the JIT: settle within a pass
            try (DriftlineStreams app = DriftlineStreams.start(s,
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
                while (true) {
                    Thread.sleep(PipelineRun.POLL_MS);
                    long now = System.nanoTime();
                    long done = timer.committed(appId, end);
                    boolean settled = done > 0 && jit.settled(now);
                    if (now >= max || (now >= min && settled)) {
                        warmup = new WarmUp((now - start) / 1e9, settled, jit.lastShare(), pass + 1);
                        say(String.format(Locale.ROOT, "    warm-up %.0f s over %d pass(es): %s", warmup.seconds(),
                                warmup.passes(), settled ? String.format(Locale.ROOT, "the JIT settled (%.1f%% of "
                                        + "a core compiling over the last %d s)", 100 * jit.lastShare(),
                                        JitActivity.WINDOW_NANOS / 1_000_000_000L)
                                        : "stopped at the cap with the JIT still compiling (" + (Double.isNaN(
                                        jit.lastShare()) ? "share not measured" : String.format(Locale.ROOT,
                                        "%.0f%% of a core", 100 * jit.lastShare())) + ")"));
                        return;
                    }
                    if (CommitTimer.failed(app.kafkaStreams())) {
                        throw new IllegalStateException("the warm-up application " + appId + " failed (see the log)");
                    }
                    if (done >= total) {
                        break; // the copy is consumed: another pass with a fresh application id
                    }
                }
            }
        }
    }

    /** How the in-JVM warm-up ended (null before it ran, or when the children warm up themselves). */
    WarmUp warmup() {
        return warmup;
    }

    /** @param settled whether the JIT had settled ({@link JitActivity}) rather than the cap stopping it */
    record WarmUp(double seconds, boolean settled, double jitShare, int passes) {
    }

    /**
     * Measures the pipeline over the input topic, then waits (--drain-seconds) for the (model, window)s of the
     * data; {@code windowsInData} are their window starts.
     */
    PipelineFigures measure(StreamsSettings s, Topics topics, Map<TopicPartition, Long> end, long total,
                            Set<ModelWindow> modelWindowsInData, Set<Long> windowsInData, Path stateRoot)
            throws Exception {
        PipelineBenchmark.Options o = run.options();
        PipelineFigures c = new PipelineFigures();
        c.modelWindowsInData = modelWindowsInData.size();
        c.childJvm = o.streamsInChildren();
        c.warmup = warmup;
        try (OutputWatcher watcher = new OutputWatcher(run.bootstrap(), topics.drift.name(), null)) {
            long start = System.nanoTime();
            try (Pipelines app = c.childJvm ? new Children(s, topics, stateRoot) : new InJvm(s, o.profile())) {
                Passes passes = new Passes();
                timer.measure(s.applicationId(), end, total, start + app.startDelayNanos(), app.streams(),
                        app::failed, app::atStart, app::atStop, passes, o.cap());
                c.measured = app.adjust(passes.measured());
                say(String.format(Locale.ROOT, "    %.0f events/s = %.0f rows/s = %.0f feature values/s (%.2f s;"
                        + " start-up %.1f s)", c.measured.perSecond(), c.measured.perSecond() / 2 * o.batch(),
                        c.measured.perSecond() / 2 * o.batch() * o.features(), c.measured.seconds(),
                        c.measured.startupSeconds()));
                c.windowsAtIngestEnd = (int) watcher.windows().stream().filter(windowsInData::contains).count();
                c.modelWindowsAtIngestEnd = (int) watcher.reports.keySet().stream()
                        .filter(modelWindowsInData::contains).count();
                say("    input consumed; waiting up to " + o.drain().toSeconds() + " s for the last windows to "
                        + "close (grace, idle) and be evaluated ...");
                long deadline = System.nanoTime() + o.drain().toNanos();
                while (!watcher.reports.keySet().containsAll(modelWindowsInData) && System.nanoTime() < deadline
                        && !app.failed()) {
                    Thread.sleep(PipelineRun.POLL_MS);
                }
                if (watcher.reports.keySet().containsAll(modelWindowsInData)) {
                    c.allReportedSeconds = (System.nanoTime() - start) / 1e9 - c.measured.startupSeconds()
                            - app.startDelayNanos() / 1e9;
                }
                Thread.sleep(500);
                // after the drain: the merge drops what comes past its retention while the last windows close
                c.lateAfterGrace = app.late(LateRecords.AFTER_GRACE);
                c.lateWindowClosed = app.late(LateRecords.AFTER_WALL_CLOSE);
                c.lateAfterMergeRetention = app.late(LateRecords.AFTER_MERGE_RETENTION);
                if (c.lateAfterGrace > 0 || c.lateAfterMergeRetention > 0) {
                    say(String.format(Locale.ROOT, "    late rows dropped: %.0f after the window's grace, %.0f after "
                            + "the merge's retention", c.lateAfterGrace, c.lateAfterMergeRetention));
                }
                c.windowsReported = (int) watcher.windows().stream().filter(windowsInData::contains).count();
                c.modelWindowsReported = (int) watcher.reports.keySet().stream()
                        .filter(modelWindowsInData::contains).count();
                c.rowsReported = watcher.rowsReported();
                StateSizes sizes = new StateSizes(run.bootstrap(), o.features());
                sizes.partials(topics.partialProfiles.name(), c);
                sizes.changelogs(admin, s.applicationId(), modelWindowsInData.size(), c);
                if (!o.sustain().isZero()) {
                    c.sustain = new SustainPhase(run, admin).run(s.applicationId(), topics.inferenceEvents.name(),
                            c.measured.perSecond(), app::failed);
                }
                app.figures(c);
            }
        }
        return c;
    }

    /** The pipeline under measurement, wherever it runs. */
    private interface Pipelines extends AutoCloseable {
        /** Time from the start until the measured application can start (the children's own warm-up). */
        default long startDelayNanos() {
            return 0;
        }

        /** This JVM's Kafka Streams, or null when it runs elsewhere. */
        KafkaStreams streams();

        boolean failed();

        default void atStart() {
        }

        default void atStop() {
        }

        default Measured adjust(Measured m) {
            return m;
        }

        /** The pipeline's own count of late records (NaN when not known here). */
        double late(String reason);

        default void figures(PipelineFigures c) throws Exception {
        }

        @Override
        void close() throws Exception;
    }

    private static final class InJvm implements Pipelines {
        private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        private final DriftlineStreams app;
        private final PhaseRecording.Settings profile;
        private PhaseRecording recording;

        InJvm(StreamsSettings s, PhaseRecording.Settings profile) throws Exception {
            this.profile = profile;
            app = DriftlineStreams.start(s, registry);
        }

        @Override
        public void atStart() {
            if (profile != null) {
                recording = PhaseRecording.start(profile);
            }
        }

        @Override
        public void atStop() {
            if (recording != null) {
                long bytes = recording.stop();
                recording = null;
                say(String.format(Locale.ROOT, "    profile of the measured interval: %s (%.1f MB, Java execution "
                        + "sampled every %d ms); e.g. jfr print --events jdk.ExecutionSample %s", profile.file(),
                        bytes / 1e6, profile.period().toMillis(), profile.file()));
            }
        }

        @Override
        public KafkaStreams streams() {
            return app.kafkaStreams();
        }

        @Override
        public boolean failed() {
            return CommitTimer.failed(app.kafkaStreams());
        }

        /** The pipeline's own count of records dropped because their window had closed (NaN when not registered). */
        @Override
        public double late(String reason) {
            return LateCounts.count(registry, reason);
        }

        @Override
        public void close() {
            if (recording != null) {
                recording.close(); // the phase failed before its end: nothing to write
            }
            app.close();
        }
    }

    /** {@code --instances} child JVMs of the same application id; the measured interval's CPU is theirs. */
    private final class Children implements Pipelines {
        private final List<StreamsProcess> processes = new ArrayList<>();
        private final InstanceSampler sampler;
        private final long delay;
        private long[] creditsAtStart;
        private long[] creditsAtStop;
        private long[] cpuAtStart;
        private long[] cpuAtStop;
        private long wallAtStart;
        private long wallAtStop;

        Children(StreamsSettings s, Topics topics, Path stateRoot) throws Exception {
            PipelineBenchmark.Options o = run.options();
            long warmMs = warmupLoaded ? o.warmup().toMillis() : 0;
            delay = warmMs * 1_000_000L;
            say(String.format(Locale.ROOT, "    %d child JVM(s) (-Xmx%s), application %s%s", o.instances(),
                    o.childHeap(), s.applicationId(), warmMs > 0 ? ", each after its own " + o.warmup().toSeconds()
                    + " s warm-up on " + warmupPrefix() + "*" : ""));
            try {
                for (int i = 1; i <= o.instances(); i++) {
                    processes.add(StreamsProcess.start(run, i, o.topicPrefix(), s.applicationId(),
                            stateRoot.resolve("children"), warmupPrefix(), warmupAppId(), warmMs));
                }
            } catch (Exception e) {
                processes.forEach(StreamsProcess::close);
                throw e;
            }
            sampler = new InstanceSampler(admin, s.applicationId(), topics.inferenceEvents.name(), processes);
        }

        @Override
        public long startDelayNanos() {
            return delay;
        }

        @Override
        public KafkaStreams streams() {
            return null;
        }

        @Override
        public boolean failed() {
            return processes.stream().anyMatch(p -> !p.alive());
        }

        @Override
        public void atStart() {
            creditsAtStart = sampler.mark();
            cpuAtStart = processes.stream().mapToLong(StreamsProcess::cpuNanos).toArray();
            wallAtStart = System.nanoTime();
        }

        @Override
        public void atStop() {
            creditsAtStop = sampler.mark();
            cpuAtStop = processes.stream().mapToLong(StreamsProcess::cpuNanos).toArray();
            wallAtStop = System.nanoTime();
            say("    input partitions by instance: " + sampler.assignment());
        }

        /** The measured interval's CPU is the children's (all of them), not this JVM's. */
        @Override
        public Measured adjust(Measured m) {
            double cores = 0;
            for (int i = 0; i < processes.size(); i++) {
                cores += cpuCores(i);
            }
            return new Measured(m.startupSeconds(), m.processed(), m.seconds(), m.complete(), m.thread(), cores,
                    Double.NaN, 0, m.loadAverage(), m.passes());
        }

        private double cpuCores(int i) {
            if (cpuAtStart == null || cpuAtStop == null || cpuAtStart[i] < 0 || cpuAtStop[i] < 0
                    || wallAtStop <= wallAtStart) {
                return Double.NaN;
            }
            return (double) (cpuAtStop[i] - cpuAtStart[i]) / (wallAtStop - wallAtStart);
        }

        /** The sum of the children's counts (NaN until every child has told its own). */
        @Override
        public double late(String reason) {
            return processes.stream().mapToDouble(p -> p.late(reason)).sum();
        }

        @Override
        public void figures(PipelineFigures c) throws Exception {
            sampler.mark(); // a last RSS sample before the children stop
            List<PipelineFigures.InstanceFigures> out = new ArrayList<>();
            double seconds = c.measured.seconds();
            for (int i = 0; i < processes.size(); i++) {
                InstanceSampler.Instance in = sampler.instances.get(i);
                long events = creditsAtStop == null || creditsAtStart == null ? 0 : creditsAtStop[i] - creditsAtStart[i];
                out.add(new PipelineFigures.InstanceFigures(in.process.instance, in.process.pid(), in.process.clientId,
                        List.copyOf(in.partitions), events, seconds <= 0 ? 0 : events / seconds, in.maxRssBytes,
                        in.hwmBytes, cpuCores(i)));
            }
            c.instances = out;
            c.assignmentChanges = sampler.assignmentChanges;
        }

        @Override
        public void close() throws Exception {
            sampler.close();
            List<StreamsProcess> died = processes.stream().filter(p -> !p.alive()).toList();
            for (StreamsProcess p : processes) {
                p.close();
            }
            for (StreamsProcess p : died) {
                say("    instance " + p.instance + " had stopped by itself (exit " + p.exitCode() + "); its log's errors and end:");
                p.logTail(8).forEach(line -> say("      | " + line));
            }
        }
    }
}
