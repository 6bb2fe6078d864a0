package dev.driftline.contracts.window;

import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.model.RowColumns;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.FeatureProfile;
import dev.driftline.drift.profile.NumericProfile;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One task's partial profile of one model's tumbling window: feature name → {@link FeatureProfile} (predictions
 * under {@value #PREDICTION_PREFIX}name) and the row count. Partials of the same (model, window) from different
 * tasks are merged downstream.
 *
 * <p>Typing: a profile is created by the first non-null value of a feature: a number makes a FRACTIONAL
 * {@link NumericProfile}, a boolean a BOOLEAN and anything else a STRING {@link CategoricalProfile}; later values of
 * another type count as type mismatches in that profile. Nulls seen before the type is known are kept in
 * {@link #untypedMissing()} and replayed into the profile once it exists (a feature that stays null for the whole
 * window stays there).
 *
 * <p>It accumulates in place ({@link #addRow}, {@link #mergeFrom}): the window profiler adds every row to its
 * open partials and the merge folds partials into one, so a copy per row is not an option. Its binary form, the
 * value of {@code window.partials}, is {@link PartialWindowCodec}'s.
 */
public final class PartialWindow {
    public static final String PREDICTION_PREFIX = "prediction:";
    /**
     * Header of a {@code window.partials} record naming the profiling task that produced it, so the merge can wait
     * for tasks that lag.
     */
    public static final String SOURCE_TASK_HEADER = "driftline_source_task";
    /** Stand-in for values that are neither number, boolean, string nor null: a type mismatch in every profile. */
    public static final Object OTHER = List.of();

    private final String model;
    private final long windowStart;
    private final long windowEnd;
    private long rows;
    private final Map<String, FeatureProfile> profiles;
    /** The same profiles by name in a hash map: {@link #addRow} looks one up per value, the sorted map costs more. */
    private final Map<String, FeatureProfile> byName = new HashMap<>();
    private final Map<String, Long> untypedMissing;
    /** The last feature table seen with no name like a prediction's column (see {@link #addRow(Map, Map)}). */
    private RowColumns unshadowed;

    public PartialWindow(String model, long windowStart, long windowEnd) {
        this(model, windowStart, windowEnd, 0, new TreeMap<>(), new TreeMap<>());
    }

    PartialWindow(String model, long windowStart, long windowEnd, long rows,
                          Map<String, FeatureProfile> profiles, Map<String, Long> untypedMissing) {
        this.model = Objects.requireNonNull(model, "model");
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.rows = rows;
        this.profiles = profiles;
        this.byName.putAll(profiles);
        this.untypedMissing = untypedMissing;
    }

    /** Reduces a payload value to what the profiles distinguish: null, Long, Double, Boolean, String or OTHER. */
    public static Object canonical(Object v) {
        if (v == null || v instanceof Boolean || v instanceof String || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        return OTHER;
    }

    /** Adds one row; values must be {@link #canonical} (so a replay from the store is identical). */
    public void addRow(Map<String, Object> values) {
        rows++;
        values.forEach(this::add);
    }

    /**
     * Adds one row of an inference: the same as {@link #addRow(Map)} of {@link #columns(Map, Map)}, without building
     * that map (one per row was a measurable share of the window profiler's time).
     */
    public void addRow(Map<String, Object> features, Map<String, Object> predictions) {
        rows++;
        RowColumns table = RowColumns.of(features);
        if (table != null && (table == unshadowed || noPredictionColumn(table))) {
            unshadowed = table; // a model's events share their table: checked once, not per value
            features.forEach((name, value) -> add(name, canonical(value)));
        } else {
            features.forEach((name, value) -> {
                if (!shadowed(name, predictions)) {
                    add(name, canonical(value));
                }
            });
        }
        predictions.forEach((name, value) -> add(predictionColumn(name), canonical(value)));
    }

    /**
     * The profiled columns of an inference row, in order: its features, then its predictions under
     * {@value #PREDICTION_PREFIX}name, each value {@link #canonical}. A feature that is itself named
     * {@code prediction:x} when the row has a prediction {@code x} holds the prediction's value (the prediction wins).
     */
    public static Map<String, Object> columns(Map<String, Object> features, Map<String, Object> predictions) {
        Map<String, Object> values = new java.util.LinkedHashMap<>((int) Math.ceil((features.size()
                + predictions.size()) / 0.75));
        features.forEach((n, v) -> values.put(n, canonical(v)));
        predictions.forEach((n, v) -> values.put(predictionColumn(n), canonical(v)));
        return values;
    }

    /** Whether no name of {@code table} is like a prediction's column: its features are never shadowed. */
    public static boolean noPredictionColumn(RowColumns table) {
        for (String name : table.names()) {
            if (name.startsWith(PREDICTION_PREFIX)) {
                return false;
            }
        }
        return true;
    }

    /** Whether feature {@code name} is replaced by a prediction's column of the same name (see {@link #columns}). */
    public static boolean shadowed(String name, Map<String, Object> predictions) {
        return name.startsWith(PREDICTION_PREFIX) && predictions.containsKey(name.substring(PREDICTION_PREFIX.length()));
    }

    /** The column of prediction {@code name}: {@value #PREDICTION_PREFIX}name (the usual few cached, not rebuilt). */
    public static String predictionColumn(String name) {
        String column = PREDICTION_COLUMNS.get(name);
        if (column == null) {
            column = PREDICTION_PREFIX + name;
            if (PREDICTION_COLUMNS.size() < MAX_CACHED_PREDICTION_COLUMNS) { // bounded: names come from payloads
                PREDICTION_COLUMNS.putIfAbsent(name, column);
            }
        }
        return column;
    }

    private static final int MAX_CACHED_PREDICTION_COLUMNS = 4096;
    private static final Map<String, String> PREDICTION_COLUMNS = new java.util.concurrent.ConcurrentHashMap<>();

    private void add(String name, Object value) {
        FeatureProfile p = byName.get(name);
        if (p == null) {
            if (value == null) {
                untypedMissing.merge(name, 1L, Long::sum);
                return;
            }
            p = value instanceof Number ? new NumericProfile(FeatureType.FRACTIONAL)
                    : value instanceof Boolean ? new CategoricalProfile(FeatureType.BOOLEAN)
                    : new CategoricalProfile(FeatureType.STRING);
            Long nulls = untypedMissing.remove(name);
            for (long i = 0; nulls != null && i < nulls; i++) {
                p.update(null);
            }
            put(name, p);
        }
        p.update(value);
    }

    /**
     * Merges {@code other} (same model and window; unchanged) into this partial, in place: rows add up, profiles of
     * the same feature {@link FeatureProfile#merge merge}, and untyped nulls on one side are replayed as missing
     * into the other side's profile. When two tasks typed a feature differently (e.g. the first non-null value was
     * a number in one and a string in the other), the profile with more present values wins (this one on a tie)
     * and every value of the other counts in it as a type mismatch (its nulls as missing), so
     * {@code count == present + missing + type_mismatches} still holds over all rows.
     *
     * @throws IllegalArgumentException when {@code other} is of another model or window
     */
    public PartialWindow mergeFrom(PartialWindow other) {
        if (!model.equals(other.model) || windowStart != other.windowStart || windowEnd != other.windowEnd) {
            throw new IllegalArgumentException("cannot merge the partial of " + other.model + " @ "
                    + other.windowStart + ".." + other.windowEnd + " into " + model + " @ " + windowStart + ".."
                    + windowEnd);
        }
        if (other == this) {
            throw new IllegalArgumentException("cannot merge a partial window into itself");
        }
        rows += other.rows;
        for (Map.Entry<String, FeatureProfile> e : other.profiles.entrySet()) {
            String name = e.getKey();
            FeatureProfile mine = profiles.get(name);
            FeatureProfile theirs = e.getValue();
            if (mine == null) {
                FeatureProfile p = theirs.copy();
                replayNulls(p, untypedMissing.remove(name));
                put(name, p);
            } else if (mine.getClass() == theirs.getClass() && mine.type() == theirs.type()) {
                mine.merge(theirs);
            } else if (theirs.present() > mine.present()) {
                FeatureProfile p = theirs.copy();
                absorbAsMismatches(p, mine);
                put(name, p);
            } else {
                absorbAsMismatches(mine, theirs);
            }
        }
        for (Map.Entry<String, Long> e : other.untypedMissing.entrySet()) {
            FeatureProfile p = profiles.get(e.getKey());
            if (p != null) {
                replayNulls(p, e.getValue());
            } else {
                untypedMissing.merge(e.getKey(), e.getValue(), Long::sum);
            }
        }
        return this;
    }

    private void put(String name, FeatureProfile p) {
        profiles.put(name, p);
        byName.put(name, p);
    }

    private static void replayNulls(FeatureProfile p, Long n) {
        for (long i = 0; n != null && i < n; i++) {
            p.update(null);
        }
    }

    private static void absorbAsMismatches(FeatureProfile into, FeatureProfile loser) {
        replayNulls(into, loser.missing());
        for (long i = 0, n = loser.present() + loser.typeMismatches(); i < n; i++) {
            into.update(OTHER);
        }
    }

    public String model() {
        return model;
    }

    public long windowStart() {
        return windowStart;
    }

    public long windowEnd() {
        return windowEnd;
    }

    public long rows() {
        return rows;
    }

    /** Feature name → profile, names ascending (unmodifiable view). */
    public Map<String, FeatureProfile> profiles() {
        return Collections.unmodifiableMap(profiles);
    }

    public Map<String, Long> untypedMissing() {
        return Collections.unmodifiableMap(untypedMissing);
    }

    /** The binary form of {@code window.partials} values and store snapshots ({@link PartialWindowCodec}). */
    public byte[] toBytes() {
        return PartialWindowCodec.toBytes(this);
    }

    /** @see PartialWindowCodec#fromBytes */
    public static PartialWindow fromBytes(byte[] bytes) {
        return PartialWindowCodec.fromBytes(bytes);
    }
}
