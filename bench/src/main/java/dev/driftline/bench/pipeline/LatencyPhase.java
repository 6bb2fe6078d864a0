package dev.driftline.bench.pipeline;

import static dev.driftline.bench.support.Figures.percentileOrNull;
import static dev.driftline.bench.support.Progress.say;

import dev.driftline.bench.support.KafkaTopics;
import dev.driftline.contracts.Topics;
import dev.driftline.streams.app.DriftlineStreams;
import dev.driftline.streams.app.StreamsSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;

/**
 * Phase D, detection latency: a second pipeline on {@code <prefix>live.*} with a short window, fed {@link LiveTraffic}
 * in real time (event time = wall time) with a staggered covariate shift so that every window opens or resolves an
 * alert; per window, the wall time a read_committed consumer first receives its alert (or drift report) minus the
 * window's end.
 */
final class LatencyPhase {
    private final PipelineRun run;
    private final Admin admin;
    private final Preloader preloader;

    LatencyPhase(PipelineRun run, Admin admin, Preloader preloader) {
        this.run = run;
        this.admin = admin;
        this.preloader = preloader;
    }

    LatencyFigures measure(Path stateDir) throws Exception {
        PipelineBenchmark.Options o = run.options();
        String prefix = o.topicPrefix() + "live.";
        Topics live = new Topics(prefix);
        KafkaTopics.ensureReady(admin, live);
        PipelineEvents gen = run.events(7);
        preloader.publishBaseline(live.baselines.name(), run.baseline(gen));
        StreamsSettings s = run.settings(prefix, "driftline-bench-live-" + run.id(), stateDir, o.latencyWindow(),
                o.latencyGrace(), o.latencySettle());
        long windowMs = o.latencyWindow().toMillis();
        say(String.format(Locale.ROOT, "D detection latency: live traffic at %d inferences/s (event time = wall "
                + "time), window %s, grace %s, merge settle %s, features f00..f%02d shifted by %.1f sd in a "
                + "staggered 2-of-5-windows schedule", o.latencyRate(), o.latencyWindow(), o.latencyGrace(),
                o.latencySettle(), Math.min(PipelineEvents.SHIFT_PERIOD, o.features()) - 1, PipelineEvents.SHIFT_STDS));
        List<Long> measured = new ArrayList<>();
        long sent;
        try (OutputWatcher watcher = new OutputWatcher(run.bootstrap(), live.drift.name(), live.alerts.name());
             DriftlineStreams app = DriftlineStreams.start(s, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            if (!app.awaitRunning(Duration.ofSeconds(120))) {
                throw new IllegalStateException("the live pipeline did not reach RUNNING (state "
                        + app.kafkaStreams().state() + ")");
            }
            Thread.sleep(1000); // the global baselines table has read the baseline
            try (LiveTraffic traffic = new LiveTraffic(run, gen, live.inferenceEvents.name(), windowMs)) {
                long trafficStart = traffic.startMs;
                long firstWindow = Math.floorDiv(trafficStart + windowMs - 1, windowMs) * windowMs;
                long lastEnd = Math.max(firstWindow + windowMs,
                        Math.floorDiv(trafficStart + o.latencySpan().toMillis(), windowMs) * windowMs);
                for (long w = firstWindow; w + windowMs <= lastEnd; w += windowMs) {
                    measured.add(w);
                }
                long deadline = lastEnd + o.latencySettle().toMillis() + 2 * windowMs + o.latencyGrace().toMillis()
                        + 30_000;
                long lastProgress = System.currentTimeMillis();
                while (!watcher.windows().containsAll(measured) && System.currentTimeMillis() < deadline
                        && !CommitTimer.failed(app.kafkaStreams())) {
                    Thread.sleep(PipelineRun.POLL_MS);
                    if (traffic.failure.get() != null) {
                        throw new IllegalStateException("live traffic failed: " + traffic.failure.get(),
                                traffic.failure.get());
                    }
                    if (System.currentTimeMillis() - lastProgress >= 10_000) {
                        lastProgress = System.currentTimeMillis();
                        say(String.format(Locale.ROOT, "    %d s: %d inferences sent, %d windows reported, %d "
                                + "alerts", (lastProgress - trafficStart) / 1000, traffic.sent.get(),
                                watcher.windows().size(), watcher.alerts.get()));
                    }
                }
                Thread.sleep(2000); // alerts of the last measured window follow its report
                sent = traffic.sent.get();
            }
            LatencyFigures d = figures(watcher, measured, windowMs, sent, live);
            List<Long> detection = d.detection();
            say(String.format(Locale.ROOT, "    %s: p50 %s ms, p99 %s ms over %d windows (drift reports: p50 %s,"
                    + " p99 %s ms; %d alerts)", d.alerts() ? "alerts" : "drift reports", percentileOrNull(detection, 50),
                    percentileOrNull(detection, 99), detection.size(), percentileOrNull(d.driftMs(), 50),
                    percentileOrNull(d.driftMs(), 99), d.alertsReceived()));
            return d;
        }
    }

    /** Per measured window: its report's and its first alert's delay after the window's end, when received. */
    private static LatencyFigures figures(OutputWatcher watcher, List<Long> measured, long windowMs, long sent,
                                          Topics live) {
        List<Long> driftMs = new ArrayList<>();
        List<Long> alertMs = new ArrayList<>();
        for (long w : measured) {
            OutputWatcher.Report rep = watcher.report(w);
            if (rep != null) {
                driftMs.add(rep.firstSeenMs() - (w + windowMs));
            }
            OutputWatcher.FirstAlert a = watcher.firstAlerts.get(w + windowMs);
            if (a != null) {
                alertMs.add(a.seenMs() - (w + windowMs));
            }
        }
        Map<String, Long> kinds = new TreeMap<>();
        watcher.alertsByKindAndState.forEach((k, v) -> kinds.put(k, v.get()));
        return new LatencyFigures(sent, measured.size(), driftMs, alertMs, watcher.alerts.get(), kinds,
                live.drift.name(), live.alerts.name());
    }
}
