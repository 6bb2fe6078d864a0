package dev.driftline.contracts;

import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic, declared once: its name with the key and value serdes everybody must use, and how it is created
 * (partitions, retention, compaction). {@link Topics} holds them all.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions,
                          Optional<Duration> retention, boolean compacted, String key, String value) {
}
