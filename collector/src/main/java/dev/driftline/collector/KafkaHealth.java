package dev.driftline.collector;

import dev.driftline.contracts.Topics;
import dev.driftline.contracts.kafka.PartitionsReady;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows whether Kafka is reachable and the events topic exists, by asking the cluster every second in the
 * background. Creates the topic when it is missing. {@code /readyz} reports it, and while Kafka is known to be
 * down requests are answered 503 at once instead of waiting for the ack timeout.
 */
public final class KafkaHealth implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaHealth.class);
    private static final long CHECK_TIMEOUT_MS = 1500;

    private final Admin admin;
    private final String topic;
    private final int partitions;
    private final short replication;
    private final ScheduledExecutorService timer;
    private volatile boolean ready;
    private volatile String problem = "not checked yet";

    private final Runnable onTopicReady;

    /** @param onTopicReady runs (on the checker thread) each time Kafka becomes ready, e.g. to warm metadata */
    public KafkaHealth(CollectorSettings s, Runnable onTopicReady) {
        this.onTopicReady = onTopicReady;
        Properties p = new Properties();
        p.putAll(s.kafkaProperties());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "driftline-collector-health");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(CHECK_TIMEOUT_MS));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(CHECK_TIMEOUT_MS));
        this.admin = Admin.create(p);
        this.topic = s.eventsTopic();
        this.partitions = s.topicPartitions();
        this.replication = s.topicReplication();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "collector-kafka-health");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::check, 0, 1, TimeUnit.SECONDS);
    }

    /** Runs one check now, blocking; used at start-up so the first requests already know the state. */
    public boolean checkNow() {
        check();
        return ready;
    }

    public boolean ready() {
        return ready;
    }

    /** Why Kafka is not ready, for /readyz and logs. */
    public Optional<String> problem() {
        return ready ? Optional.empty() : Optional.of(problem);
    }

    private void check() {
        try {
            boolean exists = admin.listTopics().names().get(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS).contains(topic);
            if (!exists) {
                createTopic();
            }
            if (!ready) {
                onTopicReady.run();
                log.info("Kafka reachable; topic {} ready", topic);
            }
            ready = true;
        } catch (TimeoutException e) {
            markDown("Kafka did not answer within " + CHECK_TIMEOUT_MS + " ms");
        } catch (ExecutionException e) {
            markDown("Kafka error: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            markDown("Kafka check failed: " + e);
        }
    }

    private void createTopic() throws InterruptedException, ExecutionException, TimeoutException {
        NewTopic nt = (replication > 0 ? new NewTopic(topic, partitions, replication)
                : new NewTopic(topic, Optional.of(partitions), Optional.empty())).configs(Map.of(
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(Topics.MAX_RECORD_BYTES)));
        try {
            admin.createTopics(List.of(nt)).all().get(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            // the first events produced must not meet a partition still being made (PartitionsReady)
            PartitionsReady.await(admin, List.of(topic), Duration.ofMillis(CHECK_TIMEOUT_MS));
            log.info("created topic {} with {} partitions", topic, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private void markDown(String why) {
        if (ready) {
            log.warn("Kafka unavailable: {}", why);
        }
        ready = false;
        problem = why;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
