package dev.driftline.sink.rows;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A Kafka record as the sink sees it: where it came from and its raw bytes. Kept apart from
 * {@link ConsumerRecord} so row mapping is pure and testable without a consumer.
 *
 * @param topic     source topic
 * @param partition source partition
 * @param offset    source offset
 * @param timestamp record timestamp, epoch milliseconds
 * @param key       key bytes, may be null
 * @param value     value bytes, may be null (a tombstone)
 * @param headers   headers in order (name, value bytes; a value may be null)
 */
public record SourceRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                           List<Map.Entry<String, byte[]>> headers) {

    public SourceRecord {
        Objects.requireNonNull(topic, "topic");
        headers = List.copyOf(headers);
    }

    /** From a consumer record. */
    public static SourceRecord of(ConsumerRecord<byte[], byte[]> r) {
        List<Map.Entry<String, byte[]>> hs = new java.util.ArrayList<>();
        for (Header h : r.headers()) {
            hs.add(new java.util.AbstractMap.SimpleImmutableEntry<>(h.key(), h.value()));
        }
        return new SourceRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), hs);
    }

    /** The last header of that name, as UTF-8 text. */
    public Optional<String> header(String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).getKey().equals(name)) {
                byte[] v = headers.get(i).getValue();
                return v == null ? Optional.empty() : Optional.of(new String(v, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** Bytes of key and value, what rotation by size counts. */
    public long sizeInBytes() {
        return (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
    }
}
