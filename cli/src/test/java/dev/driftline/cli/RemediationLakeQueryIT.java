package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.config.Config;
import dev.driftline.contracts.Topic;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.EpisodeState;
import dev.driftline.drift.capture.GroundTruthLabel;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.service.SinkKeys;
import dev.driftline.sink.service.SinkService;
import dev.driftline.sink.service.SinkSettings;
import dev.driftline.streams.app.TopicCreator;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Acceptance 7 through the real path: remediation events, inference records and late labels on the topics → the
 * lake sink's remediation_events, inference_log and labels tables → {@code driftline query --analyst
 * episodes-per-week} (episodes per model per week with outcome) and {@code labelled-inferences} (inference_log
 * joined with labels on the inference id).
 */
@WithKafka
class RemediationLakeQueryIT {
    static final Instant NOW = Instant.now();

    @Test
    void episodesPerWeekAndLabelledInferencesFromTheLake(KafkaBroker broker, @TempDir Path lake) throws Exception {
        String prefix = "rq" + System.nanoTime() + ".";
        Topics topics = new Topics(prefix);
        TopicCreator.ensure(broker.admin(), topics, Optional.empty());
        Instant monday = Instant.parse("2026-11-23T10:00:00Z");
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(broker.producerProps(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            // churn: one DONE episode and one REJECTED in the week of 23 Nov; wine: one still open
            episode(p, topics, "churn", "churn-1", monday, EpisodeState.TRIGGERED, EpisodeState.TRAINING,
                    EpisodeState.EVALUATING, EpisodeState.REGISTERED, EpisodeState.ROLLING_OUT, EpisodeState.BAKING,
                    EpisodeState.PROMOTED, EpisodeState.DONE);
            episode(p, topics, "churn", "churn-2", monday.plus(Duration.ofDays(2)), EpisodeState.TRIGGERED,
                    EpisodeState.TRAINING, EpisodeState.EVALUATING, EpisodeState.REGISTERED, EpisodeState.REJECTED);
            episode(p, topics, "wine", "wine-1", monday.plus(Duration.ofDays(3)), EpisodeState.TRIGGERED,
                    EpisodeState.TRAINING);
            for (int i = 0; i < 4; i++) {
                InferenceRecord r = new InferenceRecord("churn", "v1", "inf-" + i, 0, NOW.minusSeconds(3600 - i),
                        Map.of("tenure", 10 + i), Map.of("churned", i % 2), null);
                send(p, topics.inferenceRecords, "churn", List.of(r));
            }
            // labels arrive hours later, for two of the four inferences (keyed by inference id, as producers do)
            send(p, topics.labels, "inf-1", new GroundTruthLabel("inf-1", 0, "churn", 1, NOW.minusSeconds(60)));
            send(p, topics.labels, "inf-3", new GroundTruthLabel("inf-3", 0, "churn", 0, NOW.minusSeconds(60)));
            p.flush();
        }
        SinkSettings s = SinkSettings.from(Config.builder(SinkKeys.ALL)
                .flag(SinkKeys.BOOTSTRAP_SERVERS, broker.bootstrapServers()).flag(SinkKeys.TOPIC_PREFIX, prefix)
                .flag(SinkKeys.LAKE, lake.toUri().toString()).flag(SinkKeys.GROUP_ID, "sink-" + prefix)
                .flag(SinkKeys.ROTATE_MAX_OPEN, "1s").flag(SinkKeys.METRICS_PORT, -1).build());
        SinkService sink = SinkService.start(s, new SimpleMeterRegistry());
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline && (sink.metrics().records(LakeTable.REMEDIATION_EVENTS) < 15
                    || sink.metrics().records(LakeTable.INFERENCE_LOG) < 4
                    || sink.metrics().records(LakeTable.LABELS) < 2)) {
                Thread.sleep(200);
            }
        } finally {
            sink.close();
        }

        String weeks = query("query", "--analyst", "episodes-per-week", "--lake", lake.toUri().toString(),
                "--format", "csv");
        System.out.println(weeks);
        assertThat(weeks.lines().toList()).hasSize(4);
        assertThat(weeks).contains("churn,2026-11-23 00:00:00,DONE,1,2026-11-23 10:00:00")
                .contains("churn,2026-11-23 00:00:00,REJECTED,1,2026-11-25 10:00:00")
                .contains("wine,2026-11-23 00:00:00,open,1,2026-11-26 10:00:00");

        String labelled = query("query", "--analyst", "labelled-inferences", "--model", "churn", "--lake",
                lake.toUri().toString(), "--format", "csv");
        System.out.println(labelled);
        assertThat(labelled.lines().skip(1).map(l -> l.split(",")[0] + "=" + l.split(",")[4]).toList())
                .containsExactly("inf-1=1", "inf-3=0");
    }

    private static void episode(KafkaProducer<byte[], byte[]> p, Topics topics, String model, String id,
                                Instant start, EpisodeState... path) {
        EpisodeState from = null;
        for (int i = 0; i < path.length; i++) {
            send(p, topics.remediationEvents, model, new EpisodeEvent(id + "/" + path[i].name().toLowerCase()
                    + "/" + i, id, model, from, path[i], start.plusSeconds(600L * i).toEpochMilli(),
                    path[i].name(), null));
            from = path[i];
        }
    }

    private static <V> void send(KafkaProducer<byte[], byte[]> p, Topic<String, V> t, String key, V value) {
        p.send(new ProducerRecord<>(t.name(), key.getBytes(StandardCharsets.UTF_8),
                t.valueSerde().serializer().serialize(t.name(), value)));
    }

    private static String query(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            code = cl.execute(args);
        } finally {
            System.setOut(stdout);
        }
        assertThat(code).as(err.toString()).isZero();
        return captured.toString(StandardCharsets.UTF_8);
    }
}
