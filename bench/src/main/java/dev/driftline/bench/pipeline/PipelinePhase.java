package dev.driftline.bench.pipeline;

import static dev.driftline.bench.support.Progress.say;

import dev.driftline.bench.support.JitActivity;
import dev.driftline.bench.support.KafkaTopics;
import dev.driftline.bench.support.PhaseRecording;
import dev.driftline.contracts.Topics;
import dev.driftline.streams.PipelineStage;
import dev.driftline.streams.app.DriftlineStreams;
import dev.driftline.streams.app.StreamsSettings;
import dev.driftline.streams.window.LateRecords;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

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

    /** The topic prefix of the warm-up's copy of the traffic. */
    static String warmupPrefix(PipelineRun run) {
        return run.options().topicPrefix() + "warmup.";
    }

    /** The warm-up's application id (its passes after the first add {@code -<pass>}). */
    static String warmupAppId(PipelineRun run) {
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
        String prefix = warmupPrefix(run);
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
            String appId = warmupAppId(run) + (pass == 0 ? "" : "-" + pass);
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
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), o.upTo())) {
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
            try (MeasuredPipeline app = c.childJvm ? new ChildPipelines(run, admin, s, topics, stateRoot, warmupLoaded)
                    : new InJvmPipeline(s, o.profile(), o.upTo())) {
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
                // a pipeline without its window stage (--up-to) reports no window: nothing to wait for
                Duration drain = o.upTo().includes(PipelineStage.WINDOW) ? o.drain() : Duration.ZERO;
                if (drain.isZero()) {
                    say("    input consumed; phase C runs up to " + o.upTo().label() + ", which reports no window");
                } else {
                    say("    input consumed; waiting up to " + drain.toSeconds() + " s for the last windows to "
                            + "close (grace, idle) and be evaluated ...");
                }
                long deadline = System.nanoTime() + drain.toNanos();
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
}
