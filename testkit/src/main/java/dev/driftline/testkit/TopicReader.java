package dev.driftline.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The two ways {@link KafkaBroker} reads a topic back. Both use a fresh consumer with {@code
 * assign()} (no group: nothing to rebalance, nothing left behind) and start at the beginning.
 */
final class TopicReader {

  private TopicReader() {}

  /** Polls until {@code expectedCount} records or the timeout; returns what it has. */
  static List<ConsumerRecord<byte[], byte[]>> readAtLeast(
      Properties props, String topic, int expectedCount, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = partitionsOf(consumer, topic, deadline);
      if (partitions.isEmpty()) {
        return out; // topic never appeared: the caller's count assertion will say so
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (out.size() < expectedCount && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(out::add);
      }
    }
    return out;
  }

  /** Reads up to the end offsets taken at call time; fails if that takes longer than timeout. */
  static List<ConsumerRecord<byte[], byte[]>> readSnapshot(
      Properties props, String topic, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          partitionsOf(consumer, topic, System.nanoTime() + Duration.ofSeconds(5).toNanos());
      if (partitions.isEmpty()) {
        throw new IllegalStateException("Topic " + topic + " does not exist");
      }
      // Assign before asking for end offsets: for read_committed the consumer wants to record
      // the last stable offset on an assigned partition (and warns otherwise).
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Could not read " + topic + " up to " + end + " within " + timeout);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          // Records written after the call started are not "currently in the topic".
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            out.add(r);
          }
        }
      }
    }
    return out;
  }

  /** All partitions of the topic, waiting for its metadata until the deadline; empty if none. */
  private static List<TopicPartition> partitionsOf(
      KafkaConsumer<?, ?> consumer, String topic, long deadline) {
    while (true) {
      try {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(1));
        if (infos != null && !infos.isEmpty()) {
          return infos.stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .collect(Collectors.toList());
        }
      } catch (TimeoutException e) {
        // metadata not there yet: retry until the deadline
      }
      if (System.nanoTime() > deadline) {
        return List.of();
      }
      KafkaBroker.sleep(100);
    }
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
