package dev.driftline.drift.dataquality;

import dev.driftline.drift.model.FeatureType;
import java.util.Optional;
import java.util.Set;

/**
 * What a baseline expects of one feature (SageMaker's constraints.json semantics).
 *
 * @param completeness  share of rows that must carry a value (baseline's observed completeness)
 * @param nonNegative   numeric only: the baseline had no negative value
 * @param min           numeric only: smallest baseline value
 * @param max           numeric only: largest baseline value
 * @param domain        categorical only: the baseline's categories (empty when too many to enumerate)
 */
public record FeatureConstraint(String name, FeatureType type, double completeness, boolean nonNegative,
                                Optional<Double> min, Optional<Double> max, Set<String> domain) {
    public FeatureConstraint {
        domain = Set.copyOf(domain);
    }
}
