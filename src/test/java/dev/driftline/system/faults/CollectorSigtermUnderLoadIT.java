package dev.driftline.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.bench.support.Ports;
import dev.driftline.system.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code driftline collector} (a child JVM) gets SIGTERM while senders post to it. Its documented shutdown
 * (collector/README.md, {@code Collector.close}): new events get 503 + Retry-After, in-flight requests finish
 * (up to {@code collector.shutdown-timeout}, set here as a user would, through {@code DRIFTLINE_*}), the producer
 * is flushed and the process exits 0. So: exit 0 within the limit, every event answered 2xx is on the topic,
 * every request sent before the signal got an HTTP answer, and once the process is gone senders see connection
 * refused.
 */
class CollectorSigtermUnderLoadIT {
    private static final String TEST = "CollectorSigtermUnderLoadIT";
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    @Test
    void sigtermUnderLoadExitsZeroAndLosesNoAcknowledgedEvent() throws Exception {
        long testStarted = System.nanoTime();
        Path dir = RunDir.fresh(TEST);
        int port = Ports.freeLoopbackPort();
        int controllerPort = Ports.freeLoopbackPort();
        List<Outcome> outcomes;
        Map<String, Integer> onTopic;
        long signalled;
        long exited;
        int exitCode;
        String collectorLog;
        try (FaultBroker broker = FaultBroker.start(dir.resolve("broker-data"), dir, port, controllerPort, LIMIT)) {
            Map<String, String> env = Map.of("DRIFTLINE_COLLECTOR_SHUTDOWN_TIMEOUT",
                    SHUTDOWN_TIMEOUT.toSeconds() + "s");
            try (CollectorChild collector = CollectorChild.start(dir, broker.bootstrapServers(), "256m", env)) {
                Await.until("the collector is ready", LIMIT, collector::ready);
                EventLoad load = EventLoad.start(collector.eventsUri(), "sigterm", 3, 5);
                try {
                    Await.until("300 events acknowledged before SIGTERM", LIMIT,
                            () -> load.outcomes().stream().filter(Outcome::accepted).count() >= 300,
                            () -> load.outcomes().size() + " sent");
                    signalled = System.nanoTime();
                    exitCode = collector.process().sigterm(SHUTDOWN_TIMEOUT.plusSeconds(30));
                    exited = System.nanoTime();
                    Await.until("a sender is refused a connection after the exit", LIMIT,
                            () -> load.outcomes().stream().anyMatch(o -> o.connectionRefused()
                                    && o.sentNanos() >= exited), () -> load.outcomes().size() + " sent");
                } finally {
                    outcomes = load.stop();
                }
                collectorLog = collector.process().logText();
            }
            onTopic = TopicIds.read(broker.bootstrapServers());
        }
        Delivery delivery = Delivery.of(outcomes, onTopic);
        List<Outcome> beforeSignal = outcomes.stream().filter(o -> o.sentNanos() < signalled).toList();
        List<Outcome> inFlightAtSignal = beforeSignal.stream().filter(o -> o.answeredNanos() >= signalled).toList();
        List<Outcome> duringShutdown = outcomes.stream()
                .filter(o -> o.sentNanos() >= signalled && o.sentNanos() < exited).toList();
        List<Outcome> afterExit = outcomes.stream().filter(o -> o.sentNanos() >= exited).toList();
        List<Outcome> answeredOtherwise = outcomes.stream()
                .filter(o -> o.status() != 0 && !o.accepted() && !o.unavailable()).toList();

        figure(delivery.figures());
        figure("SIGTERM to exit " + ms(exited - signalled) + " ms, exit code " + exitCode + "; in flight at the "
                + "signal " + inFlightAtSignal.size() + " (" + count(inFlightAtSignal, Outcome::accepted) + " 2xx, "
                + count(inFlightAtSignal, Outcome::unavailable) + " 503)");
        figure("sent during the shutdown " + duringShutdown.size() + " (" + count(duringShutdown, Outcome::accepted)
                + " 2xx, " + count(duringShutdown, Outcome::unavailable) + " 503, "
                + count(duringShutdown, o -> o.status() == 0) + " no answer, of which "
                + count(duringShutdown, Outcome::connectionRefused) + " connection refused"
                + errorKinds(duringShutdown) + "); sent after the exit "
                + afterExit.size() + " (" + count(afterExit, Outcome::connectionRefused)
                + " connection refused); test ran " + ms(System.nanoTime() - testStarted) + " ms");

        assertThat(exitCode).as("exit code after SIGTERM").isZero();
        assertThat(collectorLog).contains("collector stopped");
        assertThat(answeredOtherwise).as("every HTTP answer is a 2xx or a 503 with Retry-After")
                .extracting(Outcome::describe).isEmpty();
        assertThat(beforeSignal).as("requests sent before SIGTERM all got an HTTP answer (in-flight ones finish)")
                .filteredOn(o -> o.status() == 0).extracting(Outcome::describe).isEmpty();
        assertThat(afterExit).as("requests sent after the exit").isNotEmpty()
                .allMatch(Outcome::connectionRefused, "connection refused");
        assertThat(delivery.lost()).as("acknowledged events missing from the topic").isEmpty();
        assertThat(delivery.duplicates()).as("ids on the topic more than once (senders never retry)").isZero();
    }

    /** The kinds of "no answer" other than connection refused, e.g. a connection closed under a request. */
    private static String errorKinds(List<Outcome> outcomes) {
        List<String> kinds = outcomes.stream().filter(o -> o.status() == 0 && !o.connectionRefused())
                .map(Outcome::error).distinct().toList();
        return kinds.isEmpty() ? "" : ", others: " + String.join(", ", kinds);
    }

    private static long count(List<Outcome> outcomes, java.util.function.Predicate<Outcome> which) {
        return outcomes.stream().filter(which).count();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void figure(String line) {
        System.out.println("FIGURES " + TEST + ": " + line);
    }
}
