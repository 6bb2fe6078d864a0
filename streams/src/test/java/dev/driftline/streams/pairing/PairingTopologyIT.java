package dev.driftline.streams.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.Topics;
import dev.driftline.streams.StreamsItSupport;
import dev.driftline.streams.TestEvents;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pairing stage on a real broker with exactly_once_v2: pairs out, duplicates not. */
@WithKafka
class PairingTopologyIT {
    @Test
    void pairsRequestsAndResponsesOnARealBroker(KafkaBroker kafka, @TempDir java.nio.file.Path stateDir) throws Exception {
        String prefix = kafka.uniqueTopic("pairing-it") + ".";
        Topics topics = new Topics(prefix);
        String out = prefix + "paired";
        kafka.createTopic(topics.inferenceEvents.name(), 3);
        kafka.createTopic(out, 3);
        StreamsBuilder b = new StreamsBuilder();
        PairingTopology.addTo(b, topics, PairingConfig.defaults())
                .to(out, Produced.with(Serdes.String(), PendingEventCodec.serde()));
        Properties p = StreamsItSupport.eosProperties(kafka, prefix + "app", stateDir, topics);
        try (KafkaStreams streams = new KafkaStreams(b.build(), p);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
            streams.start();
            Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
            for (int i = 0; i < 50; i++) {
                producer.send(event(topics, "id-" + i, TestEvents.REQUEST, t0.plusMillis(i)));
                producer.send(event(topics, "id-" + i, TestEvents.RESPONSE, t0.plusMillis(i + 5)));
                if (i % 10 == 0) {
                    producer.send(event(topics, "id-" + i, TestEvents.REQUEST, t0.plusMillis(i))); // retry
                }
            }
            producer.flush();
            List<ConsumerRecord<byte[], byte[]>> pairs = kafka.readAll(out, 50, Duration.ofSeconds(60));
            assertThat(pairs).hasSize(50);
            assertThat(pairs.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).distinct()).hasSize(50);
            PendingEvent e = PendingEventCodec.serde().deserializer().deserialize(out, pairs.get(0).value());
            assertThat(e.hasRequest() && e.hasResponse()).isTrue();
            Thread.sleep(1000);
            assertThat(kafka.readAll(out)).hasSize(50); // the duplicates produced nothing later either
        }
    }

    private static ProducerRecord<byte[], byte[]> event(Topics topics, String id, String type, Instant time) {
        String body = type.equals(TestEvents.REQUEST) ? "{\"instances\":[[1.0]]}" : "{\"predictions\":[1]}";
        return StreamsItSupport.event(topics, id, type, time, "iris", body);
    }
}
