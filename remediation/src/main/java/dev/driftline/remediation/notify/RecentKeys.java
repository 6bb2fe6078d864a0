package dev.driftline.remediation.notify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dedupe keys sent most recently, at most {@code capacity} (least recently seen dropped first): a repeat of
 * the same fact (an alert re-emitted after a restart, an episode event replayed) is sent once, and memory stays
 * bounded however long the service runs. Thread-safe.
 */
final class RecentKeys {
    private final Map<String, Boolean> keys;

    RecentKeys(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("dedupe capacity must be positive, got " + capacity);
        }
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized boolean contains(String key) {
        return keys.get(key) != null; // get, not containsKey: refreshes the key's recency
    }

    /** Remembered only once delivered, so a failed send is tried again on the next repeat. */
    synchronized void add(String key) {
        keys.put(key, Boolean.TRUE);
    }

    synchronized int size() {
        return keys.size();
    }
}
