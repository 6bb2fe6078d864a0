package dev.driftline.drift.dataquality;

import java.util.Map;
import java.util.Optional;

/**
 * What a window (or a file) showed for one feature, as needed by the checks.
 *
 * @param present        values of the expected type
 * @param mismatches     values of another type
 * @param categoryCounts categorical only: counts per category (empty for numeric features)
 */
public record ObservedFeature(String name, long present, long missing, long mismatches, Optional<Double> min,
                              Optional<Double> max, Map<String, Long> categoryCounts) {
    public ObservedFeature {
        categoryCounts = Map.copyOf(categoryCounts);
    }

    public long rows() {
        return present + missing + mismatches;
    }
}
