package dev.driftline.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.Topics;
import dev.driftline.streams.window.WindowSpec;
import dev.driftline.system.Await;
import dev.driftline.system.DriftlineProcess;
import dev.driftline.system.faults.pipeline.CommittedRows;
import dev.driftline.system.faults.pipeline.FigureLine;
import dev.driftline.system.faults.pipeline.MetricsText;
import dev.driftline.system.faults.pipeline.PipelineRun;
import dev.driftline.system.faults.pipeline.ProfilesRead;
import dev.driftline.testkit.CollectorRecords;
import dev.driftline.testkit.InferenceSchedule;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 17, faults: the event-time edge cases sent to a running {@code driftline streams} (grace 5 s), each to a
 * partition of its own choosing, and the outcome the streams README documents for each:
 * <ul>
 *   <li>duplicates (the same CloudEvent id, request and response, sent twice right after the original): dropped by
 *       the pairing — every row once on {@code inference.records} and once in its window;</li>
 *   <li>late events (event time in window 0 after stream time passed its end + grace on that partition): still
 *       normalised to {@code inference.records}, not in window 0's count, counted as
 *       {@code driftline_late_records_total{reason="after_grace"}} one per row;</li>
 *   <li>a future-dated event (ce_time a day ahead of the wall clock): dead-lettered as {@code future_event_time}
 *       with {@code dl_stage = deserialize} and never allowed to move the partition's stream time, so every on-time
 *       event after it on the same partition still counts in its window;</li>
 *   <li>an idle partition: partition 5 gets no event after window 1 while the others go on; its window 1 still
 *       closes (by wall clock) and window 1 is reported with partition 5's rows.</li>
 * </ul>
 */
@WithKafka
class EventTimeEdgesIT {
    private static final String TEST = "EventTimeEdgesIT";
    private static final String MODEL = "edges";
    private static final int PARTITIONS = 6;
    private static final int PER_PARTITION = 20;
    private static final int DUPLICATES_PER_PARTITION = 3;
    private static final int LATE = 10;
    private static final int IDLE_PARTITION = 5;
    private static final int FUTURE_PARTITION = 1;
    private static final Duration STEP = Duration.ofMinutes(4);

    private final KafkaBroker kafka;
    private final Map<String, Integer> rowsOf = new LinkedHashMap<>();
    private KafkaProducer<byte[], byte[]> producer;
    private String events;
    private int seed;

