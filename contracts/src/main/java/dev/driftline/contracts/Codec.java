package dev.driftline.contracts;

import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one encoding of one record type. {@link #decode} is strict: a value that does not follow the format (or has a
 * newer major version) is a {@link RecordFormatException} naming the field, never a half-read record.
 *
 * @param <T> the record type
 */
public interface Codec<T> {
    byte[] encode(T value);

    /** @throws RecordFormatException when {@code bytes} are not a value of this format */
    T decode(byte[] bytes);

    /**
     * This codec as a Kafka serde; {@code null} stays {@code null} (tombstones). Deserializing a malformed value
     * throws {@link RecordFormatException}: in Kafka Streams the deserialization exception handler turns it into a
     * dead letter.
     */
    default Serde<T> serde() {
        Codec<T> codec = this;
        return new Serde<>() {
            @Override
            public Serializer<T> serializer() {
                return (topic, value) -> value == null ? null : codec.encode(value);
            }

            @Override
            public Deserializer<T> deserializer() {
                return (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
            }

            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
            }

            @Override
            public void close() {
            }
        };
    }
}
