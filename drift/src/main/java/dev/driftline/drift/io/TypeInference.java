package dev.driftline.drift.io;

import dev.driftline.drift.model.FeatureType;
import java.util.List;

/**
 * Infers a column's feature type from its values: {@link FeatureType#BOOLEAN} when every present value is a
 * boolean; numeric when at least {@link #NUMERIC_SHARE} of present values are numbers ({@link FeatureType#INTEGRAL}
 * if all of those are integers, else {@link FeatureType#FRACTIONAL}; the other values then count as type
 * mismatches, which the data-quality checks report); {@link FeatureType#STRING} otherwise. Missing markers
 * ({@link Cells#MISSING_MARKERS}) are ignored. Override with explicit types when a numeric code is really a category.
 */
public final class TypeInference {
    /** Share of numeric values above which a column is numeric despite a few stray strings. */
    public static final double NUMERIC_SHARE = 0.95;

    private TypeInference() {
    }

    public static FeatureType infer(List<Object> cells) {
        long present = 0;
        long numbers = 0;
        long integers = 0;
        long booleans = 0;
        for (Object c : cells) {
            if (Cells.isMissing(c)) {
                continue;
            }
            present++;
            if (Cells.asBoolean(c) != null) {
                booleans++;
            } else if (Cells.asNumber(c) != null) {
                numbers++;
                if (Cells.isIntegral(c)) {
                    integers++;
                }
            }
        }
        if (present == 0) {
            return FeatureType.STRING; // nothing to go by; a column of only missing values compares as categories
        }
        if (booleans == present) {
            return FeatureType.BOOLEAN;
        }
        if (numbers >= NUMERIC_SHARE * present) {
            return integers == numbers ? FeatureType.INTEGRAL : FeatureType.FRACTIONAL;
        }
        return FeatureType.STRING;
    }
}
