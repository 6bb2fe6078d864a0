package dev.driftline.streams.support;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Deleting from a state store without reading the old value back. {@link KeyValueStore#delete} returns what it
 * removed: the RocksDB store reads the value first and the metered layer decodes it with the store's serde, so every
 * delete of a merged window or a window snapshot read and (typed stores) decoded hundreds of KB that nobody used.
 * {@code put(key, null)} is the store contract's delete without that read; the changelog gets the same tombstone.
 */
public final class StoreDeletes {
    private StoreDeletes() {
    }

    /** Removes {@code key} from {@code store} (and its changelog), without reading its value. */
    public static <K, V> void delete(KeyValueStore<K, V> store, K key) {
        store.put(key, null);
    }
}
