package dev.driftline.streams.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.Topics;
import dev.driftline.contracts.inference.InferenceRowsCodec;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.streams.DriftlineTopology;
import dev.driftline.streams.PipelineConfig;
import dev.driftline.streams.PipelineInstruments;
import dev.driftline.streams.StreamsItSupport;
import dev.driftline.streams.TestEvents;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw events to inference records and dead letters on a real broker, exactly once. */
@WithKafka
class NormalizeTopologyIT {
    @Test
    void eventsBecomeRecordsAndBadPairsDeadLetters(KafkaBroker kafka, @TempDir java.nio.file.Path stateDir)
            throws Exception {
        String prefix = kafka.uniqueTopic("inference-it") + ".";
        Topics topics = new Topics(prefix);
        StreamsItSupport.createAll(kafka, topics);
        Properties p = StreamsItSupport.eosProperties(kafka, prefix + "app", stateDir, topics);
        try (KafkaStreams streams = new KafkaStreams(DriftlineTopology.build(new StreamsBuilder(),
                PipelineConfig.defaults(topics), PipelineInstruments.none()), p);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
            streams.start();
            Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
            for (int i = 0; i < 30; i++) {
                String id = "ev-" + i;
                producer.send(StreamsItSupport.event(topics, id, TestEvents.REQUEST, t0, "churn", "{\"instances\":[[" + i + ".5, 1], ["
                        + i + ".25, 2]]}"));
                producer.send(StreamsItSupport.event(topics, id, TestEvents.RESPONSE, t0, "churn", "{\"predictions\":[0, 1]}"));
            }
            producer.send(StreamsItSupport.event(topics, "broken", TestEvents.REQUEST, t0, "churn", "{oops"));
            producer.send(StreamsItSupport.event(topics, "broken", TestEvents.RESPONSE, t0, "churn", "{\"predictions\":[0]}"));
            producer.flush();
            // one value per event holding its rows: 30 values, 60 rows, each row exactly once
            List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topics.inferenceRecords.name(), 30,
                    Duration.ofSeconds(60));
            assertThat(records).hasSize(30);
            List<String> ids = new java.util.ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                List<InferenceRecord> rows = InferenceRowsCodec.INSTANCE.decode(r.value());
                assertThat(rows).hasSize(2);
                for (InferenceRecord rec : rows) {
                    assertThat(rec.model()).isEqualTo("churn");
                    ids.add(rec.inferenceId() + "#" + rec.row());
                }
            }
            assertThat(Set.copyOf(ids)).hasSize(60);
            assertThat(ids).hasSize(60).contains("ev-0#0", "ev-29#1");
            List<ConsumerRecord<byte[], byte[]>> dead = kafka.readAll(topics.deadLetter.name(), 2, Duration.ofSeconds(30));
            assertThat(dead).hasSize(2);
            assertThat(dead).anySatisfy(d -> assertThat(new String(d.value(), StandardCharsets.UTF_8)).isEqualTo("{oops"));
        }
    }

}
