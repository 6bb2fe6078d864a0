package dev.driftline.drift.dataquality;

import dev.driftline.drift.model.FeatureType;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a baseline expects of one feature (SageMaker's constraints.json semantics, plus the expected unseen share).
 *
 * @param completeness        share of rows that must carry a value (baseline's observed completeness)
 * @param nonNegative         numeric only: the baseline had no negative value
 * @param min                 numeric only: smallest baseline value
 * @param max                 numeric only: largest baseline value
 * @param domain              categorical only: the baseline's categories (empty when too many to enumerate)
 * @param expectedUnseenShare categorical only: the share of production values expected to carry a category the
 *                            training sample did not have ({@link #goodTuring}); NaN when unknown (then 0 is assumed)
 */
public record FeatureConstraint(String name, FeatureType type, double completeness, boolean nonNegative,
                                Optional<Double> min, Optional<Double> max, Set<String> domain,
                                double expectedUnseenShare) {
    public FeatureConstraint {
        domain = Set.copyOf(domain);
        if (!Double.isNaN(expectedUnseenShare) && (expectedUnseenShare < 0 || expectedUnseenShare > 1)) {
            throw new IllegalArgumentException("expected unseen share of " + name + " must be in [0, 1], not "
                    + expectedUnseenShare);
        }
    }

    /** A constraint whose expected unseen share is unknown (numeric features; tests). */
    public FeatureConstraint(String name, FeatureType type, double completeness, boolean nonNegative,
                             Optional<Double> min, Optional<Double> max, Set<String> domain) {
        this(name, type, completeness, nonNegative, min, max, domain, Double.NaN);
    }

    /**
     * The Good–Turing estimate of the probability mass of categories a sample of this size did not see: the number of
     * categories seen exactly once divided by the number of values. A long-tailed column (many singletons) expects
     * new categories in production; a column whose every category was seen many times does not. NaN without values.
     */
    public static double goodTuring(Map<String, Long> frequencies) {
        long values = 0;
        long singletons = 0;
        for (long n : frequencies.values()) {
            values += n;
            if (n == 1) {
                singletons++;
            }
        }
        return values == 0 ? Double.NaN : (double) singletons / values;
    }
}
