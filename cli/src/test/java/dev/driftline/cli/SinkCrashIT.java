package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.driftline.contracts.inference.InferenceRowsCodec;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithKafka;
import dev.driftline.testkit.WithMoto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * {@code driftline sink} as a child JVM, killed with SIGKILL twice while it writes under live traffic — on S3
 * (moto) while a multipart upload is in flight, on {@code file://} while a temporary file is being written — and
 * restarted each time. At the end the lake holds every row of every record of the topic exactly once (the topic
 * mixes v1 values, one row each as older builds wrote them, and v2 values of two rows as the pipeline writes them
 * now), no partial object was ever visible, and nothing unfinished is left (no multipart upload, no temporary file).
 *
 * <p>Records carry about 16 KB of random text so that objects are several MiB; the sink runs with 1 MiB row groups
 * (so Parquet streams while a file is open) and rotates every 700 records of a partition (about 8 MB of Parquet: a multipart upload of 2 parts).
 */
@WithKafka
@WithMoto
class SinkCrashIT {
    /** Records sent at least; the sender goes on until both kills are done (see {@link Sender}). */
    private static final int TOTAL = 3600;
    private static final int PER_SECOND = 120;
    private static final String BUCKET = "crash-lake";
    private final List<Process> processes = new ArrayList<>();
    @TempDir
    Path runDir;

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    /**
     * Whether an upload listed a moment ago has parts; one the sink completed (or aborted) in between has none:
     * the probe races the sink it watches, which is what it is for.
     */
    private static boolean hasParts(S3Client s3, MultipartUpload u) {
        try {
            return !s3.listParts(b -> b.bucket(BUCKET).key(u.key()).uploadId(u.uploadId())).parts().isEmpty();
        } catch (software.amazon.awssdk.services.s3.model.NoSuchUploadException finished) {
            return false;
        }
    }

    @Test
    void s3LakeHoldsEveryRecordOnceAfterKillsMidMultipart(KafkaBroker kafka, MotoServer moto) throws Exception {
        S3Client s3 = moto.s3();
        s3.createBucket(b -> b.bucket(BUCKET));
        MidWrite midUpload = () -> s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().stream()
                .filter(u -> hasParts(s3, u)).map(MultipartUpload::uploadId)
                .collect(java.util.stream.Collectors.toSet());
        Path local = runDir.resolve("download");
        crashAndCheck(kafka, List.of("--lake", "s3://" + BUCKET + "/crash", "--endpoint-url",
                moto.endpoint().toString(), "--region", "us-east-1"), midUpload, () -> {
                    List<MultipartUpload> open = s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads();
                    assertThat(open).as("unfinished multipart uploads").isEmpty();
                    for (var o : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("crash/")).contents()) {
                        Path target = local.resolve(o.key().substring("crash/".length()));
                        Files.createDirectories(target.getParent());
                        s3.getObject(b -> b.bucket(BUCKET).key(o.key()), target);
                    }
                    return local;
                });
    }

    @Test
    void fileLakeHoldsEveryRecordOnceAfterKillsMidFile(KafkaBroker kafka) throws Exception {
        Path lake = runDir.resolve("lake");
        Files.createDirectories(lake);
        MidWrite midFile = () -> tempFiles(lake).stream().filter(p -> size(p) > 1024 * 1024)
                .map(p -> p + "@" + modified(p)).collect(java.util.stream.Collectors.toSet());
        crashAndCheck(kafka, List.of("--lake", lake.toUri().toString()), midFile, () -> {
            assertThat(tempFiles(lake)).as("temporary files left").isEmpty();
            return lake;
        });
    }

    private interface LakeCopy {
        Path fetch() throws Exception;
    }

    /**
     * The objects being written that are not complete yet (multipart uploads with a part; temporary files over
     * 1 MiB with their modification time), so a restarted sink's writing can be told from its predecessor's leftovers.
     */
    private interface MidWrite {
        Set<String> unfinished();
    }

    private void crashAndCheck(KafkaBroker kafka, List<String> lakeArgs, MidWrite midWrite, LakeCopy lake)
            throws Exception {
        try {
            run(kafka, lakeArgs, midWrite, lake);
            try (Stream<Path> logs = Files.list(runDir)) { // what each sink wrote, for the test report
                for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList()) {
                    Files.readAllLines(log).stream().filter(l -> l.contains("in the lake") || l.contains("unfinished"))
                            .forEach(l -> System.err.println(log.getFileName() + ": " + l));
                }
            }
        } catch (AssertionError | Exception e) {
            try (Stream<Path> logs = Files.list(runDir)) { // the sinks' own words, for whoever reads the failure
                for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList()) {
                    List<String> lines = Files.readAllLines(log);
                    System.err.println("---- " + log.getFileName() + " (last 40 of " + lines.size() + " lines)");
                    lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.err::println);
                }
            }
            throw e;
        }
    }

    private void run(KafkaBroker kafka, List<String> lakeArgs, MidWrite midWrite, LakeCopy lake)
            throws Exception {
        String prefix = kafka.uniqueTopic("crash") + ".";
        String topic = prefix + "inference.records";
        String group = kafka.uniqueTopic("crash-sink");
        kafka.createTopic(topic, 2);
        Sender sender = new Sender(kafka, topic);
        sender.start();
        Set<String> leftovers = Set.of();
        Process sink = startSink(kafka, prefix, group, lakeArgs, "1");
        for (int kill = 1; kill <= 2; kill++) {
            if (kill == 2) { // the second sink must have taken over and made progress before it is killed
                awaitTrue("sink 2 commits its first batch", () -> committed(kafka, group, topic) > 0,
                        Duration.ofSeconds(120));
            }
            Set<String> before = leftovers;
            awaitTrue("sink " + kill + " writing an unfinished object",
                    () -> midWrite.unfinished().stream().anyMatch(u -> !before.contains(u)), Duration.ofSeconds(120));
            sink.destroyForcibly(); // SIGKILL: no flush, no abort, no commit
            assertThat(sink.waitFor(60, TimeUnit.SECONDS)).isTrue();
            System.err.printf("SinkCrashIT: SIGKILL %d at %d records sent, %d committed%n", kill, sender.sent.get(),
                    committed(kafka, group, topic));
            leftovers = midWrite.unfinished();
            sink = startSink(kafka, prefix, group, lakeArgs, Integer.toString(kill + 1));
        }
        sender.finish();
        sender.join(120_000);
        assertThat(sender.isAlive()).as("sender still running").isFalse();
        int total = sender.sent.get();
        assertThat(total).isGreaterThanOrEqualTo(TOTAL);
        assertThat(total % 4).as("records sent: whole groups of two v1 and two v2 values").isZero();
        Map<TopicPartition, Long> ends = endOffsets(kafka, topic);
        long end = ends.values().stream().mapToLong(Long::longValue).sum();
        awaitTrue("sink commits every record", () -> committed(kafka, group, topic) >= end, Duration.ofSeconds(180));
        sink.destroy(); // SIGTERM: graceful
        assertThat(sink.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(sink.exitValue()).isZero();

        Path local = lake.fetch();
        Set<String> onTopic = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topic)) {
            onTopic.add(r.partition() + "@" + r.offset());
        }
        assertThat(onTopic).hasSize(total);
        String files = "read_parquet('" + local + "/inference_log/*/*/*/*.parquet', hive_partitioning = true)";
        // half the records are one v1 row, half a v2 value of two rows: every row once, every record's rows
        long rows = total + total / 2;
        List<List<Object>> totals = duck("SELECT count(*), count(DISTINCT (kafka_partition, kafka_offset)), "
                + "count(DISTINCT (inference_id, \"row\")) FROM " + files);
        assertThat(totals).containsExactly(List.of(rows, (long) total, rows));
        Set<String> inLake = new HashSet<>();
        duck("SELECT kafka_partition, kafka_offset FROM " + files).forEach(r -> inLake.add(r.get(0) + "@" + r.get(1)));
        assertThat(inLake).isEqualTo(onTopic);
    }

    private Process startSink(KafkaBroker kafka, String prefix, String group, List<String> lakeArgs, String name)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // its own tmp: a SIGKILLed JVM leaves the native libraries it extracted behind in java.io.tmpdir
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m",
                "-Djava.io.tmpdir=" + Files.createDirectories(runDir.resolve("tmp")),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "sink", "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix",
                prefix, "--group-id", group, "--tables", "inference_log", "--metrics-port", "-1"));
        cmd.addAll(lakeArgs);
        Path log = runDir.resolve("sink-" + name + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("DRIFTLINE_") || k.startsWith("KAFKA_"));
        pb.environment().put("DRIFTLINE_SINK_ROTATE_RECORDS", "700");
        pb.environment().put("DRIFTLINE_SINK_ROTATE_MAX_OPEN", "15s");
        pb.environment().put("DRIFTLINE_SINK_PARQUET_ROW_GROUP_SIZE", "1MiB");
        // a killed member holds its partitions until its session times out; the broker's minimum keeps restarts quick
        pb.environment().put("KAFKA_SESSION_TIMEOUT_MS", "6000");
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private static long committed(KafkaBroker kafka, String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> m = kafka.admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return m.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    private static Map<TopicPartition, Long> endOffsets(KafkaBroker kafka, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> want = Map.of(new TopicPartition(topic, 0), OffsetSpec.latest(),
                new TopicPartition(topic, 1), OffsetSpec.latest());
        Map<TopicPartition, Long> out = new java.util.HashMap<>();
        kafka.admin().listOffsets(want).all().get(30, TimeUnit.SECONDS).forEach((tp, r) -> out.put(tp, r.offset()));
        return out;
    }

    private static List<Path> tempFiles(Path lake) {
        try (Stream<Path> s = Files.walk(lake)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of(); // a file renamed while walking
        }
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        fail("timed out waiting for: " + what);
    }

    private static List<List<Object>> duck(String sql) throws Exception {
        Properties p = new Properties();
        p.setProperty("autoinstall_known_extensions", "false");
        p.setProperty("autoload_known_extensions", "false");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:", p); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /**
     * Sends records of about 16 KB at {@link #PER_SECOND} per second until {@link #finish} was called and at least
     * {@link #TOTAL} went out, stopping at a multiple of 4 (two v1 values, then two v2 values). Traffic keeps coming
     * until both kills are done: with a fixed count, a sink that was slow to start (a loaded machine) could be killed
     * so late that its successor caught up with the whole topic in bursts too short to be seen mid-write.
     */
    private static final class Sender extends Thread {
        final AtomicInteger sent = new AtomicInteger();
        private volatile boolean finish;
        private final KafkaBroker kafka;
        private final String topic;

        Sender(KafkaBroker kafka, String topic) {
            super("crash-sender");
            this.kafka = kafka;
            this.topic = topic;
            setDaemon(true);
        }

        @Override
        public void run() {
            Random random = new Random(11);
            Instant start = Instant.parse("2026-11-21T10:00:00Z");
            try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(kafka.producerProps())) {
                long t0 = System.nanoTime();
                for (int i = 0; !(finish && i >= TOTAL && i % 4 == 0); i++) {
                    long due = t0 + i * 1_000_000_000L / PER_SECOND;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    byte[] pad = new byte[12_000];
                    random.nextBytes(pad);
                    String blob = Base64.getEncoder().encodeToString(pad);
                    byte[] value;
                    if ((i / 2) % 2 == 0) { // what older builds wrote: one v1 JSON value per row
                        value = ("{\"schema_version\":1,\"model\":\"wine\",\"model_version\":null,"
                                + "\"inference_id\":\"crash-" + i + "\",\"row\":0,\"event_time\":\""
                                + start.plusSeconds(i) + "\",\"features\":{\"x\":" + i + ",\"blob\":\"" + blob
                                + "\"},\"predictions\":{\"y\":1},\"label\":null}").getBytes(StandardCharsets.UTF_8);
                    } else { // what the pipeline writes now: one v2 value per inference, here of two rows
                        List<InferenceRecord> rows = new ArrayList<>();
                        for (int row = 0; row < 2; row++) {
                            rows.add(new InferenceRecord("wine", "", "crash-" + i, row, start.plusSeconds(i),
                                    Map.of("x", (long) i, "blob", blob.substring(row * blob.length() / 2,
                                            (row + 1) * blob.length() / 2)), Map.of("y", 1L), null));
                        }
                        value = InferenceRowsCodec.INSTANCE.encode(rows);
                    }
                    p.send(new ProducerRecord<>(topic, i % 2, "wine".getBytes(StandardCharsets.UTF_8), value)).get();
                    sent.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException("sender failed at " + sent.get(), e);
            }
        }

        /** Lets the sender stop once it has sent {@link #TOTAL} (the kills are done). */
        void finish() {
            finish = true;
        }
    }
}
