package dev.driftline.streams.modelquality;

import dev.driftline.streams.support.StoreKeys;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The expiry index of the {@value LabelJoinProcessor#STORE} store: per waiting entry {@code E|inferenceId|row} one
 * empty index entry, under a prefix of its own per side and clock ({@link JoinClocks}), so that each expiry check
 * scans only what is due against its own clock:
 * <ul>
 *   <li>rows: {@code XR|<length>:<model>|<expiresAt>|inferenceId|row} (one range per model; the length keeps a
 *   model name containing '|' from reaching into another model's range);</li>
 *   <li>labels: {@code XL|<expiresAt>|inferenceId|row}.</li>
 * </ul>
 * {@code expiresAt} is zero-padded ({@link StoreKeys#padded}) so byte order is time order. The version before kept one
 * index {@code X|<expiresAt>|inferenceId|row} for both sides, checked against the task's stream time; its entries
 * ({@link JoinEntry}, unchanged: a row's {@code expiresAt} was already its event time + TTL, a label's its arrival +
 * TTL) are moved to the new prefixes by {@link #migrateLegacy}.
 */
final class JoinIndex {
    static final String LABELS = "XL|";
    static final String LEGACY = "X|";
    private static final StringSerializer KEYS = new StringSerializer();
    private static final byte[] EMPTY = new byte[0];

    private JoinIndex() {
    }

    /** {@code XR|<length>:<model>|}: the index range of one model's waiting rows. */
    static String rows(String model) {
        return "XR|" + model.length() + ":" + model + "|";
    }

    /** The index prefix of {@code e}'s side (and model, for a row). */
    static String prefixOf(JoinEntry e) {
        return e.isRecord() ? rows(e.model()) : LABELS;
    }

    /** The index key of entry {@code entryKey} ({@code E|…}) holding {@code e}. */
    static String key(JoinEntry e, String entryKey) {
        return prefixOf(e) + StoreKeys.padded(Math.max(0, e.expiresAt())) + "|" + entryKey.substring(2);
    }

    /** The entry key an index key under {@code prefix} points at. */
    static String entryKeyOf(String indexKey, String prefix) {
        return "E|" + indexKey.substring(prefix.length() + 20); // 19 digits and '|'
    }

    /** The index keys under {@code prefix} whose expiry is at or before {@code clock}, oldest first. */
    static List<String> due(KeyValueStore<String, byte[]> store, String prefix, long clock) {
        List<String> due = new ArrayList<>();
        // Inclusive range: every index key of an expiry <= clock sorts below the bare "<prefix><clock + 1>".
        try (KeyValueIterator<String, byte[]> it = store.range(prefix, prefix + StoreKeys.padded(
                Math.max(0, clock + 1)))) {
            while (it.hasNext()) {
                due.add(it.next().key);
            }
        }
        return due;
    }

    static void put(KeyValueStore<String, byte[]> store, JoinEntry e, String entryKey) {
        store.put(key(e, entryKey), EMPTY);
    }

    /**
     * Moves up to {@code max} index entries of the version before ({@code X|…}) to the per-side prefixes, dropping
     * those whose entry is gone or was replaced; returns whether some remain. Bounded per call so that a large
     * store from before an upgrade is migrated over several records instead of in one long transaction; until then,
     * its entries still join (only their expiry waits for the migration).
     */
    static boolean migrateLegacy(KeyValueStore<String, byte[]> store, int max) {
        List<String> legacy = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(LEGACY, KEYS)) {
            while (it.hasNext() && legacy.size() <= max) {
                legacy.add(it.next().key);
            }
        }
        boolean more = legacy.size() > max;
        for (String x : legacy.subList(0, Math.min(max, legacy.size()))) {
            store.delete(x);
            String entryKey = "E|" + x.substring(x.indexOf('|', 2) + 1);
            byte[] b = store.get(entryKey);
            if (b == null) {
                continue;
            }
            JoinEntry e = JoinEntryCodec.fromBytes(b);
            if (x.equals(LEGACY + StoreKeys.padded(Math.max(0, e.expiresAt())) + "|" + entryKey.substring(2))) {
                put(store, e, entryKey);
            }
        }
        return more;
    }
}
