package dev.driftline.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.Topics;
import dev.driftline.streams.window.WindowSpec;
import dev.driftline.system.Await;
import dev.driftline.system.DriftlineProcess;
import dev.driftline.system.faults.pipeline.CommittedRows;
import dev.driftline.system.faults.pipeline.FigureLine;
import dev.driftline.system.faults.pipeline.GroupView;
import dev.driftline.system.faults.pipeline.PipelineRun;
import dev.driftline.system.faults.pipeline.ProfilesRead;
import dev.driftline.testkit.CollectorRecords;
import dev.driftline.testkit.InferenceSchedule;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.ScheduleSender;
import dev.driftline.testkit.WithKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 17, faults: two {@code driftline streams} instances of one application share the six event partitions
 * while request + response events (the collector's format) come at a steady rate; in the middle of a window one
 * instance is SIGKILLed, and the other takes its partitions over once the group notices (session timeout lowered
 * to the broker's minimum, 6 s, through {@code KAFKA_SESSION_TIMEOUT_MS}). Afterwards every window's highest
 * revision on {@code <prefix>profiles} counts exactly the rows sent in it, {@code <prefix>inference.records}
 * (read_committed) holds each row exactly once, and nothing was dead-lettered. The take-over is watched from
 * outside: the group's assignment and committed offsets as the broker reports them.
 *
 * <p>Two loads: live (80 requests/s, which the instances keep up with; the kill lands in the middle of window 1) and
 * full rate (issue 15: 8,000 requests per window sent as fast as the producer can, so both instances work through a
 * backlog at their own rate and the kill lands in the middle of it, asserted).
 */
@WithKafka
class StreamsInstanceKillIT {
    private static final String TEST = "StreamsInstanceKillIT";
    private static final String MODEL = "kill";
    private static final int WINDOWS = 3;
    private static final Duration STEP = Duration.ofMinutes(4);

    private final KafkaBroker kafka;

    StreamsInstanceKillIT(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void survivorTakesOverAndEveryRowCountsOnce() throws Exception {
        run("", 400, 80);
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void survivorTakesOverMidBacklogAtFullRateAndEveryRowCountsOnce() throws Exception {
        run("FullRate", 8_000, 0);
    }

    /** @param perSecond requests per second, 0: as fast as the producer sends */
    private void run(String variant, int perWindow, int perSecond) throws Exception {
        String test = TEST + variant;
        long t0 = System.nanoTime();
        try (PipelineRun run = PipelineRun.start(kafka, test);
             KafkaProducer<byte[], byte[]> producer = run.orderedProducer();
             CommittedRows records = new CommittedRows(kafka, run.topics().inferenceRecords.name())) {
            Topics topics = run.topics();
            String appId = run.prefix() + "app";
            String events = topics.inferenceEvents.name();
            WindowSpec spec = WindowSpec.defaults();
            InferenceSchedule schedule = new InferenceSchedule(MODEL, spec.windowStart(MODEL,
                    Instant.now().minus(Duration.ofHours(3)).toEpochMilli()), spec.size().toMillis(), WINDOWS,
                    perWindow);
            FigureLine figures = new FigureLine(test, run.dir());

            Map<String, String> envA = PipelineRun.quickTakeover();
            envA.put("KAFKA_CLIENT_ID", "instance-a");
            Map<String, String> envB = PipelineRun.quickTakeover();
            envB.put("KAFKA_CLIENT_ID", "instance-b");
            DriftlineProcess a = run.streams("a", appId, run.dir().resolve("state-a"), PipelineRun.freePort(), envA);
            DriftlineProcess b = run.streams("b", appId, run.dir().resolve("state-b"), PipelineRun.freePort(), envB);

            // hold in window 0 until both instances read and commit, then kill in the middle of window 1
            ScheduleSender sender = new ScheduleSender(producer, events, MODEL, schedule, perSecond,
                    Duration.ofMinutes(6), perWindow / 3);
            sender.start();
            Await.until("both instances own event partitions", STEP,
                    () -> alive(a, b) && GroupView.assignment(kafka, appId, events).size() == 2,
                    () -> GroupView.assignment(kafka, appId, events) + run.tails());
            Map<String, TreeSet<Integer>> before = GroupView.assignment(kafka, appId, events);
            Await.until("rows committed", STEP, () -> {
                records.poll();
                return alive(a, b) && records.count() > 0;
            }, run::tails);
            sender.open(perWindow / 3);
            int killAt = perWindow + perWindow / 2;
            // live, the instances keep up and have committed about as much as was sent; at full rate everything is
            // sent at once, and the kill waits until half a window is committed, thousands of requests behind
            long committedAtLeast = schedule.rowsBefore(perWindow / 2);
            Await.until("the sender in the middle of window 1, rows being committed", STEP, () -> {
                records.poll();
                return alive(a, b) && sender.sent() >= killAt && records.count() >= committedAtLeast
                        && records.nanosSinceGrowth() < 1_000_000_000L;
            }, () -> "sent " + sender.sent() + ", committed " + records.count() + run.tails());
            Set<Integer> victims = new TreeSet<>(before.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("instance-b")).findFirst().orElseThrow().getValue());
            int sentAtKill = sender.sent();
            long rowsAtKill = records.count();
            b.kill9();
            if (perSecond == 0) {
                assertThat(schedule.rowsBefore(sentAtKill) - rowsAtKill).as("rows sent but not committed at the kill")
                        .isGreaterThanOrEqualTo(schedule.rowsTotal() / 20);
            }
            long killedAt = System.nanoTime();
            // the victim's offsets as they stay: read after the kill, once a commit it had already sent has landed
            // (the survivor cannot own its partitions before the 6 s session timeout)
            Thread.sleep(1000);
            Map<Integer, Long> committedAtKill = GroupView.committed(kafka, appId, events);

            // the survivor's first commit past the victim's offsets on one of the victim's partitions
            long takeoverNanos = -1;
            Map<String, TreeSet<Integer>> after = Map.of();
            long limit = killedAt + STEP.toNanos();
            while (System.nanoTime() < limit && (takeoverNanos < 0 || after.size() != 1)) {
                assertThat(a.alive()).as("the surviving instance runs%s", run.tails()).isTrue();
                Map<Integer, Long> now = GroupView.committed(kafka, appId, events);
                if (takeoverNanos < 0 && victims.stream().anyMatch(p -> now.getOrDefault(p, -1L)
                        > committedAtKill.getOrDefault(p, -1L))) {
                    takeoverNanos = System.nanoTime() - killedAt;
                }
                Map<String, TreeSet<Integer>> assigned = GroupView.assignment(kafka, appId, events);
                if (assigned.size() == 1 && assigned.values().iterator().next().size() == 6) {
                    after = assigned;
                }
                records.poll();
            }
            assertThat(takeoverNanos).as("the survivor commits on the victim's partitions %s%s", victims,
                    run.tails()).isPositive();

            Await.until("every event sent", STEP, sender::done, () -> "sent " + sender.sent() + ", failure "
                    + sender.failure());
            assertThat(sender.failure()).as("the sender's failure").isNull();
            // one pair per partition two windows on: every task's stream time passes the last window's end + grace
            for (int p = 0; p < 6; p++) {
                Instant t = Instant.ofEpochMilli(schedule.windowStart(WINDOWS + 1) + 1000);
                producer.send(CollectorRecords.event(events, p, MODEL, "final-" + p, CollectorRecords.REQUEST, t,
                        InferenceSchedule.requestBody(p, 1))).get();
                producer.send(CollectorRecords.event(events, p, MODEL, "final-" + p, CollectorRecords.RESPONSE, t,
                        InferenceSchedule.responseBody(p, 1))).get();
            }
            Set<String> expectedKeys = new HashSet<>(schedule.rowKeys());
            for (int p = 0; p < 6; p++) {
                expectedKeys.add("final-" + p + "#0");
            }
            Await.until("every row on " + topics.inferenceRecords.name(), STEP, () -> {
                records.poll();
                return records.count() >= expectedKeys.size();
            }, () -> records.count() + " of " + expectedKeys.size() + run.tails());
            records.drain(Duration.ofSeconds(3));

            Map<Long, Long> expected = new LinkedHashMap<>();
            for (int w = 0; w < WINDOWS; w++) {
                expected.put(schedule.windowStart(w), schedule.rowsInWindow(w));
            }
            ProfilesRead profiles = ProfilesRead.until(kafka, topics.profiles.name(), MODEL, expected,
                    Duration.ofSeconds(10), STEP);
            Set<String> lost = new TreeSet<>(expectedKeys);
            lost.removeAll(records.seen().keySet());
            Map<String, Integer> doubled = records.duplicates();
            StringBuilder windows = new StringBuilder();
            for (int w = 0; w < WINDOWS; w++) {
                long start = schedule.windowStart(w);
                windows.append(w == 0 ? "" : ",").append("w").append(w).append(':').append(expected.get(start))
                        .append("/").append(profiles.rows(start)).append("(r").append(profiles.revision(start))
                        .append(')');
            }
            int deadLetters = kafka.readAll(topics.deadLetter.name()).size();

            figures.put("events_sent", 2 * (schedule.total() + 6)).put("requests", schedule.total() + 6)
                    .put("rows_sent", expectedKeys.size()).put("rows_committed", records.count())
                    .put("lost", lost.size()).put("double", doubled.size())
                    .put("windows_expected/reported", windows)
                    .put("killed_at", sentAtKill + " requests sent, " + rowsAtKill + " rows committed")
                    .put("kill_to_survivor_commit_on_victim_partitions_ms", takeoverNanos / 1_000_000)
                    .put("assignment_before", before).put("assignment_after", after)
                    .put("dead_letters", deadLetters)
                    .put("duration_s", (System.nanoTime() - t0) / 1_000_000_000L).print();

            assertThat(lost).as("rows lost%s", run.tails()).isEmpty();
            assertThat(doubled).as("rows committed twice").isEmpty();
            assertThat(records.seen().keySet()).isEqualTo(expectedKeys);
            for (int w = 0; w < WINDOWS; w++) {
                long start = schedule.windowStart(w);
                assertThat(profiles.rows(start)).as("rows of window %d (%s); revisions %s", w, windows,
                        profiles.history()).isEqualTo(expected.get(start));
            }
            assertThat(after).as("the survivor owns every partition").hasSize(1);
            assertThat(after.keySet().iterator().next()).startsWith("instance-a");
            assertThat(deadLetters).as("dead letters").isZero();
        }
    }

    private static boolean alive(DriftlineProcess a, DriftlineProcess b) {
        assertThat(a.alive()).as("%s runs; log ends:%n%s", a.name(), a.tail(30)).isTrue();
        assertThat(b.alive()).as("%s runs; log ends:%n%s", b.name(), b.tail(30)).isTrue();
        return true;
    }
}
