package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.Topics;
import dev.driftline.streams.DriftlineTopology;
import dev.driftline.streams.PipelineConfig;
import dev.driftline.streams.PipelineInstruments;
import dev.driftline.streams.support.DeadLetteringDeserializationHandler;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithKafka;
import dev.driftline.testkit.WithMoto;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code driftline import capture --from s3://…} as a child JVM on moto's S3 and a real broker: three hours of Data
 * Capture objects of two variants (plus an hour outside --since/--until), killed with SIGKILL midway and rerun. The
 * events topic (read committed, as the pipeline reads it) then holds every request and response of every inference
 * of those hours exactly once, compared by event id. Ground truth imported from S3 joins: every label's key is an
 * imported inference id, and the streaming jobs run over both topics count every label in a model-quality window
 * (this needs the topics as declared: the import creates them, see ImportCheckpoints#ensureTopic).
 */
@WithKafka
@WithMoto
class ImportS3CrashIT {
    private static final String BUCKET = "capture-bucket";
    private static final String[] VARIANTS = {"AllTraffic", "Canary"};
    private static final int[] HOURS = {10, 11, 12};
    private static final int OBJECTS_PER_HOUR = 6;
    private static final int LINES_PER_OBJECT = 400;
    private static final int OBJECTS = VARIANTS.length * HOURS.length * OBJECTS_PER_HOUR;
    private final List<Process> processes = new ArrayList<>();
    @TempDir
    Path runDir;

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    private static String capture(String id, int hour, int second) {
        return "{\"captureData\":{\"endpointInput\":{\"observedContentType\":\"text/csv\",\"mode\":\"INPUT\","
                + "\"data\":\"" + (second % 50) + ",25,113.2\",\"encoding\":\"CSV\"},\"endpointOutput\":{"
                + "\"observedContentType\":\"text/csv\",\"mode\":\"OUTPUT\",\"data\":\"" + (second % 2)
                + "\",\"encoding\":\"CSV\"}},\"eventMetadata\":{\"eventId\":\"" + id + "\",\"inferenceTime\":"
                + "\"2026-01-15T" + String.format("%02d:%02d:%02d", hour, second / 60 % 60, second % 60)
                + "Z\"},\"eventVersion\":\"0\"}";
    }

    /** Uploads the capture objects; returns the event ids inside the imported hours. */
    private static Set<String> upload(S3Client s3) {
        s3.createBucket(b -> b.bucket(BUCKET));
        Set<String> expected = new HashSet<>();
        for (String variant : VARIANTS) {
            for (int hour : new int[] {9, 10, 11, 12}) {
                for (int o = 0; o < (hour == 9 ? 1 : OBJECTS_PER_HOUR); o++) {
                    StringBuilder text = new StringBuilder();
                    for (int l = 0; l < LINES_PER_OBJECT; l++) {
                        String id = variant + "-" + hour + "-" + o + "-" + l;
                        text.append(capture(id, hour, o * LINES_PER_OBJECT + l)).append('\n');
                        if (hour != 9) {
                            expected.add(id);
                        }
                    }
                    String key = "datacapture/xgb-endpoint/" + variant + String.format(
                            "/2026/01/15/%02d/%02d-%02d-000-0b5e%d.jsonl", hour, o * 9, o, o);
                    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(text.toString()));
                }
            }
        }
        return expected;
    }

    @Test
    void killedImportRerunsToEveryEventOnceAndGroundTruthJoins(KafkaBroker kafka, MotoServer moto) throws Exception {
        S3Client s3 = moto.s3();
        Set<String> expected = upload(s3);
        String prefix = kafka.uniqueTopic("s3import") + ".";
        Path config = runDir.resolve("c.properties");
        Files.writeString(config, "topics.prefix=" + prefix + "\n");
        List<String> args = List.of("import", "capture", "--from", "s3://" + BUCKET + "/datacapture/", "--model",
                "xgb", "--bootstrap-servers", kafka.bootstrapServers(), "--config", config.toString(),
                "--since", "2026-01-15T10:00:00Z", "--until", "2026-01-15T13:00", "--endpoint-url",
                moto.endpoint().toString(), "--region", "us-east-1");

        Process first = start(args, "1");
        String checkpoints = prefix + "import.checkpoints";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (committedObjects(kafka, checkpoints) < 4) {
            assertThat(first.isAlive()).as("import 1 still running (log: %s)", log("1")).isTrue();
            assertThat(System.nanoTime()).as("import 1 checkpoints 4 objects").isLessThan(deadline);
            Thread.sleep(50);
        }
        first.destroyForcibly(); // SIGKILL: an object's transaction may be open, nothing is flushed or closed
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        int doneAtKill = committedObjects(kafka, checkpoints);
        System.err.printf("ImportS3CrashIT: SIGKILL after %d of %d objects%n", doneAtKill, OBJECTS);
        assertThat(doneAtKill).as("killed midway").isLessThan(OBJECTS);

        Process second = start(args, "2");
        assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(log("2")).isZero();
        assertThat(log("2")).contains(OBJECTS + " objects, " + doneAtKill + " already imported");
        assertThat(committedObjects(kafka, checkpoints)).isEqualTo(OBJECTS);

        Map<String, Integer> seen = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(prefix + "inference.events")) {
            String type = new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
            seen.merge(new String(r.key(), StandardCharsets.UTF_8) + " " + type, 1, Integer::sum);
        }
        Set<String> expectedEvents = new HashSet<>();
        for (String id : expected) {
            expectedEvents.add(id + " org.kubeflow.serving.inference.request");
            expectedEvents.add(id + " org.kubeflow.serving.inference.response");
        }
        assertThat(seen.keySet()).as("none missing, none from outside the hours").isEqualTo(expectedEvents);
        assertThat(seen.values()).as("none twice").allMatch(n -> n == 1);

        // ground truth from S3: every third inference of the imported hours gets a label
        Set<String> labelled = new HashSet<>();
        for (int hour : HOURS) {
            StringBuilder gt = new StringBuilder();
            for (String id : expected) {
                if (id.contains("-" + hour + "-") && id.hashCode() % 3 == 0) {
                    labelled.add(id);
                    gt.append("{\"groundTruthData\":{\"data\":\"1\",\"encoding\":\"CSV\"},\"eventMetadata\":"
                            + "{\"eventId\":\"").append(id).append("\"},\"eventVersion\":\"0\"}\n");
                }
            }
            s3.putObject(b -> b.bucket(BUCKET).key("groundtruth/xgb-endpoint/2026/01/15/" + hour + "/gt.jsonl"),
                    RequestBody.fromString(gt.toString()));
        }
        System.setProperty("aws.accessKeyId", "test"); // the in-process run's default credential chain
        System.setProperty("aws.secretAccessKey", "test");
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("import", "ground-truth", "--from", "s3://" + BUCKET + "/groundtruth/", "--model", "xgb",
                "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", prefix, "--endpoint-url",
                moto.endpoint().toString(), "--region", "us-east-1")).as(err.toString()).isZero();
        Set<String> labelKeys = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(prefix + "labels")) {
            assertThat(labelKeys.add(new String(r.key(), StandardCharsets.UTF_8))).isTrue();
        }
        assertThat(labelKeys).isEqualTo(labelled);
        assertThat(expected).containsAll(labelKeys); // every label finds its inference
        assertThat(labelledRowsJoinedByThePipeline(kafka, prefix, labelled.size())).isEqualTo(labelled.size());
    }

    /**
     * Runs the streaming jobs over what was imported (January's event times, labels arriving now) and returns the
     * labelled rows of the model-quality windows' latest versions once they hold {@code want}, or after 120 s.
     */
    private long labelledRowsJoinedByThePipeline(KafkaBroker kafka, String prefix, int want) throws Exception {
        Topics topics = new Topics(prefix);
        java.util.Properties p = new java.util.Properties();
        DeadLetteringDeserializationHandler.configure(p, topics);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, prefix + "app");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, runDir.resolve("streams-state").toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        try (KafkaStreams streams = new KafkaStreams(DriftlineTopology.build(new StreamsBuilder(),
                PipelineConfig.defaults(topics), PipelineInstruments.none()), p)) {
            streams.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long joined = 0;
            while (System.nanoTime() < deadline) {
                // (window start, model version) → {version, labelled rows}; the import labels each event with its
                // variant folder (ce_endpoint), so besides the model's windows ("") there is one per variant
                Map<String, long[]> latest = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topics.modelQuality.name())) {
                    com.fasterxml.jackson.databind.JsonNode q = mapper.readTree(r.value());
                    long[] v = {q.get("version").asLong(), q.get("labelled_rows").asLong()};
                    latest.merge(q.get("window_start").asText() + "|" + q.get("model_version").asText(), v,
                            (a, b) -> a[0] >= b[0] ? a : b);
                }
                Map<String, Long> byModelVersion = new HashMap<>();
                latest.forEach((k, v) -> byModelVersion.merge(k.substring(k.indexOf('|') + 1), v[1], Long::sum));
                joined = byModelVersion.getOrDefault("", 0L);
                if (joined >= want) {
                    assertThat(byModelVersion).as("per-variant windows")
                            .containsOnlyKeys("", VARIANTS[0], VARIANTS[1]);
                    assertThat(byModelVersion.get(VARIANTS[0]) + byModelVersion.get(VARIANTS[1])).isEqualTo(joined);
                    break;
                }
                Thread.sleep(500);
            }
            return joined;
        }
    }

    @Test
    void badS3InputExits2NamingTheUriAndLineAndRerunResumesAfterTheFix(KafkaBroker kafka, MotoServer moto)
            throws Exception {
        S3Client s3 = moto.s3();
        s3.createBucket(b -> b.bucket(BUCKET));
        String hour = "datacapture/e/AllTraffic/2026/01/15/10/";
        s3.putObject(b -> b.bucket(BUCKET).key(hour + "a.jsonl"), RequestBody.fromString(capture("a1", 10, 1) + "\n"));
        s3.putObject(b -> b.bucket(BUCKET).key(hour + "b.jsonl"),
                RequestBody.fromString(capture("b1", 10, 2) + "\n{broken\n"));
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        String prefix = kafka.uniqueTopic("s3bad") + ".";
        Path config = runDir.resolve("c.properties");
        Files.writeString(config, "topics.prefix=" + prefix + "\n");
        List<String> common = List.of("--model", "m", "--bootstrap-servers", kafka.bootstrapServers(), "--config",
                config.toString(), "--endpoint-url", moto.endpoint().toString(), "--region", "us-east-1");
        StringWriter err = new StringWriter();
        assertThat(inProcess(err, "s3://no-such-bucket/x/", common)).isEqualTo(2);
        assertThat(err.toString()).contains("s3://no-such-bucket/x/: cannot list: no such bucket");
        assertThat(inProcess(err, "s3://" + BUCKET + "/datacapture/", common)).isEqualTo(2);
        assertThat(err.toString()).contains("s3://" + BUCKET + "/" + hour + "b.jsonl:2")
                .contains("nothing of s3://" + BUCKET + "/" + hour + "b.jsonl was published");
        assertThat(kafka.readAll(prefix + "inference.events")).hasSize(2); // a.jsonl's request and response

        s3.putObject(b -> b.bucket(BUCKET).key(hour + "b.jsonl"), RequestBody.fromString(capture("b1", 10, 2) + "\n"));
        assertThat(inProcess(err, "s3://" + BUCKET + "/datacapture/", common)).as(err.toString()).isZero();
        Set<String> keys = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(prefix + "inference.events")) {
            keys.add(new String(r.key(), StandardCharsets.UTF_8));
        }
        assertThat(kafka.readAll(prefix + "inference.events")).hasSize(4);
        assertThat(keys).containsExactlyInAnyOrder("a1", "b1");
    }

    private static int inProcess(StringWriter err, String from, List<String> common) {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("import", "capture", "--from", from));
        args.addAll(common);
        return cl.execute(args.toArray(String[]::new));
    }

    private static int committedObjects(KafkaBroker kafka, String topic) {
        try {
            return kafka.readAll(topic).size();
        } catch (RuntimeException e) {
            return 0; // not created yet
        }
    }

    private Process start(List<String> args, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // its own tmp: a SIGKILLed JVM leaves the native libraries it extracted behind in java.io.tmpdir
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m",
                "-Djava.io.tmpdir=" + Files.createDirectories(runDir.resolve("tmp")),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(runDir.resolve("import-" + name + ".log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("DRIFTLINE_") || k.startsWith("AWS_"));
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private String log(String name) {
        try {
            return Files.readString(runDir.resolve("import-" + name + ".log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
