package dev.driftline.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

@WithKafka
class PartitionsReadyIT {
    @Test
    void onceItReturnsAnIdempotentProducerWritesIntoEveryPartitionOfTheNewTopics(KafkaBroker kafka) throws Exception {
        List<String> topics = List.of(kafka.uniqueTopic("ready-a"), kafka.uniqueTopic("ready-b"));
        kafka.admin().createTopics(topics.stream().map(t -> new NewTopic(t, 6, (short) 1)).toList()).all()
                .get(30, TimeUnit.SECONDS);
        PartitionsReady.await(kafka.admin(), topics, Duration.ofSeconds(30));

        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(kafka.producerProps())) {
            for (String t : topics) {
                for (int partition = 0; partition < 6; partition++) {
                    for (int i = 0; i < 20; i++) {
                        sent.add(p.send(new ProducerRecord<>(t, partition, null, new byte[] {(byte) i})));
                    }
                }
            }
            p.flush();
        }
        for (Future<RecordMetadata> f : sent) {
            assertThat(f.get(30, TimeUnit.SECONDS).offset()).isBetween(0L, 19L);
        }
        for (String t : topics) {
            assertThat(kafka.readAll(t, 120, Duration.ofSeconds(30))).hasSize(120);
        }
    }

    @Test
    void aTopicThatDoesNotExistTimesOutNamingIt(KafkaBroker kafka) {
        String missing = kafka.uniqueTopic("never-made");
        assertThatThrownBy(() -> PartitionsReady.await(kafka.admin(), List.of(missing), Duration.ofSeconds(2)))
                .isInstanceOf(TimeoutException.class).hasMessageContaining(missing).hasMessageContaining("after 2 s");
    }
}
