package dev.driftline.streams.app;

import dev.driftline.contracts.Topic;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.kafka.PartitionsReady;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the driftline topics that do not exist yet, with the partitions, retention and compaction declared in
 * {@link Topics} (relying on broker auto-creation would give every topic the broker's defaults, and a compacted
 * baselines topic must be compacted from its first record), and records up to {@link Topics#MAX_RECORD_BYTES}. Returns once the created topics' leaders answer
 * ({@link PartitionsReady}), so what is produced next is not lost in the moment a partition is being made.
 */
public final class TopicCreator {
    private TopicCreator() {
    }

    /** @return the names it created */
    public static List<String> ensure(Admin admin, Topics topics, Optional<Short> replication)
            throws InterruptedException, TimeoutException {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> t : topics.all()) {
                if (!existing.contains(t.name())) {
                    Map<String, String> configs = new HashMap<>();
                    configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(Topics.MAX_RECORD_BYTES));
                    if (t.compacted()) {
                        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                    }
                    t.retention().ifPresent(r -> configs.put(TopicConfig.RETENTION_MS_CONFIG,
                            Long.toString(r.toMillis())));
                    missing.add(new NewTopic(t.name(), Optional.of(t.partitions()), replication).configs(configs));
                }
            }
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> e
                    : admin.createTopics(missing).values().entrySet()) {
                try {
                    e.getValue().get(30, TimeUnit.SECONDS);
                    created.add(e.getKey());
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + e.getKey() + ": "
                                + ex.getCause().getMessage(), ex.getCause());
                    }
                }
            }
            if (!created.isEmpty()) {
                PartitionsReady.await(admin, created, Duration.ofSeconds(30));
            }
            return created;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
