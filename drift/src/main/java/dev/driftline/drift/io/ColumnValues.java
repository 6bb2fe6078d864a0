package dev.driftline.drift.io;

import dev.driftline.drift.model.FeatureType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One column's present values, typed, with the missing and type-mismatched cells counted (never dropped
 * silently). Numeric columns keep doubles; categorical ones keep labels.
 */
public record ColumnValues(String name, FeatureType type, double[] numbers, List<String> categories, long missing,
                           long typeMismatches) {

    public long present() {
        return type.isNumeric() ? numbers.length : categories.size();
    }

    public static ColumnValues of(String name, FeatureType type, List<Object> cells) {
        long missing = 0;
        long mismatches = 0;
        if (type.isNumeric()) {
            double[] out = new double[cells.size()];
            int n = 0;
            for (Object c : cells) {
                if (Cells.isMissing(c)) {
                    missing++;
                    continue;
                }
                Double d = Cells.asNumber(c);
                if (d == null || (type == FeatureType.INTEGRAL && !Cells.isIntegral(c) && d != Math.rint(d))) {
                    mismatches++;
                    continue;
                }
                out[n++] = d;
            }
            return new ColumnValues(name, type, Arrays.copyOf(out, n), List.of(), missing, mismatches);
        }
        List<String> labels = new ArrayList<>(cells.size());
        for (Object c : cells) {
            if (Cells.isMissing(c)) {
                missing++;
                continue;
            }
            String label = type == FeatureType.BOOLEAN ? booleanLabel(c) : Cells.asCategory(c);
            if (label == null) {
                mismatches++;
                continue;
            }
            labels.add(label);
        }
        return new ColumnValues(name, type, new double[0], List.copyOf(labels), missing, mismatches);
    }

    private static String booleanLabel(Object c) {
        Boolean b = Cells.asBoolean(c);
        return b == null ? null : b.toString();
    }
}
