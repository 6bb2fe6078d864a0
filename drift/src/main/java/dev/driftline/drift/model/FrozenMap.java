package dev.driftline.drift.model;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A read-only, insertion-ordered map over a freshly built {@link LinkedHashMap} that its builder hands over and never
 * touches again: a type of its own, so that whoever is given one knows it cannot change and keeps it without a copy
 * (records built from records, an event's attributes decoded once). Unlike {@link Map#copyOf} it keeps null values.
 */
public final class FrozenMap<K, V> extends AbstractMap<K, V> {
    private final Map<K, V> map;

    private FrozenMap(LinkedHashMap<K, V> fresh) {
        this.map = Collections.unmodifiableMap(fresh);
    }

    /** {@code fresh}, handed over: the caller built it and never touches it again. */
    public static <K, V> FrozenMap<K, V> handOver(LinkedHashMap<K, V> fresh) {
        return new FrozenMap<>(fresh);
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return map.entrySet();
    }

    @Override
    public V get(Object key) {
        return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public Set<K> keySet() {
        return map.keySet();
    }

    @Override
    public Collection<V> values() {
        return map.values();
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        map.forEach(action);
    }
}
