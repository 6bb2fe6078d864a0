package dev.driftline.drift.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ordered features of one model. Order matters because CSV and KServe "instances" rows carry features by position;
 * names matter because JSON objects carry them by name. Names are unique.
 */
public final class FeatureSchema {
    private final List<FeatureSpec> features;
    private final Map<String, Integer> indexByName;

    public FeatureSchema(List<FeatureSpec> features) {
        Objects.requireNonNull(features, "features");
        this.features = List.copyOf(features);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < this.features.size(); i++) {
            String name = this.features.get(i).name();
            if (index.putIfAbsent(name, i) != null) {
                throw new IllegalArgumentException("duplicate feature name '" + name + "'");
            }
        }
        this.indexByName = Collections.unmodifiableMap(index);
    }

    public static FeatureSchema of(FeatureSpec... features) {
        return new FeatureSchema(List.of(features));
    }

    /**
     * A schema for headerless rows: feature i is named {@code _c<i>}, the names SageMaker Model Monitor gives to
     * headerless CSV columns, so our statistics line up with a SageMaker baseline of the same data.
     */
    public static FeatureSchema positional(List<FeatureType> types) {
        List<FeatureSpec> specs = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            specs.add(new FeatureSpec(positionalName(i), types.get(i)));
        }
        return new FeatureSchema(specs);
    }

    /** The name of the feature at {@code index} in a headerless row: {@code _c0}, {@code _c1}, … */
    public static String positionalName(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative feature index " + index);
        }
        return "_c" + index;
    }

    /** The features in order (immutable). */
    public List<FeatureSpec> features() {
        return features;
    }

    /** The feature names in order. */
    public List<String> names() {
        return features.stream().map(FeatureSpec::name).toList();
    }

    public int size() {
        return features.size();
    }

    /** The feature at a position. */
    public FeatureSpec get(int index) {
        return features.get(index);
    }

    /** The feature with that name, if any. */
    public Optional<FeatureSpec> find(String name) {
        Integer i = indexByName.get(name);
        return i == null ? Optional.empty() : Optional.of(features.get(i));
    }

    /** Position of the named feature, or −1. */
    public int indexOf(String name) {
        return indexByName.getOrDefault(name, -1);
    }

    /**
     * Names the values of a positional row by this schema ({@code values[i]} → feature i). Rows with the wrong
     * length are refused: silently shifting or dropping columns would profile values under the wrong feature.
     */
    public Map<String, Object> nameRow(List<?> values) {
        if (values.size() != features.size()) {
            throw new IllegalArgumentException(
                    "row has " + values.size() + " values, schema has " + features.size() + " features");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            row.put(features.get(i).name(), values.get(i));
        }
        return row;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSchema other && features.equals(other.features);
    }

    @Override
    public int hashCode() {
        return features.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureSchema" + features;
    }
}
