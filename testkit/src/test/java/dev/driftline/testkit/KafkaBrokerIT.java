package dev.driftline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

/** Proves the in-JVM broker works end to end: topics, produce, read back, transactions. */
@WithKafka
class KafkaBrokerIT {

  private final KafkaBroker kafka;

  KafkaBrokerIT(KafkaBroker kafka) { // constructor injection
    this.kafka = kafka;
  }

  @Test
  void recordsComeBackWithKeyValueAndHeaders() throws Exception {
    String topic = kafka.uniqueTopic("roundtrip");
    kafka.createTopic(topic, 3);
    kafka.createTopic(topic, 3); // already exists: tolerated

    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
      for (int i = 0; i < 5; i++) {
        List<Header> headers =
            List.of(
                new RecordHeader("model", bytes("fraud-v" + i)),
                new RecordHeader("binary", new byte[] {0, (byte) 0xff, (byte) i}));
        producer.send(
            new ProducerRecord<>(topic, null, bytes("key-" + i), bytes("value-" + i), headers));
      }
      producer.flush();
    }

    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic, 5, Duration.ofSeconds(30));
    assertThat(records).hasSize(5);
    records.sort(Comparator.comparing(r -> text(r.key())));
    for (int i = 0; i < 5; i++) {
      ConsumerRecord<byte[], byte[]> r = records.get(i);
      assertThat(text(r.key())).isEqualTo("key-" + i);
      assertThat(text(r.value())).isEqualTo("value-" + i);
      assertThat(text(r.headers().lastHeader("model").value())).isEqualTo("fraud-v" + i);
      assertThat(r.headers().lastHeader("binary").value())
          .containsExactly(0, (byte) 0xff, (byte) i);
    }

    // The snapshot reader sees the same five records.
    assertThat(kafka.readAll(topic)).hasSize(5);
  }

  @Test
  void transactionsWorkOnOneNode(KafkaBroker injectedIntoMethod) {
    assertThat(injectedIntoMethod).isSameAs(kafka); // one broker per JVM
    String topic = kafka.uniqueTopic("tx");
    kafka.createTopic(topic, 1);

    Properties props = kafka.producerProps();
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.uniqueTopic("tx-id"));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      // Needs the transaction state log, i.e. the replication-factor-1 broker settings.
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, bytes("k"), bytes("committed")));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, bytes("k"), bytes("aborted")));
      producer.flush();
      producer.abortTransaction();
    }

    // read_committed: only the committed record is visible.
    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
    assertThat(records).extracting(r -> text(r.value())).containsExactly("committed");
  }

  @Test
  void readAllWithTimeoutReturnsWhatItHas() {
    String topic = kafka.uniqueTopic("empty");
    kafka.createTopic(topic, 2);
    assertThat(kafka.readAll(topic, 1, Duration.ofMillis(500))).isEmpty();
    assertThat(kafka.readAll(topic)).isEmpty();
    assertThat(kafka.uniqueTopic("x")).isNotEqualTo(kafka.uniqueTopic("x"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
