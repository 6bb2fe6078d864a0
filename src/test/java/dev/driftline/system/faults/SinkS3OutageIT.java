package dev.driftline.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.system.Await;
import dev.driftline.system.DriftlineProcess;
import dev.driftline.system.faults.pipeline.FigureLine;
import dev.driftline.system.faults.pipeline.GroupView;
import dev.driftline.system.faults.pipeline.LakeCopy;
import dev.driftline.system.faults.pipeline.MetricsText;
import dev.driftline.system.faults.pipeline.PipelineRun;
import dev.driftline.system.faults.pipeline.SinkInputSender;
import dev.driftline.system.faults.pipeline.TcpFaultProxy;
import dev.driftline.system.faults.pipeline.TopicRows;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithKafka;
import dev.driftline.testkit.WithMoto;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 17, faults: {@code driftline sink} writes {@code inference_log} and {@code labels} to an S3 lake on moto while
 * records flow into its input topics, and S3 becomes unreachable for {@value #OUTAGE_S} s. moto is not stopped (its
 * objects are in memory): the sink talks to it through a {@link TcpFaultProxy} that resets every connection while
 * the outage lasts. After the restore the sink catches up by itself — never restarted, never exiting — and the lake
 * holds every record of both topics exactly once — by source record (partition, offset) and by inference id and
 * row — read with DuckDB from a copy taken straight from moto.
 */
@WithKafka
@WithMoto
class SinkS3OutageIT {
    private static final String TEST = "SinkS3OutageIT";
    private static final String MODEL = "outage";
    private static final int OUTAGE_S = 60;
    private static final int PER_SECOND = 30;
    /** Sent over about 95 s: traffic before, all through and after the outage. */
    private static final int TOTAL = 2850;
    private static final Duration STEP = Duration.ofMinutes(4);

    private final KafkaBroker kafka;
    private final MotoServer moto;

