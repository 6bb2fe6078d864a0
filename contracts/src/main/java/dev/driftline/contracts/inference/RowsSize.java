package dev.driftline.contracts.inference;

import dev.driftline.drift.model.InferenceRecord;
import java.util.List;
import java.util.Map;

/**
 * An upper bound of the bytes a row takes in an {@link InferenceRowsCodec} value (its column names counted as if
 * the row were alone), cheap enough to compute for every row before encoding: the writer splits an inference whose
 * rows would not fit one Kafka record. Strings count 3 bytes a char (UTF-8's most for a UTF-16 unit); nested
 * values count their JSON text at its longest (6 bytes a char for escapes, 25 a number).
 */
final class RowsSize {
    /**
     * Row index (varint, up to 5 bytes), two section layouts and their own-order counts (up to 5 bytes each), label
     * tag. A column-order section's absent bytes (at most 1 + 4 per value, see InferenceRowsCodec.writeSection) fit
     * in the count and the 5 bytes a value's column index is given below.
     */
    private static final int ROW_OVERHEAD = 5 + 2 * (1 + 5) + 1;

    private RowsSize() {
    }

    static long of(InferenceRecord r) {
        return ROW_OVERHEAD + section(r.features()) + section(r.predictions()) + value(r.label());
    }

    private static long section(Map<String, Object> map) {
        long n = 0;
        for (Map.Entry<String, Object> e : map.entrySet()) {
            n += 5 + 3L * e.getKey().length() + 5 + value(e.getValue()); // name, column index, value
        }
        return n;
    }

    /** Tag plus payload. */
    private static long value(Object v) {
        if (v == null || v instanceof Boolean) {
            return 1;
        }
        if (v instanceof String s) {
            return 6 + 3L * s.length();
        }
        if (v instanceof Number) {
            return 1 + 25; // a long's 10, a double's 8, a non-finite's string, a big integer's digits (as a double)
        }
        if (v instanceof List<?> || v instanceof Map<?, ?>) {
            return 6 + json(v);
        }
        return 6 + 3L * String.valueOf(v).length();
    }

    private static long json(Object v) {
        if (v == null || v instanceof Boolean) {
            return 5;
        }
        if (v instanceof Number) {
            return 25;
        }
        if (v instanceof List<?> list) {
            long n = 2;
            for (Object e : list) {
                n += 1 + json(e);
            }
            return n;
        }
        if (v instanceof Map<?, ?> map) {
            long n = 2;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                n += 4 + 6L * String.valueOf(e.getKey()).length() + json(e.getValue());
            }
            return n;
        }
        return 2 + 6L * String.valueOf(v).length();
    }
}
