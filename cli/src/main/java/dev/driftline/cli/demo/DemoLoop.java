package dev.driftline.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.EpisodeState;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The demo with the loop closed: the same wine traffic and shift as the short run, and the remediation service on
 * the simulated clock (see {@link DemoRemediation} for its policy). The traffic goes on while the episode runs —
 * training on the lake's shifted rows, the registry gate, the canary on the {@linkplain DemoKServe simulated KServe}
 * at 10, 50 and 100 % — and for {@value #AFTER_WINDOWS} windows after the episode ends, so the new model's accuracy
 * and the drift alerts resolved against the new baseline are seen. Windows play at {@value #WINDOW_WALL_MS} ms of
 * wall time each; at most {@value #MAX_WINDOWS} windows are sent.
 */
final class DemoLoop {
    static final int MAX_WINDOWS = 60;
    /** Windows without an episode after which the demo stops waiting for one. */
    static final int GIVE_UP_WINDOWS = 44;
    static final int AFTER_WINDOWS = 6;
    static final long WINDOW_WALL_MS = 2000;
    /** Windows the traffic may run ahead of the last one the pipeline reported. */
    static final int LEAD = 3;

    private final DemoRun.Parts parts;
    private final PrintStream out;

    DemoLoop(DemoRun.Parts parts, PrintStream out) {
        this.parts = parts;
        this.out = out;
    }

    /** Plays the traffic with remediation, prints the summary and returns it as JSON. */
    ObjectNode play(WineModel model, long seed, Clock wall, ObjectMapper mapper) throws Exception {
        Duration window = DemoRun.WINDOW;
        Instant now = wall.instant();
        // the whole run stays in the past, ending about half an hour before the wall clock at the latest
        Instant simStart = Instant.ofEpochMilli(Math.floorDiv(now.minus(window.multipliedBy(MAX_WINDOWS))
                .minus(Duration.ofMinutes(30)).toEpochMilli(), window.toMillis()) * window.toMillis());
        Instant driftStart = simStart.plus(window.multipliedBy(DemoRun.WINDOWS / 2));
        SimulatedClock sim = new SimulatedClock(simStart, (double) window.toMillis() / WINDOW_WALL_MS);
        DemoScenario scenario = new DemoScenario(model, seed, driftStart);
        Topics topics = parts.topics();
        try (DemoKServe kserve = DemoKServe.start(model, sim);
             DemoRemediation remediation = DemoRemediation.start(parts.dataDir(), parts.lake(), parts.servers(),
                     kserve.url(), sim, parts.registry());
             DemoWatcher watcher = new DemoWatcher(parts.servers(), topics, true, out);
             DemoTraffic traffic = new DemoTraffic(parts.collectorPort(), parts.servers(), topics)) {
            out.println("demo: remediation service running on simulated time (policy " + remediation.policyFile()
                    + "): trainer " + WineTrainer.class.getSimpleName() + " (command), local registry, canary on "
                    + "the simulated KServe at " + kserve.url());
            out.printf("demo: sending wine traffic from %s (simulated), %d inferences of %d rows per %d-minute window "
                    + "(a window every %.1f s), shift from %s; up to %d windows, until %d windows after the "
                    + "remediation episode ends%n", simStart, DemoRun.INFERENCES_PER_WINDOW, DemoScenario.BATCH,
                    window.toMinutes(), WINDOW_WALL_MS / 1000.0, driftStart, MAX_WINDOWS, AFTER_WINDOWS);
            long perWindow = DemoRun.INFERENCES_PER_WINDOW;
            sim.go();
            long sent = traffic.run(scenario, sim, window.dividedBy(perWindow), MAX_WINDOWS * perWindow,
                    () -> finished(watcher, sim, simStart), t -> ahead(watcher, t, simStart), kserve,
                    DemoRun.LABEL_DELAY, out);
            sim.pause(); // the remediation service's time stops with the traffic
            Instant simEnd = simStart.plus(window.dividedBy(perWindow).multipliedBy(sent));
            int windows = (int) ((sent + perWindow - 1) / perWindow);
            out.println("demo: traffic done; waiting for the last windows to close and be evaluated ...");
            String lastWindow = simStart.plus(window.multipliedBy(windows - 1L)).toString();
            parts.awaitWindow(watcher, lastWindow, windows);
            // the episode may still be writing its last transitions
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && terminal(watcher).isEmpty()) {
                Thread.sleep(250);
            }
            DemoSummary.Run run = parts.run(simStart, simEnd, driftStart, sent, traffic, windows, model);
            ObjectNode summary = DemoSummary.build(run, watcher, mapper);
            summary.set("remediation", DemoLoopSummary.build(watcher, kserve.steps(), driftStart, window, mapper));
            parts.finish(summary, watcher);
            DemoLoopSummary.print(summary.path("remediation"), out);
            return summary;
        }
    }

    /**
     * True when traffic at {@code t} would be more than {@value #LEAD} windows ahead of the last window the pipeline
     * reported: on a slow or busy machine the simulated time waits for the pipeline, so windows close with all
     * their rows and the episode's times stay within the traffic.
     */
    static boolean ahead(DemoWatcher w, Instant t, Instant simStart) {
        Instant reported = w.reports.keySet().stream().map(Instant::parse).max(Instant::compareTo)
                .orElse(simStart.minus(DemoRun.WINDOW));
        return !t.isBefore(reported.plus(DemoRun.WINDOW.multipliedBy(LEAD + 1)));
    }

    /** The episode's terminal event, once read. */
    static Optional<EpisodeEvent> terminal(DemoWatcher w) {
        return w.episodeEvents.stream().filter(e -> e.to().terminal()).findFirst();
    }

    /** When to stop the traffic: {@value #AFTER_WINDOWS} windows after the episode ended, or no episode at all. */
    private static boolean finished(DemoWatcher w, SimulatedClock sim, Instant simStart) {
        Instant now = sim.instant();
        Optional<EpisodeEvent> end = terminal(w);
        if (end.isPresent()) {
            return now.isAfter(Instant.ofEpochMilli(end.get().at()).plus(DemoRun.WINDOW.multipliedBy(AFTER_WINDOWS)));
        }
        boolean started = w.episodeEvents.stream().anyMatch(e -> e.to() == EpisodeState.TRIGGERED);
        return !started && now.isAfter(simStart.plus(DemoRun.WINDOW.multipliedBy(GIVE_UP_WINDOWS)));
    }
}
