package dev.driftline.streams.support;

import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** A Kafka {@link Serde} from a codec's two functions, so a store holds typed values (null stays null). */
public final class CodecSerde {
    private CodecSerde() {
    }

    public static <T> Serde<T> of(Function<T, byte[]> toBytes, Function<byte[], T> fromBytes) {
        return Serdes.serdeFrom((topic, v) -> v == null ? null : toBytes.apply(v),
                (topic, b) -> b == null ? null : fromBytes.apply(b));
    }
}
