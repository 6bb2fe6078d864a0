package dev.driftline.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.drift.kserve.InferenceRecordJson;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw events to inference records and dead letters on a real broker, exactly once. */
@WithKafka
class InferenceTopologyIT {
    @Test
    void eventsBecomeRecordsAndBadPairsDeadLetters(KafkaBroker kafka, @TempDir java.nio.file.Path stateDir)
            throws Exception {
        String prefix = kafka.uniqueTopic("inference-it") + ".";
        Topics topics = new Topics(prefix);
        for (Topic<?, ?> t : topics.all()) {
            kafka.createTopic(t.name(), t.partitions());
        }
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, prefix + "app");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        try (KafkaStreams streams = new KafkaStreams(InferenceTopology.build(new StreamsBuilder(), topics,
                PairingConfig.defaults()), p);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
            streams.start();
            Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
            for (int i = 0; i < 30; i++) {
                String id = "ev-" + i;
                producer.send(event(topics, id, PairingProcessor.REQUEST, t0, "{\"instances\":[[" + i + ".5, 1], ["
                        + i + ".25, 2]]}"));
                producer.send(event(topics, id, PairingProcessor.RESPONSE, t0, "{\"predictions\":[0, 1]}"));
            }
            producer.send(event(topics, "broken", PairingProcessor.REQUEST, t0, "{oops"));
            producer.send(event(topics, "broken", PairingProcessor.RESPONSE, t0, "{\"predictions\":[0]}"));
            producer.flush();
            List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topics.inferenceRecords.name(), 60,
                    Duration.ofSeconds(60));
            assertThat(records).hasSize(60);
            ObjectMapper mapper = new ObjectMapper();
            Set<String> ids = records.stream().map(r -> {
                try {
                    InferenceRecord rec = InferenceRecordJson.fromJson(mapper.readTree(r.value()));
                    assertThat(rec.model()).isEqualTo("churn");
                    return rec.inferenceId() + "#" + rec.row();
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }).collect(Collectors.toSet());
            assertThat(ids).hasSize(60).contains("ev-0#0", "ev-29#1");
            List<ConsumerRecord<byte[], byte[]>> dead = kafka.readAll(topics.deadLetter.name(), 2, Duration.ofSeconds(30));
            assertThat(dead).hasSize(2);
            assertThat(dead).anySatisfy(d -> assertThat(new String(d.value(), StandardCharsets.UTF_8)).isEqualTo("{oops"));
        }
    }

    private static ProducerRecord<byte[], byte[]> event(Topics topics, String id, String type, Instant time, String body) {
        RecordHeaders h = new RecordHeaders();
        h.add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        h.add("ce_time", time.toString().getBytes(StandardCharsets.UTF_8));
        h.add("ce_inferenceservicename", "churn".getBytes(StandardCharsets.UTF_8));
        h.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topics.inferenceEvents.name(), null, id.getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8), h);
    }
}
