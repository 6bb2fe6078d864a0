package dev.driftline.contracts;

import java.util.function.BiFunction;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde for records that live partly in Kafka headers (CloudEvents binary mode, dead letters): the serializer
 * writes the headers and returns the value bytes, the deserializer reads both back. Kafka producers, consumers and
 * Kafka Streams all call the header-aware methods; without headers there are none to read (and none can be written).
 */
public final class HeaderSerde {
    private HeaderSerde() {
    }

    /**
     * @param what  names the record in errors
     * @param write adds the record's headers and returns its value bytes
     * @param read  the record of headers and value bytes (the value may be null: a record can still carry headers)
     */
    public static <T> Serde<T> of(String what, BiFunction<T, Headers, byte[]> write,
                                  BiFunction<Headers, byte[], T> read) {
        return new Serde<>() {
            @Override
            public Serializer<T> serializer() {
                return new Serializer<>() {
                    @Override
                    public byte[] serialize(String topic, T value) {
                        throw new IllegalStateException(what + " needs record headers");
                    }

                    @Override
                    public byte[] serialize(String topic, Headers headers, T value) {
                        return value == null ? null : write.apply(value, headers);
                    }
                };
            }

            @Override
            public Deserializer<T> deserializer() {
                return new Deserializer<>() {
                    @Override
                    public T deserialize(String topic, byte[] data) {
                        return deserialize(topic, new RecordHeaders(), data);
                    }

                    @Override
                    public T deserialize(String topic, Headers headers, byte[] data) {
                        return read.apply(headers, data);
                    }
                };
            }
        };
    }
}
