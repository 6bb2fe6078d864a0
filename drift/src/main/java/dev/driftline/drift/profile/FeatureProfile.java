package dev.driftline.drift.profile;

import dev.driftline.drift.model.FeatureType;

/**
 * A mergeable summary of one feature's values over a window or a baseline: the streaming path's replacement for the
 * raw sample.
 *
 * <p>Nothing is dropped silently: every {@link #update(Object)} lands in exactly one of three counters, so
 * {@code count() == present() + missing() + typeMismatches()} always holds and data-quality checks can report them.
 *
 * <p>Profiles are mutable and not thread-safe: {@code update} and {@code merge} change the receiver in place (a
 * streaming aggregate folds thousands of windows; copying sketches on every merge would dominate). {@link #copy()}
 * gives an independent profile. Merging is associative and commutative up to floating-point rounding of the moments
 * and the sketches' own (bounded) randomness.
 */
public sealed interface FeatureProfile permits NumericProfile, CategoricalProfile {

    /** A profile with default settings for a feature of this type. */
    static FeatureProfile forType(FeatureType type) {
        return type.isNumeric() ? new NumericProfile(type) : new CategoricalProfile(type);
    }

    FeatureType type();

    /** Adds one observed value: a null means the feature was absent or null in the record. */
    void update(Object value);

    /**
     * Merges {@code other} into this profile (in place; {@code other} is unchanged) and returns {@code this}.
     *
     * @throws IllegalArgumentException when {@code other} is a different kind of profile or feature type
     */
    FeatureProfile merge(FeatureProfile other);

    /** An independent deep copy. */
    FeatureProfile copy();

    /** Every value offered: present + missing + type mismatches. */
    default long count() {
        return present() + missing() + typeMismatches();
    }

    /** Values accepted into the summary. */
    long present();

    /** Null, absent, blank and NaN values. */
    long missing();

    /** Values of the wrong type for the feature, counted and not summarised. */
    long typeMismatches();

    /** Estimated number of distinct present values (HyperLogLog). */
    double distinctEstimate();
}
