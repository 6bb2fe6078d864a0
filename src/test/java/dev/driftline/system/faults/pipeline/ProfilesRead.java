package dev.driftline.system.faults.pipeline;

import dev.driftline.contracts.window.MergedWindow;
import dev.driftline.contracts.window.MergedWindowCodec;
import dev.driftline.testkit.KafkaBroker;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads {@code <prefix>profiles} (read_committed) and keeps the highest revision per window of one model — what a
 * reader of the pipeline is told to keep. Stops once every expected window is there with its expected rows and no
 * new revision came for a while (a revision that would overcount gets that long to show up), or at the limit.
 */
public final class ProfilesRead {
    private final Map<Long, MergedWindow> best = new HashMap<>();
    private final List<String> history = new ArrayList<>();

    /** window start (epoch ms) → expected rows; {@code quiet} after the last new revision; {@code limit} overall. */
    public static ProfilesRead until(KafkaBroker kafka, String topic, String model, Map<Long, Long> expected,
            Duration quiet, Duration limit) throws IOException {
        ProfilesRead read = new ProfilesRead();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kafka.consumerProps())) {
            List<TopicPartition> tps = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            long deadline = System.nanoTime() + limit.toNanos();
            long lastNew = System.nanoTime();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(300))) {
                    MergedWindow n = MergedWindowCodec.INSTANCE.decode(r.value());
                    if (!model.equals(n.model())) {
                        continue;
                    }
                    long start = n.windowStart();
                    read.history.add(Instant.ofEpochMilli(start) + " r" + n.revision() + "=" + n.rows());
                    read.best.merge(start, n, (a, b) -> b.revision() >= a.revision() ? b : a);
                    lastNew = System.nanoTime();
                }
                boolean exact = expected.entrySet().stream().allMatch(e -> read.rows(e.getKey()) == e.getValue());
                if (exact && System.nanoTime() - lastNew > quiet.toNanos()) {
                    break;
                }
            }
        }
        return read;
    }

    /** Rows of the highest revision of the window starting at {@code start}, -1 when none was reported. */
    public long rows(long start) {
        MergedWindow n = best.get(start);
        return n == null ? -1 : n.rows();
    }

    public int revision(long start) {
        MergedWindow n = best.get(start);
        return n == null ? -1 : n.revision();
    }

    public Map<Long, MergedWindow> best() {
        return best;
    }

    /** Every revision read, in order: {@code window_start rN=rows}. */
    public List<String> history() {
        return history;
    }
}
