package dev.driftline.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.Topics;
import dev.driftline.contracts.inference.InferenceRowsCodec;
import dev.driftline.streams.window.WindowSpec;
import dev.driftline.system.Await;
import dev.driftline.system.DriftlineProcess;
import dev.driftline.system.faults.pipeline.CommittedRows;
import dev.driftline.system.faults.pipeline.FigureLine;
import dev.driftline.system.faults.pipeline.GroupView;
import dev.driftline.system.faults.pipeline.LakeCopy;
import dev.driftline.system.faults.pipeline.PipelineRun;
import dev.driftline.system.faults.pipeline.ProfilesRead;
import dev.driftline.testkit.CollectorRecords;
import dev.driftline.testkit.InferenceSchedule;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.ScheduleSender;
import dev.driftline.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 17, faults: under load, {@code driftline streams} and {@code driftline sink} (to a {@code file://} lake) are
 * stopped with SIGTERM while events keep coming. Each must exit by itself with code 0 within {@value #STOP_S} s;
 * both are then started again (same state directory, same consumer group). Afterwards every window's highest
 * profile revision counts exactly its rows, {@code inference.records} (read_committed) holds each row once, and the
 * lake's {@code inference_log} holds exactly the rows of the topic's records (one record per inference) — by
 * (partition, offset), each source record its own row count, and by (inference id, row): none lost, none twice.
 */
@WithKafka
class StreamsAndSinkSigtermIT {
    private static final String TEST = "StreamsAndSinkSigtermIT";
    private static final String MODEL = "sigterm";
    private static final int WINDOWS = 3;
    private static final int PER_WINDOW = 400;
    private static final int PER_SECOND = 80;
    private static final int STOP_S = 60;
    private static final Duration STEP = Duration.ofMinutes(4);

    private final KafkaBroker kafka;

    StreamsAndSinkSigtermIT(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void bothStopCleanlyOnSigtermAndRestartWithoutLossOrDoubles() throws Exception {
        long t0 = System.nanoTime();
        try (PipelineRun run = PipelineRun.start(kafka, TEST);
             KafkaProducer<byte[], byte[]> producer = run.orderedProducer();
             CommittedRows records = new CommittedRows(kafka, run.topics().inferenceRecords.name())) {
            Topics topics = run.topics();
            String appId = run.prefix() + "app";
            String sinkGroup = run.prefix() + "sink";
            String events = topics.inferenceEvents.name();
            Path stateDir = run.dir().resolve("state");
            Path lakeDir = Files.createDirectories(run.dir().resolve("lake"));
            WindowSpec spec = WindowSpec.defaults();
            InferenceSchedule schedule = new InferenceSchedule(MODEL, spec.windowStart(MODEL,
                    Instant.now().minus(Duration.ofHours(3)).toEpochMilli()), spec.size().toMillis(), WINDOWS,
                    PER_WINDOW);
            FigureLine figures = new FigureLine(TEST, run.dir());
            Map<String, String> sinkEnv = PipelineRun.quickTakeover();
            sinkEnv.put("DRIFTLINE_SINK_ROTATE_RECORDS", "200");
            String[] lake = {"--tables", "inference_log", "--max-open", "3s", "--lake", lakeDir.toUri().toString()};

            DriftlineProcess streams = run.streams("1", appId, stateDir, PipelineRun.freePort(),
                    PipelineRun.quickTakeover());
            DriftlineProcess sink = run.sink("1", sinkGroup, PipelineRun.freePort(), sinkEnv, lake);
            ScheduleSender sender = new ScheduleSender(producer, events, MODEL, schedule, PER_SECOND,
                    Duration.ofMinutes(6), PER_WINDOW / 3);
            sender.start();
            Await.until("rows committed by streams and written by the sink", STEP, () -> {
                records.poll();
                return running(streams, sink) && records.count() > 0
                        && sinkCommitted(sinkGroup, topics.inferenceRecords.name()) > 0;
            }, run::tails);
            sender.open(PER_WINDOW / 3);
            int stopAt = PER_WINDOW + PER_WINDOW / 2;
            Await.until("the sender in the middle of window 1, rows being committed", STEP, () -> {
                records.poll();
                return running(streams, sink) && sender.sent() >= stopAt
                        && records.nanosSinceGrowth() < 1_000_000_000L;
            }, () -> "sent " + sender.sent() + run.tails());

            int sentAtStop = sender.sent();
            long stopStart = System.nanoTime();
            int streamsExit = streams.sigterm(Duration.ofSeconds(STOP_S));
            long streamsStopMs = (System.nanoTime() - stopStart) / 1_000_000;
            stopStart = System.nanoTime();
            int sinkExit = sink.sigterm(Duration.ofSeconds(STOP_S));
            long sinkStopMs = (System.nanoTime() - stopStart) / 1_000_000;
            assertThat(streamsExit).as("driftline streams' exit code after SIGTERM; log ends:%n%s",
                    streams.tail(30)).isZero();
            assertThat(sinkExit).as("driftline sink's exit code after SIGTERM; log ends:%n%s", sink.tail(30))
                    .isZero();

            DriftlineProcess streams2 = run.streams("2", appId, stateDir, PipelineRun.freePort(),
                    PipelineRun.quickTakeover());
            DriftlineProcess sink2 = run.sink("2", sinkGroup, PipelineRun.freePort(), sinkEnv, lake);
            Await.until("every event sent", STEP, () -> running(streams2, sink2) && sender.done(),
                    () -> "sent " + sender.sent() + ", failure " + sender.failure());
            assertThat(sender.failure()).as("the sender's failure").isNull();
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
                return running(streams2, sink2) && records.count() >= expectedKeys.size();
            }, () -> records.count() + " of " + expectedKeys.size() + run.tails());
            records.drain(Duration.ofSeconds(3));

            Map<Long, Long> expected = new LinkedHashMap<>();
            for (int w = 0; w < WINDOWS; w++) {
                expected.put(schedule.windowStart(w), schedule.rowsInWindow(w));
            }
            ProfilesRead profiles = ProfilesRead.until(kafka, topics.profiles.name(), MODEL, expected,
                    Duration.ofSeconds(10), STEP);
            // partition@offset -> rows the record holds (one value per inference, all its rows)
            Map<String, Long> onTopicRows = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topics.inferenceRecords.name())) {
                onTopicRows.put(r.partition() + "@" + r.offset(),
                        (long) InferenceRowsCodec.INSTANCE.decode(r.value()).size());
            }
            Set<String> onTopic = onTopicRows.keySet();
            LakeCopy lakeRows = LakeCopy.local(lakeDir);
            Await.until("the lake holds every record of the topic", STEP, () -> {
                try {
                    return running(streams2, sink2)
                            && lakeRows.rowsPerSourceRecord("inference_log").size() >= onTopic.size();
                } catch (AssertionError e) {
                    throw e;
                } catch (Exception e) {
                    return false; // a file renamed while DuckDB lists the directory: look again
                }
            }, run::tails);
            int sinkExit2 = sink2.sigterm(Duration.ofSeconds(STOP_S));
            int streamsExit2 = streams2.sigterm(Duration.ofSeconds(STOP_S));
            Map<String, Long> bySource = lakeRows.rowsPerSourceRecord("inference_log");
            Map<String, Long> byKey = lakeRows.rowsPerKey("inference_log");

            Set<String> lost = new TreeSet<>(expectedKeys);
            lost.removeAll(records.seen().keySet());
            Set<String> lostInLake = new TreeSet<>(onTopic);
            lostInLake.removeAll(bySource.keySet());
            long doubleInLake = byKey.values().stream().filter(n -> n > 1).count()
                    + bySource.entrySet().stream().filter(e -> e.getValue() > onTopicRows.getOrDefault(e.getKey(),
                    0L)).count();
            StringBuilder windows = new StringBuilder();
            for (int w = 0; w < WINDOWS; w++) {
                long start = schedule.windowStart(w);
                windows.append(w == 0 ? "" : ",").append("w").append(w).append(':').append(expected.get(start))
                        .append('/').append(profiles.rows(start)).append("(r").append(profiles.revision(start))
                        .append(')');
            }
            figures.put("events_sent", 2 * (schedule.total() + 6)).put("sigterm_at_requests_sent", sentAtStop)
                    .put("streams_exit/stop_ms", streamsExit + "/" + streamsStopMs)
                    .put("sink_exit/stop_ms", sinkExit + "/" + sinkStopMs)
                    .put("rows_sent", expectedKeys.size()).put("rows_committed", records.count())
                    .put("lost", lost.size()).put("double", records.duplicates().size())
                    .put("windows_expected/reported", windows)
                    .put("topic_records", onTopic.size()).put("topic_rows", sum(onTopicRows))
                    .put("lake_rows", sum(bySource))
                    .put("lake_lost", lostInLake.size()).put("lake_double", doubleInLake)
                    .put("exit_codes_at_end(sink,streams)", sinkExit2 + "," + streamsExit2)
                    .put("dead_letters", kafka.readAll(topics.deadLetter.name()).size())
                    .put("duration_s", (System.nanoTime() - t0) / 1_000_000_000L).print();

            assertThat(lost).as("rows lost%s", run.tails()).isEmpty();
            assertThat(records.duplicates()).as("rows committed twice").isEmpty();
            assertThat(records.seen().keySet()).isEqualTo(expectedKeys);
            for (int w = 0; w < WINDOWS; w++) {
                long start = schedule.windowStart(w);
                assertThat(profiles.rows(start)).as("rows of window %d (%s); revisions %s", w, windows,
                        profiles.history()).isEqualTo(expected.get(start));
            }
            assertThat(bySource.keySet()).as("lake rows by source record").isEqualTo(onTopic);
            assertThat(bySource).as("lake rows per source record: the rows it holds").isEqualTo(onTopicRows);
            assertThat(byKey.keySet()).as("lake rows by inference id and row").isEqualTo(expectedKeys);
            assertThat(doubleInLake).as("lake rows twice").isZero();
            assertThat(sinkExit2).as("sink exit code at the end").isZero();
            assertThat(streamsExit2).as("streams exit code at the end").isZero();
            assertThat(kafka.readAll(topics.deadLetter.name())).as("dead letters").isEmpty();
        }
    }

    private static boolean running(DriftlineProcess streams, DriftlineProcess sink) {
        assertThat(streams.alive()).as("%s runs; log ends:%n%s", streams.name(), streams.tail(30)).isTrue();
        assertThat(sink.alive()).as("%s runs; log ends:%n%s", sink.name(), sink.tail(30)).isTrue();
        return true;
    }

    private long sinkCommitted(String group, String topic) {
        return GroupView.committed(kafka, group, topic).values().stream().mapToLong(Long::longValue).sum();
    }

    private static long sum(Map<String, Long> rows) {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
