package dev.driftline.collector.privacy;

import java.util.Set;

/**
 * What to remove from one model's request payloads before they are stored anywhere.
 *
 * @param drop input names removed entirely
 * @param hash input names whose values are replaced by a keyed hash (equal inputs still compare equal,
 *             so category frequencies and drift on them keep working, but the raw value is gone)
 */
public record RedactionRule(Set<String> drop, Set<String> hash) {
    public RedactionRule {
        drop = Set.copyOf(drop);
        hash = Set.copyOf(hash);
        for (String name : drop) {
            if (hash.contains(name)) {
                throw new IllegalArgumentException("input '" + name + "' is listed under both drop and hash");
            }
        }
    }

    public boolean isEmpty() {
        return drop.isEmpty() && hash.isEmpty();
    }

    public boolean touches(String inputName) {
        return drop.contains(inputName) || hash.contains(inputName);
    }
}
