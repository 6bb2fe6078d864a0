package dev.driftline.system.faults.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<Long, JsonNode> best = new HashMap<>();
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
                    JsonNode n = JSON.readTree(r.value());
                    if (!model.equals(n.path("model").asText())) {
                        continue;
                    }
                    long start = Instant.parse(n.path("window_start").asText()).toEpochMilli();
                    read.history.add(n.path("window_start").asText() + " r" + n.path("revision").asInt() + "="
                            + n.path("rows").asLong());
                    read.best.merge(start, n, (a, b) -> b.path("revision").asInt() >= a.path("revision").asInt()
                            ? b : a);
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
        JsonNode n = best.get(start);
        return n == null ? -1 : n.path("rows").asLong();
    }

    public int revision(long start) {
        JsonNode n = best.get(start);
        return n == null ? -1 : n.path("revision").asInt();
    }

    public Map<Long, JsonNode> best() {
        return best;
    }

    /** Every revision read, in order: {@code window_start rN=rows}. */
    public List<String> history() {
        return history;
    }
}
