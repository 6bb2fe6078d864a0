package dev.driftline.testkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (KRaft, one combined broker+controller node) running inside the test JVM,
 * plus the helpers every integration test needs: topics, client properties and a reader.
 *
 * <p>Tests normally get the shared instance injected by {@link KafkaBrokerExtension}; {@link
 * #start()} exists for code that runs outside JUnit (benchmarks, demos). The broker is shared by
 * all tests in the JVM, so each test must use its own topics, group ids and application ids —
 * {@link #uniqueTopic(String)} makes such names.
 *
 * <p>Consumers made here read with {@code isolation.level=read_committed}: tests see what a
 * downstream consumer sees in production (no records from aborted or still-open transactions).
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

  /** Time limit for the blocking helpers that have no timeout parameter. */
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final AtomicLong COUNTER = new AtomicLong();

  private final KafkaClusterTestKit cluster;
  private final String bootstrapServers;
  private volatile Admin admin;
  private volatile boolean closed;

  private KafkaBroker(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
    this.bootstrapServers = cluster.bootstrapServers();
  }

  /** Formats, starts and waits for a fresh single-node cluster (≈1.5 s). Caller closes it. */
  public static KafkaBroker start() {
    KafkaClusterTestKit cluster = null;
    try {
      TestKitNodes nodes =
          new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1)
              .build();
      cluster =
          new KafkaClusterTestKit.Builder(nodes)
              // One node: every internal topic must accept replication factor 1, or
              // transactions (Kafka Streams exactly_once_v2) and consumer groups never start.
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
              .setConfigProp("share.coordinator.state.topic.min.isr", "1")
              // Fewer internal partitions: the first group/transaction does not wait for 50.
              .setConfigProp("offsets.topic.num.partitions", "5")
              .setConfigProp("transaction.state.log.num.partitions", "5")
              // Tests should not wait 3 s for the first rebalance of every group.
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new KafkaBroker(cluster);
    } catch (Exception e) {
      closeQuietly(cluster);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("Could not start the in-JVM Kafka broker: " + e, e);
    }
  }

  /** {@code host:port} list for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * A shared Admin client. Do not close it: it is closed together with the broker. If you need
   * a private one: {@code Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))}.
   */
  public Admin admin() {
    Admin a = admin;
    if (a == null) {
      synchronized (this) {
        if (admin == null) {
          Properties props = new Properties();
          props.put("bootstrap.servers", bootstrapServers);
          admin = Admin.create(props);
        }
        a = admin;
      }
    }
    return a;
  }

  /**
   * Creates a topic with replication factor 1 and waits until every partition has a leader, so
   * producers and consumers can use it at once. An existing topic is accepted as is.
   */
  public void createTopic(String name, int partitions) {
    try {
      admin()
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Could not create topic " + name, e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topic " + name, e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Timed out creating topic " + name, e);
    }
    awaitLeaders(name);
  }

  /**
   * A name no other test in this JVM gets: {@code prefix-<counter>-<random>}. Use it for topics,
   * and equally for {@code group.id} / {@code application.id} values.
   */
  public String uniqueTopic(String prefix) {
    String random = UUID.randomUUID().toString().substring(0, 8);
    return prefix + "-" + COUNTER.incrementAndGet() + "-" + random;
  }

  /** Fresh producer baseline: byte[] key/value serializers, {@code acks=all}, idempotence on. */
  public Properties producerProps() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return p;
  }

  /**
   * Fresh consumer baseline: byte[] deserializers, a unique {@code group.id}, reads from the
   * earliest offset, no auto commit, {@code read_committed}.
   */
  public Properties consumerProps() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, uniqueTopic("testkit-group"));
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return p;
  }

  /**
   * Reads {@code topic} from the beginning with a fresh consumer until at least {@code
   * expectedCount} records arrived or {@code timeout} passed, and returns what it has (the caller
   * asserts on the count). Order is preserved within each partition. Waits for the topic to
   * appear if it does not exist yet.
   */
  public List<ConsumerRecord<byte[], byte[]>> readAll(
      String topic, int expectedCount, Duration timeout) {
    return TopicReader.readAtLeast(newReaderProps(), topic, expectedCount, timeout);
  }

  /**
   * Reads everything that is in {@code topic} now: from the beginning up to the end offsets
   * (last stable offsets, since we read committed) taken at call time. Fails if the topic does
   * not exist or the records cannot be read within 30 s.
   */
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    return TopicReader.readSnapshot(newReaderProps(), topic, DEFAULT_TIMEOUT);
  }

  /** Closes the shared Admin client, then stops the broker and deletes its data directories. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    closeQuietly(cluster);
  }

  private Properties newReaderProps() {
    Properties p = consumerProps();
    p.remove(ConsumerConfig.GROUP_ID_CONFIG); // assign() only: no group, nothing to clean up
    // Reading must not create the topic as a side effect (the broker auto-creates by default).
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    return p;
  }

  /**
   * createTopics returns when the controller accepted the topic; the broker may lag a bit. Waits until every partition's leader answers a list-offsets request. A leader in the metadata
   * is not enough: the leader may not have made the partition yet, and an idempotent producer whose
   * first batch lands then can lose it to OUT_OF_ORDER_SEQUENCE_NUMBER retries (KAFKA-15591; a CI
   * run's test records never arrived). {@code PartitionsReady} in contracts does the same for the
   * services.
   */
  private void awaitLeaders(String name) {
    long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        TopicDescription d =
            admin().describeTopics(Set.of(name)).allTopicNames().get().get(name);
        if (d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
          d.partitions()
              .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest()));
          admin().listOffsets(latest).all().get();
          return;
        }
      } catch (ExecutionException e) {
        // UnknownTopicOrPartition while metadata propagates, a leader not answering yet: retry
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for topic " + name, e);
      }
      sleep(50);
    }
    throw new IllegalStateException("Topic " + name + " has no leader after " + DEFAULT_TIMEOUT);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // Best effort at shutdown: a failing close must not hide the test result.
      LOG.warn("Closing the in-JVM Kafka broker failed", e);
    }
  }
}
