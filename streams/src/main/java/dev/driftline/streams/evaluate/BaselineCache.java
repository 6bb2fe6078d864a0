package dev.driftline.streams.evaluate;

import dev.driftline.drift.baseline.Baseline;
import dev.driftline.contracts.baseline.BaselineCodec;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parsed baselines per model, keyed to the bytes they were parsed from (shared by all tasks; thread-safe). At most
 * {@value #CAPACITY} models are kept, least recently used out first: a parsed baseline is a few hundred KB, and a
 * fleet of a thousand models would otherwise hold all of them in every cache; a model evaluated once per window
 * is parsed again at worst once per window, which costs milliseconds.
 */
public final class BaselineCache {
    /** Models whose parsed baseline is kept. */
    static final int CAPACITY = 64;
    private static final Logger LOG = LoggerFactory.getLogger(BaselineCache.class);
    private final Map<String, KeyValue<byte[], Baseline>> parsed = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, KeyValue<byte[], Baseline>> eldest) {
                    return size() > CAPACITY;
                }
            });

    /** The current baseline of {@code model} in the global baselines store, or null (none, or unreadable). */
    public Baseline of(ReadOnlyKeyValueStore<String, Object> store, String model) {
        return get(model, bytes(store, model));
    }

    /** The stored bytes of {@code model}'s baseline in the global baselines store, or null. */
    static byte[] bytes(ReadOnlyKeyValueStore<String, Object> store, String model) {
        Object raw = store.get(model);
        return raw instanceof ValueAndTimestamp<?> vt ? (byte[]) vt.value() : (byte[]) raw;
    }

    /** The baseline of {@code bytes}, or null when there are none or they cannot be read. */
    public Baseline get(String model, byte[] bytes) {
        if (bytes == null) {
            parsed.remove(model);
            return null;
        }
        KeyValue<byte[], Baseline> hit = parsed.get(model);
        if (hit != null && Arrays.equals(hit.key, bytes)) {
            return hit.value;
        }
        try {
            Baseline b = BaselineCodec.INSTANCE.decode(bytes);
            parsed.put(model, KeyValue.pair(bytes, b));
            return b;
        } catch (RuntimeException ex) {
            LOG.warn("the baseline of model {} cannot be read; its windows get no_baseline reports: {}", model,
                    ex.getMessage());
            parsed.remove(model);
            return null;
        }
    }
}