    EventTimeEdgesIT(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void duplicatesLateFutureAndIdlePartitionEachHaveTheirDocumentedOutcome() throws Exception {
        long t0 = System.nanoTime();
        try (PipelineRun run = PipelineRun.start(kafka, TEST);
             KafkaProducer<byte[], byte[]> p = run.orderedProducer();
             CommittedRows records = new CommittedRows(kafka, run.topics().inferenceRecords.name())) {
            producer = p;
            Topics topics = run.topics();
            events = topics.inferenceEvents.name();
            WindowSpec spec = WindowSpec.defaults();
            long base = spec.windowStart(MODEL, Instant.now().minus(Duration.ofHours(3)).toEpochMilli());
            long windowMs = spec.size().toMillis();
            int metricsPort = PipelineRun.freePort();
            DriftlineProcess streams = run.streams("1", run.prefix() + "app", run.dir().resolve("state"),
                    metricsPort, Map.of(), "--grace", "5s");
            streams.awaitLog("driftline streams: running", STEP);
            FigureLine figures = new FigureLine(TEST, run.dir());

            Map<Long, Long> expected = new LinkedHashMap<>();
            Set<String> expectedKeys = new HashSet<>();
            // window 0 on every partition, each partition's first requests sent twice (same ids, same bodies)
            int duplicatePairs = 0;
            for (int part = 0; part < PARTITIONS; part++) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < PER_PARTITION; i++) {
                    ids.add(pair("w0-p" + part + "-" + i, part, base + i * 1000L + part * 100L, expected,
                            expectedKeys, base));
                }
                for (int i = 0; i < DUPLICATES_PER_PARTITION; i++) {
                    resend(ids.get(i), part, base + i * 1000L + part * 100L);
                    duplicatePairs++;
                }
            }
            // window 1 on every partition; the future-dated pair in the middle of its partition's window 1
            long w1 = base + windowMs;
            long rowsAfterFuture = 0;
            for (int part = 0; part < PARTITIONS; part++) {
                for (int i = 0; i < PER_PARTITION; i++) {
                    if (part == FUTURE_PARTITION && i == PER_PARTITION / 2) {
                        Instant ahead = Instant.now().plus(Duration.ofDays(1));
                        producer.send(CollectorRecords.event(events, part, MODEL, "future-0", CollectorRecords.REQUEST,
                                ahead, InferenceSchedule.requestBody(1, 2))).get();
                        producer.send(CollectorRecords.event(events, part, MODEL, "future-0", CollectorRecords.RESPONSE,
                                ahead, InferenceSchedule.responseBody(1, 2))).get();
                    }
                    String id = pair("w1-p" + part + "-" + i, part, w1 + i * 1000L, expected, expectedKeys, base);
                    if (part == FUTURE_PARTITION && i >= PER_PARTITION / 2) {
                        rowsAfterFuture += rowsOf.get(id);
                    }
                }
            }
            long idleRowsW1 = 0;
            for (int i = 0; i < PER_PARTITION; i++) {
                idleRowsW1 += rowsOf.get("w1-p" + IDLE_PARTITION + "-" + i);
            }
            // window 2 on every partition but the idle one; partition 0's stream time is then past window 0's
            // end + grace, and its late events come right after (no idle gap that would close anything by wall)
            long w2 = base + 2 * windowMs;
            long rowsAfterFutureW2 = 0;
            for (int part = 0; part < PARTITIONS; part++) {
                if (part == IDLE_PARTITION) {
                    continue;
                }
                for (int i = 0; i < PER_PARTITION; i++) {
                    String id = pair("w2-p" + part + "-" + i, part, w2 + i * 1000L, expected, expectedKeys, base);
                    if (part == FUTURE_PARTITION) {
                        rowsAfterFutureW2 += rowsOf.get(id);
                    }
                }
            }
            long lateRows = 0;
            for (int i = 0; i < LATE; i++) {
                String id = pair("late-p0-" + i, 0, base + 100_000L + i * 1000L, null, expectedKeys, base);
                lateRows += rowsOf.get(id);
            }
            long sentAt = System.nanoTime();

            Await.until("every row on " + topics.inferenceRecords.name(), STEP, () -> {
                records.poll();
                assertThat(streams.alive()).as("driftline streams runs; log ends:%n%s", streams.tail(40)).isTrue();
                return records.count() >= expectedKeys.size();
            }, () -> records.count() + " of " + expectedKeys.size() + run.tails());
            records.drain(Duration.ofSeconds(3));
            ProfilesRead profiles = ProfilesRead.until(kafka, topics.profiles.name(), MODEL, expected,
                    Duration.ofSeconds(10), STEP);
            long reportedMs = (System.nanoTime() - sentAt) / 1_000_000;
            String metrics = MetricsText.scrape(metricsPort);
            Files.writeString(run.dir().resolve("metrics-streams-1.txt"), metrics);
            double afterGrace = MetricsText.sum(metrics, "driftline_late_records_total", "reason=\"after_grace\"");
            double afterWallClose = MetricsText.sum(metrics, "driftline_late_records_total",
                    "reason=\"after_wall_close\"");
            List<String> deadLetters = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topics.deadLetter.name())) {
                deadLetters.add(new String(r.key(), StandardCharsets.UTF_8) + "/" + header(r, "dl_reason") + "/"
                        + header(r, "dl_stage"));
            }

            StringBuilder windows = new StringBuilder();
            int w = 0;
            for (Map.Entry<Long, Long> e : expected.entrySet()) {
                windows.append(w == 0 ? "" : ",").append("w").append(w++).append(':').append(e.getValue())
                        .append('/').append(profiles.rows(e.getKey())).append("(r")
                        .append(profiles.revision(e.getKey())).append(')');
            }
            figures.put("pairs_sent", rowsOf.size() + duplicatePairs + 1).put("rows_expected_in_records",
                            expectedKeys.size()).put("rows_committed", records.count())
                    .put("double", records.duplicates().size())
                    .put("windows_expected/reported", windows)
                    .put("duplicate_pairs_sent", duplicatePairs)
                    .put("late_rows_sent", lateRows).put("late_after_grace_counted", (long) afterGrace)
                    .put("late_after_wall_close_counted", (long) afterWallClose)
                    .put("future_pair_dead_letters", deadLetters)
                    .put("rows_after_future_event_on_its_partition", rowsAfterFuture + rowsAfterFutureW2)
                    .put("idle_partition_" + IDLE_PARTITION + "_rows_in_w1", idleRowsW1)
                    .put("last_send_to_windows_reported_ms", reportedMs)
                    .put("duration_s", (System.nanoTime() - t0) / 1_000_000_000L).print();

            assertThat(records.duplicates()).as("rows committed twice (duplicates not dropped)").isEmpty();
            assertThat(records.seen().keySet()).as("rows on inference.records: every on-time and late row once, "
                    + "no future one").isEqualTo(expectedKeys);
            for (Map.Entry<Long, Long> e : expected.entrySet()) {
                assertThat(profiles.rows(e.getKey())).as("rows of window %s (%s); revisions %s",
                        Instant.ofEpochMilli(e.getKey()), windows, profiles.history()).isEqualTo(e.getValue());
            }
            assertThat((long) afterGrace).as("rows counted late after grace").isEqualTo(lateRows);
            assertThat(deadLetters).as("dead letters: the future-dated request and response")
                    .containsExactlyInAnyOrder("future-0/future_event_time/deserialize",
                            "future-0/future_event_time/deserialize");
            assertThat(streams.alive()).isTrue();
        }
    }

    /** Sends request + response of a new id to {@code partition}; counts its rows in its window unless late. */
    private String pair(String id, int partition, long timeMs, Map<Long, Long> expected, Set<String> keys,
            long base) throws Exception {
        int rows = 1 + seed % 3;
        rowsOf.put(id, rows);
        Instant t = Instant.ofEpochMilli(timeMs);
        producer.send(CollectorRecords.event(events, partition, MODEL, id, CollectorRecords.REQUEST, t,
                InferenceSchedule.requestBody(seed, rows)));
        producer.send(CollectorRecords.event(events, partition, MODEL, id, CollectorRecords.RESPONSE,
                t.plusMillis(30), InferenceSchedule.responseBody(seed, rows))).get();
        seed++;
        if (expected != null) {
            long start = WindowSpec.defaults().windowStart(MODEL, timeMs);
            expected.merge(start, (long) rows, Long::sum);
        }
        for (int r = 0; r < rows; r++) {
            keys.add(id + "#" + r);
        }
        return id;
    }

    /** Sends the same request and response again (same CloudEvent id, time and body: a retry). */
    private void resend(String id, int partition, long timeMs) throws Exception {
        int rows = rowsOf.get(id);
        int originalSeed = new ArrayList<>(rowsOf.keySet()).indexOf(id);
        Instant t = Instant.ofEpochMilli(timeMs);
        producer.send(CollectorRecords.event(events, partition, MODEL, id, CollectorRecords.REQUEST, t,
                InferenceSchedule.requestBody(originalSeed, rows)));
        producer.send(CollectorRecords.event(events, partition, MODEL, id, CollectorRecords.RESPONSE,
                t.plusMillis(30), InferenceSchedule.responseBody(originalSeed, rows))).get();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "-" : new String(h.value(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }
}
