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
 * The broker ({@code kafka.Kafka}, a child process) is SIGKILLed while senders post to {@code driftline collector}
 * (a child JVM), stays down a few seconds and is restarted on the same data directory and ports. The collector's
 * promise (collector/README.md): 202 only once Kafka has the record, otherwise 503 + Retry-After, never a hang.
 * So every event answered 2xx must be on the topic, every answer is a 2xx or a 503 with Retry-After, and while
 * the broker is down every answer is a 503. The senders never retry, so an id twice on the topic would be a
 * duplicate made by the producer, which the idempotent, acks=all producer rules out.
 */
class BrokerKillUnderLoadIT {
    private static final String TEST = "BrokerKillUnderLoadIT";
    private static final Duration DOWN = Duration.ofSeconds(5);
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @Test
    void everyAcknowledgedEventSurvivesASigkilledBrokerAndTheDowntimeIsAnswered503() throws Exception {
        long testStarted = System.nanoTime();
        Path dir = RunDir.fresh(TEST);
        Path data = dir.resolve("broker-data");
        int port = Ports.freeLoopbackPort();
        int controllerPort = Ports.freeLoopbackPort();
        FaultBroker broker = FaultBroker.start(data, dir, port, controllerPort, LIMIT);
        String bootstrap = broker.bootstrapServers();
        List<Outcome> outcomes;
        Map<String, Integer> onTopic;
        long killed;
        long restartBegan;
        long brokerReady;
        try (CollectorChild collector = CollectorChild.start(dir, bootstrap, "256m", Map.of())) {
            Await.until("the collector is ready", LIMIT, collector::ready);
            EventLoad load = EventLoad.start(collector.eventsUri(), "kill", 3, 5);
            try {
                Await.until("100 events acknowledged before the kill", LIMIT,
                        () -> acceptedAfter(load.outcomes(), 0) >= 100, () -> summary(load.outcomes()));
                broker.kill9();
                killed = System.nanoTime();
                Thread.sleep(DOWN.toMillis());
                restartBegan = System.nanoTime();
                broker = FaultBroker.start(data, dir, port, controllerPort, LIMIT);
                brokerReady = System.nanoTime();
                Await.until("100 events acknowledged after the restart", LIMIT,
                        () -> acceptedAfter(load.outcomes(), restartBegan) >= 100, () -> summary(load.outcomes()));
            } finally {
                outcomes = load.stop();
            }
            assertThat(collector.process().alive()).as("the collector outlived the broker's kill").isTrue();
            onTopic = TopicIds.read(bootstrap);
        } finally {
            broker.close();
        }
        Delivery delivery = Delivery.of(outcomes, onTopic);
        List<Outcome> whileDown = outcomes.stream().filter(o -> o.within(killed, restartBegan)).toList();
        long firstAcceptedAfterKill = outcomes.stream().filter(o -> o.accepted() && o.sentNanos() >= killed)
                .mapToLong(Outcome::answeredNanos).min().orElse(0);
        List<Outcome> neither = outcomes.stream().filter(o -> !o.accepted() && !o.unavailable()).toList();

        figure(delivery.figures());
        figure("broker down " + ms(brokerReady - killed) + " ms (SIGKILL, " + DOWN.toSeconds()
                + " s down, restart on the same data took " + ms(brokerReady - restartBegan) + " ms); first 2xx "
                + (firstAcceptedAfterKill == 0 ? "never" : ms(firstAcceptedAfterKill - brokerReady) + " ms")
                + " after the broker was ready again");
        figure("2xx/503 by phase: before the kill " + phase(outcomes, 0, killed) + ", down "
                + phase(outcomes, killed, restartBegan) + ", restarting " + phase(outcomes, restartBegan, brokerReady)
                + ", after ready " + phase(outcomes, brokerReady, Long.MAX_VALUE));
        figure("answers while down: " + whileDown.size() + ", all 503 + Retry-After: "
                + whileDown.stream().allMatch(Outcome::unavailable) + " (" + Latencies.of(whileDown)
                + "); other answers or errors " + neither.size() + "; test ran " + ms(System.nanoTime() - testStarted)
                + " ms");

        assertThat(neither).as("every answer is a 2xx or a 503 with Retry-After (no other status, no "
                + "connection error, no hang beyond " + EventLoad.CLIENT_TIMEOUT + ")")
                .extracting(Outcome::describe).isEmpty();
        assertThat(whileDown).as("events sent while the broker was down").isNotEmpty()
                .allMatch(Outcome::unavailable, "answered 503 + Retry-After");
        assertThat(delivery.lost()).as("acknowledged events missing from the topic").isEmpty();
        assertThat(delivery.duplicates()).as("ids on the topic more than once (senders never retry)").isZero();
    }

    private static long acceptedAfter(List<Outcome> outcomes, long sentFrom) {
        return outcomes.stream().filter(o -> o.accepted() && o.sentNanos() >= sentFrom).count();
    }

    /** "a/b": 2xx and 503 answers to events sent in [from, to). */
    private static String phase(List<Outcome> outcomes, long from, long to) {
        List<Outcome> in = outcomes.stream().filter(o -> o.sentNanos() >= from && o.sentNanos() < to).toList();
        return in.stream().filter(Outcome::accepted).count() + "/" + in.stream().filter(Outcome::unavailable).count();
    }

    private static String summary(List<Outcome> outcomes) {
        return outcomes.size() + " sent, " + acceptedAfter(outcomes, 0) + " accepted";
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void figure(String line) {
        System.out.println("FIGURES " + TEST + ": " + line);
    }
}
