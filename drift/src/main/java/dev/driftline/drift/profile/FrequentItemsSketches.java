package dev.driftline.drift.profile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.common.Family;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * The state of a frequent-items sketch in canonical form, and back.
 *
 * <p>Why not the library's bytes: {@code ItemsSketch.toByteArray} writes items in hash-table order, and a sketch
 * rebuilt from those bytes lays its table out differently, so the bytes change on every round trip. A sketch's state
 * is fully described by its map size, stream length, offset (maximum error) and the raw counter of each tracked item;
 * profiles store exactly that, sorted by item, and rebuild the sketch through the library's own deserialiser (format
 * serial version 1, the cross-language DataSketches layout) so the library still validates and owns its internals.
 */
final class FrequentItemsSketches {
    private static final int PREAMBLE_LONGS = 4;
    private static final int SERIAL_VERSION = 1;

    private FrequentItemsSketches() {
    }

    /** Tracked item → raw counter (the lower bound of its frequency), sorted by item. */
    static TreeMap<String, Long> counters(ItemsSketch<String> sketch) {
        TreeMap<String, Long> counters = new TreeMap<>();
        for (ItemsSketch.Row<String> row : sketch.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
            counters.put(row.getItem(), row.getLowerBound());
        }
        return counters;
    }

    /**
     * Rebuilds a sketch: same map size, stream length, offset and counters as the one {@link #counters} read. The
     * hash table starts at the smallest size that holds the items (it grows on demand up to the map size, so this
     * changes no estimate).
     */
    static ItemsSketch<String> restore(int mapSize, long streamLength, long offset, Map<String, Long> counters) {
        if (counters.isEmpty() && streamLength == 0) {
            return new ItemsSketch<>(mapSize);
        }
        int lgMax = Integer.numberOfTrailingZeros(mapSize);
        int lgCur = 3; // the library's minimum
        while (lgCur < lgMax && counters.size() > (int) ((1 << lgCur) * 0.75)) {
            lgCur++;
        }
        String[] items = counters.keySet().toArray(new String[0]);
        byte[] itemBytes = CategoricalProfile.SERDE.serializeToByteArray(items);
        ByteBuffer b = ByteBuffer.allocate((PREAMBLE_LONGS + items.length) * Long.BYTES + itemBytes.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) PREAMBLE_LONGS).put((byte) SERIAL_VERSION).put((byte) Family.FREQUENCY.getID())
                .put((byte) lgMax).put((byte) lgCur).put((byte) 0).putShort((short) 0);
        b.putLong(items.length).putLong(streamLength).putLong(offset);
        for (String item : items) {
            b.putLong(counters.get(item));
        }
        b.put(itemBytes);
        return ItemsSketch.getInstance(Memory.wrap(b.array()), CategoricalProfile.SERDE);
    }

    /** An independent copy with the same state. */
    static ItemsSketch<String> copy(ItemsSketch<String> sketch, int mapSize) {
        return restore(mapSize, sketch.getStreamLength(), sketch.getMaximumError(), counters(sketch));
    }
}
