package dev.driftline.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.Topics;
import dev.driftline.contracts.window.MergedWindow;
import dev.driftline.contracts.window.MergedWindowCodec;
import dev.driftline.streams.merge.MergeConfig;
import dev.driftline.streams.window.WindowSpec;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The combined job on a real broker, exactly once: raw events → per-task partials → one merged window per model. */
@WithKafka
class DriftlineTopologyIT {
    @Test
    void eventsBecomeOneMergedWindowPerModel(KafkaBroker kafka, @TempDir java.nio.file.Path stateDir)
            throws Exception {
        String prefix = kafka.uniqueTopic("driftline-it") + ".";
        Topics topics = new Topics(prefix);
        StreamsItSupport.createAll(kafka, topics);
        Properties p = StreamsItSupport.eosProperties(kafka, prefix + "app", stateDir, topics);
        // short graces so that wall clock closes the (past) window soon after the traffic stops
        WindowSpec window = new WindowSpec(Duration.ofMinutes(5), Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(10));
        MergeConfig merge = new MergeConfig(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofHours(1));
        long size = window.size().toMillis();
        Instant t0 = Instant.ofEpochMilli(window.windowStart(Instant.now().minus(Duration.ofHours(1)).toEpochMilli()))
                .plusSeconds(30);
        try (KafkaStreams streams = new KafkaStreams(DriftlineTopology.build(new StreamsBuilder(),
                PipelineConfig.defaults(topics).withWindow(window).withMerge(merge),
                PipelineInstruments.none()), p);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
            streams.start();
            for (int i = 0; i < 30; i++) { // churn: 30 pairs × 2 rows; iris: 10 pairs × 1 row
                String id = "ev-" + i;
                producer.send(StreamsItSupport.event(topics, id, TestEvents.REQUEST, t0, "churn",
                        "{\"instances\":[[" + i + ".5, 1], [" + i + ".25, 2]]}"));
                producer.send(StreamsItSupport.event(topics, id, TestEvents.RESPONSE, t0, "churn",
                        "{\"predictions\":[0, 1]}"));
            }
            for (int i = 0; i < 10; i++) {
                String id = "iris-" + i;
                producer.send(StreamsItSupport.event(topics, id, TestEvents.REQUEST, t0, "iris",
                        "{\"instances\":[[" + i + ", 2.5]]}"));
                producer.send(StreamsItSupport.event(topics, id, TestEvents.RESPONSE, t0, "iris",
                        "{\"predictions\":[1]}"));
            }
            producer.flush();
            List<ConsumerRecord<byte[], byte[]>> out = kafka.readAll(topics.profiles.name(), 2,
                    Duration.ofSeconds(90));
            assertThat(out).hasSize(2);
            Thread.sleep(3000); // nothing else comes (no second emission)
            out = kafka.readAll(topics.profiles.name());
            Map<String, MergedWindow> byModel = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : out) {
                MergedWindow n = MergedWindowCodec.INSTANCE.decode(r.value());
                assertThat(byModel.put(new String(r.key(), StandardCharsets.UTF_8), n)).isNull();
            }
            assertThat(byModel).containsOnlyKeys("churn", "iris");
            long start = window.windowStart(t0.toEpochMilli());
            int partials = kafka.readAll(topics.partialProfiles.name()).size();
            int merged = 0;
            for (MergedWindow n : byModel.values()) {
                assertThat(n.windowStart()).isEqualTo(start);
                assertThat(n.windowEnd()).isEqualTo(start + size);
                assertThat(n.revision()).isEqualTo(1);
                merged += n.partials();
            }
            assertThat(merged).isEqualTo(partials);
            assertThat(byModel.get("churn").rows()).isEqualTo(60);
            assertThat(byModel.get("iris").rows()).isEqualTo(10);
            // Partials merge in arrival order, so the mean is exact only up to rounding (Chan's merge).
            assertThat(byModel.get("iris").features().get("_c0").mean())
                    .isCloseTo(4.5, org.assertj.core.data.Offset.offset(1e-12));
        }
    }
}
