package dev.driftline.drift.dataquality;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failed data-quality or drift check, in SageMaker Model Monitor's shape ({@code constraint_violations.json}):
 * the feature, the check type ({@code data_type_check}, {@code completeness_check}, {@code baseline_drift_check},
 * {@code missing_column_check}, {@code extra_column_check}, {@code categorical_values_check}, and ours:
 * {@code non_negative_check}, {@code baseline_range_check}) and a sentence for people; plus, where a check has
 * figures worth reading by tools, its {@code details} (JSON-ready: numbers, strings, lists and maps of them, in
 * order; empty for most checks). SageMaker's file has no details; driftline's reports and alerts carry them.
 */
public record Violation(String featureName, String constraintCheckType, String description,
                        Map<String, Object> details) {
    public Violation {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A violation without details. */
    public Violation(String featureName, String constraintCheckType, String description) {
        this(featureName, constraintCheckType, description, Map.of());
    }
}
