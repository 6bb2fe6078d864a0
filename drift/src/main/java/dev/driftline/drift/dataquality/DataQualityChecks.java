package dev.driftline.drift.dataquality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * SageMaker Model Monitor's data-quality checks with its names and semantics ({@code data_type_check},
 * {@code completeness_check}, {@code missing_column_check}, {@code extra_column_check},
 * {@code categorical_values_check}, the latter judged by size by default: {@link CategoricalValuesCheck}) plus
 * {@code non_negative_check} and {@code baseline_range_check}.
 * Each failure is a {@link Violation} with a sentence a person can act on.
 */
public final class DataQualityChecks {
    private final MonitoringConfig config;

    public DataQualityChecks(MonitoringConfig config) {
        this.config = config;
    }

    public List<Violation> check(Map<String, FeatureConstraint> baseline, Map<String, ObservedFeature> observed) {
        List<Violation> out = new ArrayList<>();
        Set<String> missing = new TreeSet<>(baseline.keySet());
        missing.removeAll(observed.keySet());
        for (String name : missing) {
            out.add(new Violation(name, "missing_column_check", "There are missing columns in current dataset. "
                    + "Column '" + name + "' of the baseline is absent. Number of columns in current dataset: "
                    + observed.size() + ", Number of columns in baseline constraints: " + baseline.size() + "."));
        }
        Set<String> extra = new TreeSet<>(observed.keySet());
        extra.removeAll(baseline.keySet());
        for (String name : extra) {
            out.add(new Violation(name, "extra_column_check", "There are extra columns in current dataset. Column '"
                    + name + "' is not in the baseline. Number of columns in current dataset: " + observed.size()
                    + ", Number of columns in baseline constraints: " + baseline.size() + "."));
        }
        for (Map.Entry<String, FeatureConstraint> e : baseline.entrySet()) {
            ObservedFeature o = observed.get(e.getKey());
            if (o != null && o.rows() > 0) {
                checkFeature(e.getValue(), o, out);
            }
        }
        return out;
    }

    private void checkFeature(FeatureConstraint c, ObservedFeature o, List<Violation> out) {
        long typed = o.present() + o.mismatches();
        if (typed > 0) {
            double match = (double) o.present() / typed;
            if (match < config.datatypeCheckThreshold()) {
                out.add(new Violation(c.name(), "data_type_check", String.format(Locale.ROOT,
                        "Data type match requirement is not met. Expected data type: %s, Expected match: %s%%. "
                                + "Observed: Only %s%% of data is %s.", c.type().sageMakerName(),
                        pct(config.datatypeCheckThreshold()), pct(match), c.type().sageMakerName())));
            }
        }
        double completeness = (double) (o.present() + o.mismatches()) / o.rows();
        if (completeness < c.completeness() - 1e-12) {
            out.add(new Violation(c.name(), "completeness_check", String.format(Locale.ROOT,
                    "Data completeness requirement is not met. Expected completeness: %s%%, Observed completeness: "
                            + "%s%%.", pct(c.completeness()), pct(completeness))));
        }
        if (c.type().isNumeric()) {
            if (c.nonNegative() && o.min().isPresent() && o.min().get() < 0) {
                out.add(new Violation(c.name(), "non_negative_check", String.format(Locale.ROOT,
                        "The baseline has only non-negative values, but the current data has a minimum of %s.",
                        num(o.min().get()))));
            }
            // A window's extremes exceed a large baseline's now and then by chance; only values beyond the range
            // widened by a margin (a share of its width) are reported, or the check would cry wolf.
            double margin = c.min().isPresent() && c.max().isPresent()
                    ? config.rangeMargin() * (c.max().get() - c.min().get()) : 0;
            boolean below = c.min().isPresent() && o.min().isPresent() && o.min().get() < c.min().get() - margin;
            boolean above = c.max().isPresent() && o.max().isPresent() && o.max().get() > c.max().get() + margin;
            if (below || above) {
                out.add(new Violation(c.name(), "baseline_range_check", String.format(Locale.ROOT,
                        "Values outside the baseline range [%s, %s] (with a margin of %s): current minimum %s, maximum %s.",
                        num(c.min().orElse(Double.NaN)), num(c.max().orElse(Double.NaN)), num(margin),
                        num(o.min().orElse(Double.NaN)), num(o.max().orElse(Double.NaN)))));
            }
        } else if (!c.domain().isEmpty() && !o.categoryCounts().isEmpty()) {
            CategoricalValuesCheck.check(c, o.categoryCounts(), config).ifPresent(out::add);
        }
    }

    static String pct(double share) {
        return new java.math.BigDecimal(share * 100).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * A number for a description: whole numbers without a fraction, others to 12 significant digits, so that a
     * computed figure (the margin is a share of the range's width) reads 140.2, not 140.20000000000002.
     */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(12)).stripTrailingZeros().toString();
    }
}
