package dev.driftline.streams.evaluate;

import dev.driftline.drift.baseline.Baseline;
import dev.driftline.contracts.baseline.BaselineCodec;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
    /** The version of an entry read without one: never equal to a {@link BaselineVersions} count. */
    private static final long UNKNOWN = Long.MIN_VALUE;
    private static final Logger LOG = LoggerFactory.getLogger(BaselineCache.class);
    private final Map<String, Parsed> parsed = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
                    return size() > CAPACITY;
                }
            });

    /** A parsed baseline, the bytes it came from and the model's update count when they were read. */
    private record Parsed(byte[] bytes, Baseline baseline, long version) {
    }

    /** The current baseline of {@code model} in the global baselines store, or null (none, or unreadable). */
    public Baseline of(ReadOnlyKeyValueStore<String, Object> store, String model) {
        return get(model, bytes(store, model), UNKNOWN);
    }

    /**
     * As {@link #of(ReadOnlyKeyValueStore, String)}, but without reading the store while {@code version}, the
     * model's count in {@link BaselineVersions}, is the one the cached baseline was read at. Reading the store
     * copies the whole baseline (tens to hundreds of KB) and comparing it costs as much again, once per window. The
     * count moves after every update the global store's processor stores, including those it replays when the
     * store is restored ({@code StreamsBuilder#addGlobalStore} reprocesses on restore; a test checks it), so an
     * unchanged count means unchanged bytes.
     */
    public Baseline of(ReadOnlyKeyValueStore<String, Object> store, String model, long version) {
        Parsed hit = parsed.get(model);
        if (hit != null && hit.version() == version) {
            return hit.baseline();
        }
        return get(model, bytes(store, model), version);
    }

    /** The stored bytes of {@code model}'s baseline in the global baselines store, or null. */
    static byte[] bytes(ReadOnlyKeyValueStore<String, Object> store, String model) {
        Object raw = store.get(model);
        return raw instanceof ValueAndTimestamp<?> vt ? (byte[]) vt.value() : (byte[]) raw;
    }

    /** The baseline of {@code bytes}, or null when there are none or they cannot be read. */
    public Baseline get(String model, byte[] bytes) {
        return get(model, bytes, UNKNOWN);
    }

    /**
     * {@code version} is the model's update count read before {@code bytes}: the global thread stores an update
     * before it counts it, so these bytes are at least as new as that count says.
     */
    private Baseline get(String model, byte[] bytes, long version) {
        if (bytes == null) {
            parsed.remove(model);
            return null;
        }
        Parsed hit = parsed.get(model);
        if (hit != null && Arrays.equals(hit.bytes(), bytes)) {
            if (hit.version() != version) {
                parsed.put(model, new Parsed(hit.bytes(), hit.baseline(), version));
            }
            return hit.baseline();
        }
        try {
            Baseline b = BaselineCodec.INSTANCE.decode(bytes);
            parsed.put(model, new Parsed(bytes, b, version));
            return b;
        } catch (RuntimeException ex) {
            LOG.warn("the baseline of model {} cannot be read; its windows get no_baseline reports: {}", model,
                    ex.getMessage());
            parsed.remove(model);
            return null;
        }
    }
}