    SinkS3OutageIT(KafkaBroker kafka, MotoServer moto) {
        this.kafka = kafka;
        this.moto = moto;
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void sinkRidesOutAnS3OutageAndLosesNothing() throws Exception {
        long t0 = System.nanoTime();
        S3Client s3 = moto.s3();
        String bucket = kafka.uniqueTopic("outage-lake").toLowerCase().replace('_', '-').replace('.', '-');
        s3.createBucket(b -> b.bucket(bucket));
        try (PipelineRun run = PipelineRun.start(kafka, TEST);
             TcpFaultProxy proxy = TcpFaultProxy.forward(moto.endpoint().getHost(), moto.port());
             KafkaProducer<byte[], byte[]> producer = run.orderedProducer()) {
            String records = run.topics().inferenceRecords.name();
            String labels = run.topics().labels.name();
            String group = run.prefix() + "sink";
            int metricsPort = PipelineRun.freePort();
            Map<String, String> env = new HashMap<>();
            env.put("AWS_ACCESS_KEY_ID", "test");
            env.put("AWS_SECRET_ACCESS_KEY", "test");
            env.put("DRIFTLINE_SINK_ROTATE_RECORDS", "100");
            DriftlineProcess sink = run.sink("1", group, metricsPort, env, "--tables", "inference_log,labels",
                    "--max-open", "3s", "--lake", "s3://" + bucket + "/lake", "--endpoint-url",
                    "http://127.0.0.1:" + proxy.port(), "--region", "us-east-1");
            SinkInputSender sender = new SinkInputSender(producer, records, labels, MODEL, "o", TOTAL, PER_SECOND,
                    Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS));
            sender.start();
            FigureLine figures = new FigureLine(TEST, run.dir());

            await(sink, "the sink writes batches before the outage", () -> committed(group, records, labels) > 200);
            proxy.cut();
            long cutAt = System.nanoTime();
            long committedBefore = committed(group, records, labels); // after the cut: nothing can reach S3 now
            int sentAtCut = sender.sent();
            long refusedBefore = proxy.refused();
            while (System.nanoTime() - cutAt < Duration.ofSeconds(OUTAGE_S).toNanos()) {
                assertThat(sink.alive()).as("the sink runs through the outage; log ends:%n%s", sink.tail(30))
                        .isTrue();
                Thread.sleep(500);
            }
            long committedDuringOutage = committed(group, records, labels) - committedBefore;
            proxy.restore();
            long restoredAt = System.nanoTime();
            long sentAtRestore = 2L * sender.sent();
            await(sink, "the sink catches up on what was sent up to the restore",
                    () -> committed(group, records, labels) >= sentAtRestore);
            long catchUpMs = (System.nanoTime() - restoredAt) / 1_000_000;

            await(sink, "every record sent", sender::done);
            assertThat(sender.failure()).as("the sender's failure").isNull();
            long end = endOffsets(records) + endOffsets(labels);
            await(sink, "the sink commits every record", () -> committed(group, records, labels) >= end);
            String metrics = MetricsText.scrape(metricsPort);
            Files.writeString(run.dir().resolve("metrics-sink-1.txt"), metrics);
            double uploadFailures = MetricsText.sum(metrics, "driftline_sink_upload_failures_total", null);
            boolean aliveAtEnd = sink.alive();
            int exit = sink.sigterm(Duration.ofSeconds(90));

            LakeCopy lake = LakeCopy.download(s3, bucket, "lake", run.dir().resolve("lake"));
            Set<String> sent = sender.keys();
            TopicRows logTopic = TopicRows.read(kafka, records);
            TopicRows labelTopic = TopicRows.read(kafka, labels);
            Map<String, Long> inferenceLog = lake.rowsPerKey("inference_log");
            Map<String, Long> labelRows = lake.rowsPerKey("labels");
            Map<String, Long> logSources = lake.rowsPerSourceRecord("inference_log");
            Map<String, Long> labelSources = lake.rowsPerSourceRecord("labels");
            Set<String> lostLog = missing(sent, inferenceLog);
            Set<String> lostLabels = missing(sent, labelRows);
            long doubleLog = logSources.values().stream().filter(n -> n > 1).count()
                    + inferenceLog.entrySet().stream().filter(e -> e.getValue() > logTopic.perKey()
                    .getOrDefault(e.getKey(), 0L)).count();
            long doubleLabels = labelSources.values().stream().filter(n -> n > 1).count()
                    + labelRows.entrySet().stream().filter(e -> e.getValue() > labelTopic.perKey()
                    .getOrDefault(e.getKey(), 0L)).count();

            figures.put("rows_sent", "inference_log " + TOTAL + ", labels " + TOTAL)
                    .put("topic_records", "inference.records " + logTopic.sources().size() + ", labels "
                            + labelTopic.sources().size())
                    .put("rows_in_lake", "inference_log " + sum(inferenceLog) + ", labels " + sum(labelRows))
                    .put("lost", "inference_log " + lostLog.size() + ", labels " + lostLabels.size())
                    .put("duplicated", "inference_log " + doubleLog + ", labels " + doubleLabels)
                    .put("outage_s", OUTAGE_S).put("records_sent_at_cut", 2 * sentAtCut)
                    .put("records_committed_during_outage", committedDuringOutage)
                    .put("connections_reset_during_outage", proxy.refused() - refusedBefore)
                    .put("catch_up_after_restore_ms", catchUpMs)
                    .put("upload_retries(driftline_sink_upload_failures_total)", (long) uploadFailures)
                    .put("sink_exit_after_sigterm", exit)
                    .put("duration_s", (System.nanoTime() - t0) / 1_000_000_000L).print();

            assertThat(aliveAtEnd).as("the sink never exited").isTrue();
            assertThat(exit).as("exit code after SIGTERM").isZero();
            assertThat(lostLog).as("inference_log rows lost; logs in %s", run.dir()).isEmpty();
            assertThat(lostLabels).as("labels rows lost").isEmpty();
            assertThat(inferenceLog.keySet()).isEqualTo(sent);
            assertThat(labelRows.keySet()).isEqualTo(sent);
            assertThat(logSources.keySet()).as("inference_log rows by source record").isEqualTo(logTopic.sources());
            assertThat(labelSources.keySet()).as("labels rows by source record").isEqualTo(labelTopic.sources());
            assertThat(inferenceLog).as("inference_log rows per key = the topic's").isEqualTo(logTopic.perKey());
            assertThat(labelRows).as("labels rows per key = the topic's").isEqualTo(labelTopic.perKey());
            assertThat(doubleLog).as("inference_log rows duplicated").isZero();
            assertThat(doubleLabels).as("labels rows duplicated").isZero();
            assertThat(uploadFailures).as("the outage was seen as failed uploads").isPositive();
        }
    }

    private void await(DriftlineProcess sink, String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(what, STEP, () -> {
            assertThat(sink.alive()).as("the sink runs; log ends:%n%s", sink.tail(30)).isTrue();
            return condition.getAsBoolean();
        }, () -> sink.tail(20));
    }

    private long committed(String group, String... topics) {
        long n = 0;
        for (String t : topics) {
            n += GroupView.committed(kafka, group, t).values().stream().mapToLong(Long::longValue).sum();
        }
        return n;
    }

    private long endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> want = new HashMap<>();
        for (int p = 0; p < 6; p++) {
            want.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return kafka.admin().listOffsets(want).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(r -> r.offset()).sum();
    }

    private static Set<String> missing(Set<String> sent, Map<String, Long> inLake) {
        Set<String> out = new TreeSet<>(sent);
        out.removeAll(inLake.keySet());
        return out;
    }

    private static long sum(Map<String, Long> rows) {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
