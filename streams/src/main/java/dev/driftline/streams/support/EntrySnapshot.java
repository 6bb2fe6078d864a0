package dev.driftline.streams.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A copy of a map's entries to loop over while the loop changes the map. Copying the map's own entry objects
 * ({@code new ArrayList<>(map.entrySet())}) is not enough for a {@link java.util.TreeMap}: when a node with two
 * children is removed, the tree moves its successor's key and value into that node, so an entry held from before
 * then names another key. A loop that removed an entry and read its key again acted on the next one (the merge
 * deleted a pending window unreported this way). These entries are immutable copies.
 */
public final class EntrySnapshot {
    private EntrySnapshot() {
    }

    /** The map's entries now, in its order, as immutable (key, value) pairs; values must not be null. */
    public static <K, V> List<Map.Entry<K, V>> of(Map<K, V> map) {
        List<Map.Entry<K, V>> out = new ArrayList<>(map.size());
        for (Map.Entry<K, V> e : map.entrySet()) {
            out.add(Map.entry(e.getKey(), e.getValue()));
        }
        return out;
    }
}
