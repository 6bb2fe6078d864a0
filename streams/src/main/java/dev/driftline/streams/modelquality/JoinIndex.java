package dev.driftline.streams.modelquality;

import dev.driftline.streams.support.StoreDeletes;
import dev.driftline.streams.support.StoreKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The keys of the {@value LabelJoinProcessor#STORE} store and its expiry index: one group entry ({@link JoinGroup})
 * per part of an inference, {@code G|inferenceId|part}, where part {@code n} holds rows {@code 64n .. 64n + 63}
 * ({@link #ROWS_PER_PART}: a typical batch is one part, and a label of a very large batch rewrites at most 64 rows),
 * and empty index entries under a prefix of their own per side and clock ({@link JoinClocks}), so that each expiry
 * check scans only what is due against its own clock:
 * <ul>
 *   <li>a part's waiting rows, together: {@code YR|<length>:<model>|<expiresAt>|inferenceId|part} (one range per
 *   model; the length keeps a model name containing '|' from reaching into another model's range);</li>
 *   <li>each waiting label: {@code YL|<expiresAt>|inferenceId|row}.</li>
 * </ul>
 * {@code expiresAt} is zero-padded ({@link StoreKeys#padded}) so byte order is time order.
 *
 * <p>The versions before kept one entry per row, {@code E|inferenceId|row} ({@link JoinEntry}), indexed under
 * {@code XR|…|inferenceId|row} and {@code XL|…} (or, before those, one {@code X|…} for both sides).
 * {@link #migrateLegacy} moves such entries into groups with the new index and then deletes the old index keys.
 */
final class JoinIndex {
    static final String LABELS = "YL|";
    /** Rows per group entry. */
    static final int ROWS_PER_PART = 64;
    /** Prefix of the entries of the versions before ({@code E|inferenceId|row}). */
    static final String LEGACY_ENTRIES = "E|";
    /** Prefix shared by every index key of the versions before: {@code X|}, {@code XR|}, {@code XL|}. */
    static final String LEGACY_INDEX = "X";
    private static final String GROUP = "G|";
    private static final StringSerializer KEYS = new StringSerializer();
    private static final byte[] EMPTY = new byte[0];

    private JoinIndex() {
    }

    /** {@code inferenceId|part}: which group entry holds row {@code row} of an inference. */
    static String part(String inferenceId, int row) {
        return inferenceId + "|" + Math.floorDiv(row, ROWS_PER_PART);
    }

    /** Whether all of {@code rows} (at least one) belong to one part. */
    static boolean onePart(java.util.List<RowPrediction> rows) {
        int first = Math.floorDiv(rows.get(0).row(), ROWS_PER_PART);
        for (RowPrediction r : rows) {
            if (Math.floorDiv(r.row(), ROWS_PER_PART) != first) {
                return false;
            }
        }
        return true;
    }

    /** The inference id of a {@link #part}. */
    static String inferenceOf(String part) {
        return part.substring(0, part.lastIndexOf('|'));
    }

    /** {@code G|inferenceId|part}: the group entry of one part of an inference. */
    static String group(String part) {
        return GROUP + part;
    }

    /** {@code YR|<length>:<model>|}: the index range of one model's waiting rows. */
    static String rows(String model) {
        return "YR|" + model.length() + ":" + model + "|";
    }

    /** The index key of the waiting rows of {@code g}, the group of {@code part}. */
    static String rowsKey(JoinGroup g, String part) {
        return rows(g.model()) + StoreKeys.padded(Math.max(0, g.rowsExpireAt())) + "|" + part;
    }

    /** The index key of a label waiting for row {@code row} of {@code inferenceId}. */
    static String labelKey(long expiresAt, String inferenceId, int row) {
        return LABELS + StoreKeys.padded(Math.max(0, expiresAt)) + "|" + inferenceId + "|" + row;
    }

    /** What an index key under {@code prefix} points at: a part for rows, {@code inferenceId|row} for a label. */
    static String restOf(String indexKey, String prefix) {
        return indexKey.substring(prefix.length() + 20); // 19 digits and '|'
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

    static void put(KeyValueStore<String, byte[]> store, String indexKey) {
        store.put(indexKey, EMPTY);
    }

    /**
     * Moves up to {@code max} entries of the versions before ({@code E|inferenceId|row}) into their inferences'
     * groups (with the new index), and once none is left deletes up to {@code max} old index keys; returns whether
     * some remain. Bounded per call so that a large store from before an upgrade is migrated over several records
     * instead of in one long transaction. Until an inference's old entries are moved, {@link #migrateOne} moves them
     * when that inference is processed, so they join as before.
     */
    static boolean migrateLegacy(KeyValueStore<String, byte[]> store, int max) {
        List<String> entries = keys(store, LEGACY_ENTRIES, max + 1);
        if (!entries.isEmpty()) {
            Map<String, JoinGroup> groups = new HashMap<>();
            entries.subList(0, Math.min(max, entries.size())).forEach(k -> move(store, k, groups));
            groups.forEach((part, g) -> store.put(group(part), JoinGroupCodec.toBytes(g)));
            return true; // the next call looks again, then sweeps the old index
        }
        List<String> index = keys(store, LEGACY_INDEX, max + 1);
        index.subList(0, Math.min(max, index.size())).forEach(store::delete);
        return index.size() > max;
    }

    /** Moves the old entries of one inference into its group (while {@link #migrateLegacy} has not finished). */
    static void migrateOne(KeyValueStore<String, byte[]> store, String inferenceId) {
        String prefix = LEGACY_ENTRIES + inferenceId + "|";
        List<String> entries = new ArrayList<>();
        for (String k : keys(store, prefix, Integer.MAX_VALUE)) {
            if (k.lastIndexOf('|') == prefix.length() - 1) { // not an id that merely starts with this one
                entries.add(k);
            }
        }
        if (!entries.isEmpty()) {
            Map<String, JoinGroup> groups = new HashMap<>();
            entries.forEach(k -> move(store, k, groups));
            groups.forEach((part, g) -> store.put(group(part), JoinGroupCodec.toBytes(g)));
        }
    }

    /** Moves old entry {@code key} into its group in {@code groups} (by part; read from the store on first use). */
    private static void move(KeyValueStore<String, byte[]> store, String key, Map<String, JoinGroup> groups) {
        byte[] b = store.get(key);
        StoreDeletes.delete(store, key);
        int bar = key.lastIndexOf('|');
        String id = key.substring(LEGACY_ENTRIES.length(), bar);
        int row;
        try {
            row = Integer.parseInt(key.substring(bar + 1));
        } catch (NumberFormatException e) {
            return; // not an entry this store ever wrote
        }
        JoinEntry e = JoinEntryCodec.fromBytes(b);
        String part = part(id, row);
        JoinGroup g = groups.computeIfAbsent(part, p -> {
            byte[] stored = store.get(group(p));
            return stored == null ? new JoinGroup() : JoinGroupCodec.fromBytes(stored);
        });
        if (e.isRecord()) {
            if (!g.hasRows()) {
                g.rowsOf(e.model(), e.modelVersion(), e.windowStart(), e.expiresAt());
                put(store, rowsKey(g, part));
            }
            g.addRow(row, e.value());
        } else {
            g.addLabel(row, new JoinGroup.WaitingLabel(e.model(), e.expiresAt(), e.value()));
            put(store, labelKey(e.expiresAt(), id, row));
        }
    }

    private static List<String> keys(KeyValueStore<String, byte[]> store, String prefix, int max) {
        List<String> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, KEYS)) {
            while (it.hasNext() && out.size() < max) {
                out.add(it.next().key);
            }
        }
        return out;
    }
}
