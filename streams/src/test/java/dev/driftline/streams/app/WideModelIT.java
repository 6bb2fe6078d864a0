package dev.driftline.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.config.Config;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.window.MergedWindow;
import dev.driftline.contracts.window.MergedWindowCodec;
import dev.driftline.testkit.CollectorRecords;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model of 300 features through {@code driftline streams} as it runs (its topics, its Kafka properties): each
 * task's window partial and the merged window are about 2 MB, over Kafka's default 1 MiB, which stopped the stream
 * thread (RecordTooLargeException) before the topics and producers took {@link Topics#MAX_RECORD_BYTES}.
 */
@WithKafka
class WideModelIT {
    private static final String MODEL = "wide";
    private static final int FEATURES = 300;
    private static final int INFERENCES = 1_000;
    private static final int ROWS = 4;

    @Test
    @Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
    void aWideModelsWindowIsMergedWhole(KafkaBroker kafka, @TempDir Path dir) throws Exception {
        String prefix = kafka.uniqueTopic("wide-it") + ".";
        StreamsSettings settings = StreamsSettings.from(Config.builder(StreamsKeys.ALL)
                .flag(StreamsKeys.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                .flag(StreamsKeys.TOPIC_PREFIX, prefix)
                .flag(StreamsKeys.APPLICATION_ID, prefix + "app")
                .flag(StreamsKeys.STATE_DIR, dir.resolve("state"))
                .flag(StreamsKeys.WINDOW, "5m")
                .flag(StreamsKeys.GRACE, "2s")
                .flag(StreamsKeys.MERGE_SETTLE, "2s")
                .flag(StreamsKeys.METRICS_PORT, -1).build());
        Topics topics = settings.topics();
        long window = Duration.ofMinutes(5).toMillis();
        // a past window, so the wall clock closes it on every task once the traffic stops
        Instant start = Instant.ofEpochMilli(Math.floorDiv(Instant.now().minus(Duration.ofHours(1)).toEpochMilli(),
                window) * window);
        SplittableRandom random = new SplittableRandom(11);
        try (DriftlineStreams app = DriftlineStreams.start(settings,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            assertThat(app.awaitRunning(Duration.ofSeconds(90))).as("streams RUNNING").isTrue();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
                for (int i = 0; i < INFERENCES; i++) {
                    Instant t = start.plusMillis(1_000 + 200L * i);
                    String id = "wide-" + i;
                    producer.send(CollectorRecords.event(topics.inferenceEvents.name(), null, MODEL, id,
                            CollectorRecords.REQUEST, t, request(random)));
                    producer.send(CollectorRecords.event(topics.inferenceEvents.name(), null, MODEL, id,
                            CollectorRecords.RESPONSE, t.plusMillis(5), "{\"predictions\":[0.1,0.2,0.3,0.4]}"));
                }
                producer.flush();
            }
            List<ConsumerRecord<byte[], byte[]>> merged = kafka.readAll(topics.profiles.name(), 1,
                    Duration.ofSeconds(150));
            assertThat(merged).hasSize(1);
            MergedWindow w = MergedWindowCodec.INSTANCE.decode(merged.get(0).value());
            assertThat(w.model()).isEqualTo(MODEL);
            assertThat(w.rows()).isEqualTo((long) INFERENCES * ROWS);
            assertThat(w.features()).hasSize(FEATURES + 1); // and the prediction
            assertThat(merged.get(0).value().length).as("a merged window over 1 MiB").isGreaterThan(1 << 20);
            assertThat(kafka.readAll(topics.partialProfiles.name())).as("partials over 1 MiB")
                    .anySatisfy(r -> assertThat(r.value().length).isGreaterThan(1 << 20));
            assertThat(app.kafkaStreams().state().isRunningOrRebalancing()).isTrue();
        }
    }

    /** A KServe V1 request of {@link #ROWS} rows × {@link #FEATURES} values. */
    private static String request(SplittableRandom random) {
        StringBuilder b = new StringBuilder("{\"instances\":[");
        for (int r = 0; r < ROWS; r++) {
            b.append(r == 0 ? "[" : ",[");
            for (int f = 0; f < FEATURES; f++) {
                b.append(f == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", 10 + random.nextGaussian()));
            }
            b.append(']');
        }
        return b.append("]}").toString();
    }
}
