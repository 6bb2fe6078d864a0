package dev.driftline.drift.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The column names shared by the rows of one batch (an inference request's rows), and those rows as read-only maps
 * over one value array each: a batch of n rows × c columns costs n arrays, not n hash maps of c entries (building
 * and hashing a map per row was about a tenth of the pipeline's stream thread). Writers of the batch's downstream
 * formats check {@link #of(Map)}: rows of one {@code RowColumns} have the same names in the same order, so a codec
 * writes the names once and each row's values by position.
 *
 * <p>Names are unique and keep the order of their first {@link Builder#column}; a name given twice names the same
 * column, so a later value replaces an earlier one in place — what {@code LinkedHashMap.put} does, so a row reads
 * as the insertion-ordered map a parser would have built.
 */
public final class RowColumns {
    private final String[] names;
    private final Map<String, Integer> index;
    private final List<String> nameList;

    private RowColumns(String[] names, Map<String, Integer> index) {
        this.names = names;
        this.index = index;
        this.nameList = Collections.unmodifiableList(Arrays.asList(names));
    }

    /** Builds the columns of a batch; one per batch, not per row. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();

        /**
         * The position of column {@code name}, added at the end when new.
         *
         * @throws IllegalArgumentException when {@code name} is null
         */
        public int column(String name) {
            if (name == null) {
                throw new IllegalArgumentException("a row contains a null name");
            }
            Integer i = index.get(name);
            if (i == null) {
                i = names.size();
                names.add(name);
                index.put(name, i);
            }
            return i;
        }

        public int size() {
            return names.size();
        }

        /** The columns; the builder is done with (they share its index). */
        public RowColumns build() {
            return new RowColumns(names.toArray(String[]::new), index);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Where each of a batch's column names goes: {@code target[i]} is the column of {@code names.get(i)} in
     * {@code columns} (a name given twice goes to its first column).
     */
    public record Layout(RowColumns columns, int[] target) {
    }

    /** Layouts by their names, so that the batches of one model share one table (and its name strings). */
    private static final Map<List<String>, Layout> LAYOUTS = new java.util.concurrent.ConcurrentHashMap<>();
    /** Distinct layouts kept: a fleet's models; beyond it the cache starts again (names come from payloads). */
    static final int MAX_LAYOUTS = 4096;

    /**
     * The layout of a batch's column names, in order (they may repeat: see {@link Builder#column}), shared by every
     * batch with the same names. Sharing is what makes rows of many events one table for the codecs that write
     * names once (a window's redo entry holds the rows of many events), and their names the same strings, whose
     * hashes are computed once.
     *
     * @throws IllegalArgumentException when a name is null
     */
    public static Layout layout(List<String> names) {
        Layout layout = LAYOUTS.get(names);
        if (layout == null) {
            for (String name : names) {
                if (name == null) {
                    throw new IllegalArgumentException("a row contains a null name");
                }
            }
            Builder b = builder();
            List<String> key = List.copyOf(names);
            int[] target = new int[key.size()];
            for (int i = 0; i < target.length; i++) {
                target[i] = b.column(key.get(i));
            }
            layout = new Layout(b.build(), target);
            if (LAYOUTS.size() >= MAX_LAYOUTS) {
                LAYOUTS.clear();
            }
            Layout raced = LAYOUTS.putIfAbsent(key, layout);
            layout = raced != null ? raced : layout;
        }
        return layout;
    }

    /** The columns of {@code row} when it is a row of a {@code RowColumns}, else null. */
    public static RowColumns of(Map<String, ?> row) {
        return row instanceof Row r ? r.columns : null;
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    /** The names in column order (unmodifiable). */
    public List<String> names() {
        return nameList;
    }

    /**
     * A row over {@code values} (one per column, in column order; null is a present null value), handed over: the
     * caller built the array for this row and never touches it again, so the row needs no copy and cannot change.
     *
     * @throws IllegalArgumentException when the array's length is not the number of columns
     */
    public Map<String, Object> row(Object[] values) {
        if (values.length != names.length) {
            throw new IllegalArgumentException(values.length + " values for " + names.length + " columns");
        }
        return new Row(this, values);
    }

    /** The value of column {@code i} of a row of these columns. */
    public static Object value(Map<String, Object> row, int i) {
        return ((Row) row).values[i];
    }

    /** A read-only insertion-ordered map over the batch's names and this row's values. */
    private static final class Row extends AbstractMap<String, Object> {
        private final RowColumns columns;
        private final Object[] values;

        Row(RowColumns columns, Object[] values) {
            this.columns = columns;
            this.values = values;
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean containsKey(Object key) {
            return columns.index.containsKey(key);
        }

        @Override
        public Object get(Object key) {
            Integer i = columns.index.get(key);
            return i == null ? null : values[i];
        }

        @Override
        public Object getOrDefault(Object key, Object defaultValue) {
            Integer i = columns.index.get(key);
            return i == null ? defaultValue : values[i];
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super Object> action) {
            for (int i = 0; i < values.length; i++) {
                action.accept(columns.names[i], values[i]);
            }
        }

        @Override
        public java.util.Collection<Object> values() {
            return Collections.unmodifiableList(Arrays.asList(values));
        }

        @Override
        public Set<String> keySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<String> iterator() {
                    return columns.nameList.iterator();
                }

                @Override
                public int size() {
                    return values.length;
                }

                @Override
                public boolean contains(Object o) {
                    return columns.index.containsKey(o);
                }
            };
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < values.length;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (next >= values.length) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(columns.names[i], values[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return values.length;
                }
            };
        }
    }
}
