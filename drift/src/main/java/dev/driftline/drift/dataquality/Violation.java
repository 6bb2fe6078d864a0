package dev.driftline.drift.dataquality;

/**
 * A failed data-quality or drift check, in SageMaker Model Monitor's shape ({@code constraint_violations.json}):
 * the feature, the check type ({@code data_type_check}, {@code completeness_check}, {@code baseline_drift_check},
 * {@code missing_column_check}, {@code extra_column_check}, {@code categorical_values_check}, and ours:
 * {@code non_negative_check}, {@code baseline_range_check}) and a sentence for people.
 */
public record Violation(String featureName, String constraintCheckType, String description) {
}
