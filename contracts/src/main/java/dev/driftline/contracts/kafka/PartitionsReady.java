package dev.driftline.contracts.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits, after topics were created, until every partition's leader answers a list-offsets request. A topic is in the
 * cluster's metadata (and a producer already sees its leader) a moment before the leader has created the partition;
 * an idempotent producer whose first batch lands in that moment gets NOT_LEADER_OR_FOLLOWER, a later batch of it is
 * appended, and the first batch then fails every retry with OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout
 * drops it (KAFKA-15591, fixed in brokers after 4.3; seen here as a test's records never arriving). List offsets is
 * answered by the leader's partition itself, so once it answers for every partition producing is safe.
 */
public final class PartitionsReady {
    private static final long PAUSE_MS = 200;

    private PartitionsReady() {
    }

    /**
     * Returns once every partition of {@code topics} has a leader that answers list-offsets.
     *
     * @throws TimeoutException when that did not happen within {@code timeout} (the message names the topics and
     *                          the last error)
     */
    public static void await(Admin admin, Collection<String> topics, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                Map<TopicPartition, OffsetSpec> req = new HashMap<>();
                boolean leaders = true;
                for (var d : admin.describeTopics(topics).allTopicNames().get(left, TimeUnit.MILLISECONDS)
                        .values()) {
                    for (var pi : d.partitions()) {
                        leaders &= pi.leader() != null && !pi.leader().isEmpty();
                        req.put(new TopicPartition(d.name(), pi.partition()), OffsetSpec.latest());
                    }
                }
                if (leaders) {
                    admin.listOffsets(req).all().get(left, TimeUnit.MILLISECONDS); // every leader answers
                    return;
                }
            } catch (ExecutionException | TimeoutException notYet) {
                // just created, a topic can still be unknown to the broker's metadata cache
                // (UNKNOWN_TOPIC_OR_PARTITION) or a leader not answer yet: ask again until the limit
                last = notYet;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the partitions of " + topics + " have no answering leader after "
                        + timeout.toSeconds() + " s" + (last == null ? "" : " (last: "
                        + (last.getCause() != null ? last.getCause() : last) + ")"));
            }
            Thread.sleep(PAUSE_MS);
        }
    }
}
