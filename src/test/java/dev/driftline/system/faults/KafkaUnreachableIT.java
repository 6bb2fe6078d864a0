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
 * Kafka unreachable for a minute under a running {@code driftline collector} (a child JVM with a 256 MiB heap),
 * senders posting all along. The collector's promises (collector/README.md): it answers 503 + Retry-After at once
 * while Kafka is known to be down (never waiting for the producer's 30 s delivery timeout), its memory stays
 * bounded because it refuses rather than queues, and it recovers by itself when Kafka is back: the same process
 * turns ready and acknowledges again, and every event it acknowledged, before or after, is on the topic. The
 * issue's target for the 503 answers is 100 ms; the figures compare, the assertions only rule out waiting.
 */
class KafkaUnreachableIT {
    private static final String TEST = "KafkaUnreachableIT";
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    /**
     * The broker's restart is part of the outage (Kafka is unreachable until it is ready); the shortest restart
     * seen here took 5 s (5-21 s on 2 busy cores), so restarting this long before the minute is up keeps Kafka
     * unreachable for at least about 60 s without making the test longer than it needs.
     */
    private static final Duration SHORTEST_RESTART = Duration.ofSeconds(5);
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final long HEAP_MIB = 256;
    /** Far below the producer's delivery timeout (30 s): an answer this slow would mean it waited on Kafka. */
    private static final long SLOWEST_ALLOWED_MS = 5_000;
    private static final long TARGET_MS = 100;

    @Test
    void outageIsAnsweredQuicklyWith503InBoundedMemoryAndTheSameProcessRecovers() throws Exception {
        long testStarted = System.nanoTime();
        Path dir = RunDir.fresh(TEST);
        Path data = dir.resolve("broker-data");
        int port = Ports.freeLoopbackPort();
        int controllerPort = Ports.freeLoopbackPort();
        FaultBroker broker = FaultBroker.start(data, dir, port, controllerPort, LIMIT);
        String bootstrap = broker.bootstrapServers();
        List<Outcome> outcomes;
        Map<String, Integer> onTopic;
        long stopped;
        long detected;
        long restartBegan;
        long brokerReady;
        long readyAgain;
        String heap;
        long pid;
        long maxHeapMib;
        // Ends the JVM on an OutOfMemoryError, so an unbounded queue would show as a dead process.
        Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "-XX:+ExitOnOutOfMemoryError");
        try (CollectorChild collector = CollectorChild.start(dir, bootstrap, HEAP_MIB + "m", env)) {
            Await.until("the collector is ready", LIMIT, collector::ready);
            pid = collector.process().pid();
            EventLoad load = EventLoad.start(collector.eventsUri(), "outage", 3, 10);
            try (HeapSampler sampler = HeapSampler.start(pid)) {
                Await.until("100 events acknowledged before the outage", LIMIT,
                        () -> accepted(load.outcomes(), 0) >= 100, () -> load.outcomes().size() + " sent");
                stopped = System.nanoTime();
                broker.close();
                Await.until("/readyz says not ready", LIMIT, () -> !collector.ready());
                detected = System.nanoTime();
                long restartAfter = OUTAGE.minus(SHORTEST_RESTART).toMillis();
                Thread.sleep(Math.max(0, restartAfter - (detected - stopped) / 1_000_000));
                heap = sampler.describe() + (sampler.problem().isEmpty() ? "" : "; jstat: " + sampler.problem());
                maxHeapMib = sampler.maxUsedMib();
                assertThat(sampler.samplesKib()).as("heap samples during the outage (%s)", heap).isNotEmpty();
                assertThat(collector.process().alive()).as("the collector is alive after the outage").isTrue();
                restartBegan = System.nanoTime();
                broker = FaultBroker.start(data, dir, port, controllerPort, LIMIT);
                brokerReady = System.nanoTime();
                Await.until("the same collector is ready again", LIMIT, collector::ready);
                readyAgain = System.nanoTime();
                Await.until("100 events acknowledged after the recovery", LIMIT,
                        () -> accepted(load.outcomes(), readyAgain) >= 100, () -> load.outcomes().size() + " sent");
            } finally {
                outcomes = load.stop();
            }
            assertThat(collector.process().alive()).as("the collector process is still the same one").isTrue();
            assertThat(collector.process().logText()).doesNotContain("java.lang.OutOfMemoryError");
            onTopic = TopicIds.read(bootstrap);
        } finally {
            broker.close();
        }
        Delivery delivery = Delivery.of(outcomes, onTopic);
        List<Outcome> outage = outcomes.stream().filter(o -> o.unavailable() && o.within(stopped, brokerReady))
                .toList();
        List<Outcome> afterDetection = outcomes.stream().filter(o -> o.within(detected, restartBegan)).toList();
        List<Outcome> neither = outcomes.stream().filter(o -> !o.accepted() && !o.unavailable()).toList();
        long firstAcceptedAfter = outcomes.stream().filter(o -> o.accepted() && o.sentNanos() >= restartBegan)
                .mapToLong(Outcome::answeredNanos).min().orElse(0);
        Latencies outageLatency = Latencies.of(outage);
        Latencies all = Latencies.of(outcomes);

        figure(delivery.figures());
        figure("Kafka unreachable " + ms(brokerReady - stopped) + " ms (SIGTERM to the broker, its restart began "
                + ms(restartBegan - stopped) + " ms later and took " + ms(brokerReady - restartBegan)
                + " ms); detected (/readyz 503) " + ms(detected - stopped) + " ms after the stop began");
        figure("503 answers during the outage: " + outageLatency + " — target " + TARGET_MS + " ms: p99 "
                + (outageLatency.p99() <= TARGET_MS ? "meets" : "misses") + " it; after detection: "
                + Latencies.of(afterDetection) + "; all answers of the run: " + all);
        figure("used heap (jstat once a second, from the load's start to the end of the outage; -Xmx" + HEAP_MIB
                + "m): " + heap);
        figure("recovery: the same collector (pid " + pid + ") ready "
                + ms(readyAgain - brokerReady) + " ms and first 2xx "
                + (firstAcceptedAfter == 0 ? "never" : ms(firstAcceptedAfter - brokerReady) + " ms")
                + " after the broker was ready; test ran " + ms(System.nanoTime() - testStarted) + " ms");

        assertThat(neither).as("every answer is a 2xx or a 503 with Retry-After").extracting(Outcome::describe)
                .isEmpty();
        assertThat(outcomes).as("no answer waits for the producer's delivery timeout")
                .filteredOn(o -> o.latencyMillis() >= SLOWEST_ALLOWED_MS).extracting(Outcome::describe).isEmpty();
        assertThat(afterDetection).as("events sent once /readyz said not ready").hasSizeGreaterThan(100)
                .allMatch(Outcome::unavailable, "answered 503 + Retry-After");
        assertThat(maxHeapMib).as("max used heap during the outage, MiB").isLessThan(HEAP_MIB);
        assertThat(delivery.lost()).as("acknowledged events missing from the topic").isEmpty();
        assertThat(delivery.duplicates()).as("ids on the topic more than once (senders never retry)").isZero();
    }

    private static long accepted(List<Outcome> outcomes, long sentFrom) {
        return outcomes.stream().filter(o -> o.accepted() && o.sentNanos() >= sentFrom).count();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void figure(String line) {
        System.out.println("FIGURES " + TEST + ": " + line);
    }
}
