package dev.driftline.system.faults.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.testkit.KafkaBroker;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a sink input topic holds (read_committed, from the beginning): every record as {@code partition@offset} and
 * how many records carry each {@code inference_id#row}. The lake must hold exactly this — whatever the producer
 * did (a retried send is two records, and the sink must write both once).
 */
public record TopicRows(Set<String> sources, Map<String, Long> perKey) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads {@code topic}; the value is JSON with {@code inference_id} and {@code row} (records and labels). */
    public static TopicRows read(KafkaBroker kafka, String topic) throws IOException {
        Set<String> sources = new HashSet<>();
        Map<String, Long> perKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topic)) {
            sources.add(r.partition() + "@" + r.offset());
            JsonNode n = JSON.readTree(r.value());
            perKey.merge(n.path("inference_id").asText() + "#" + n.path("row").asInt(), 1L, Long::sum);
        }
        return new TopicRows(sources, perKey);
    }
}
