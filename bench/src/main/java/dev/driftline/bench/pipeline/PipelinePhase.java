package dev.driftline.bench.pipeline;

import static dev.driftline.bench.support.Progress.say;

import dev.driftline.bench.support.KafkaTopics;
import dev.driftline.contracts.Topics;
import dev.driftline.streams.app.DriftlineStreams;
import dev.driftline.streams.app.StreamsSettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * Phase C, the figure: the real pipeline ({@link DriftlineStreams}: pairing, normalisation, window profiles, merge,
 * drift evaluation and whatever else the build wires in) with {@code exactly_once_v2} over the pre-loaded topic,
 * timed by {@link CommitTimer}; then it waits for every window's drift report and sizes the window state.
 */
final class PipelinePhase {
    private final PipelineRun run;
    private final Admin admin;
    private final CommitTimer timer;
    private final Preloader preloader;

    PipelinePhase(PipelineRun run, Admin admin, CommitTimer timer, Preloader preloader) {
        this.run = run;
        this.admin = admin;
        this.timer = timer;
        this.preloader = preloader;
    }

    /**
     * Runs the pipeline unmeasured for --warmup-seconds on its own copy of the traffic (prefix {@code
     * <prefix>warmup.}, own application id), so the JIT has compiled its hot paths before C is measured; the
     * measured run must not read the warm-up's outputs, hence the separate topics.
     */
    void warmUp(Path stateDir, EventTimeline timeline) throws Exception {
        PipelineBenchmark.Options o = run.options();
        String prefix = o.topicPrefix() + "warmup.";
        Topics topics = new Topics(prefix);
        KafkaTopics.ensureReady(admin, topics);
        PipelineEvents gen = run.events(13);
        preloader.preload(gen, topics.inferenceEvents.name(), timeline);
        preloader.publishBaseline(topics.baselines.name(), run.baseline(gen));
        Map<TopicPartition, Long> end = KafkaTopics.endOffsets(admin, topics.inferenceEvents.name());
        StreamsSettings s = run.settings(prefix, "driftline-bench-warmup-" + run.id(), stateDir, o.window(), null,
                null);
        long start = System.nanoTime();
        try (DriftlineStreams app = DriftlineStreams.start(s, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            timer.measure(s.applicationId(), end, KafkaTopics.total(end), start, app.kafkaStreams(), new Passes(),
                    o.warmup());
        }
    }

    /** Measures the pipeline over the input topic, then waits (--drain-seconds) for the windows of the data. */
    PipelineFigures measure(StreamsSettings s, Topics topics, Map<TopicPartition, Long> end, long total,
                            TreeSet<Long> windowsInData) throws Exception {
        PipelineBenchmark.Options o = run.options();
        PipelineFigures c = new PipelineFigures();
        try (OutputWatcher watcher = new OutputWatcher(run.bootstrap(), topics.drift.name(), null)) {
            long start = System.nanoTime();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (DriftlineStreams app = DriftlineStreams.start(s, registry)) {
                Passes passes = new Passes();
                timer.measure(s.applicationId(), end, total, start, app.kafkaStreams(), passes, o.cap());
                c.measured = passes.measured();
                c.lateAfterGrace = late(registry, "after_grace");
                c.lateWindowClosed = late(registry, "after_wall_close");
                c.windowsAtIngestEnd = watcher.reports.size();
                say("    input consumed; waiting up to " + o.drain().toSeconds() + " s for the last windows to "
                        + "close (grace, idle) and be evaluated ...");
                long deadline = System.nanoTime() + o.drain().toNanos();
                while (!watcher.reports.keySet().containsAll(windowsInData) && System.nanoTime() < deadline
                        && !CommitTimer.failed(app.kafkaStreams())) {
                    Thread.sleep(PipelineRun.POLL_MS);
                }
                if (watcher.reports.keySet().containsAll(windowsInData)) {
                    c.allReportedSeconds = (System.nanoTime() - start) / 1e9 - c.measured.startupSeconds();
                }
                Thread.sleep(500);
                c.windowsReported = (int) watcher.reports.keySet().stream().filter(windowsInData::contains).count();
                c.rowsReported = watcher.rowsReported();
                StateSizes sizes = new StateSizes(run.bootstrap(), o.features());
                sizes.partials(topics.partialProfiles.name(), c);
                sizes.changelogs(admin, s.applicationId(), windowsInData.size(), c);
            }
        }
        return c;
    }

    /** The pipeline's own count of records dropped because their window had closed (NaN when not registered). */
    private static double late(PrometheusMeterRegistry registry, String reason) {
        FunctionCounter fc = registry.find("driftline.late.records").tag("reason", reason).functionCounter();
        return fc == null ? Double.NaN : fc.count();
    }
}
