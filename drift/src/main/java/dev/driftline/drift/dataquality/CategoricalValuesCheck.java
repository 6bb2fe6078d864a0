package dev.driftline.drift.dataquality;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * SageMaker's {@code categorical_values_check}: values of a categorical column outside the baseline's domain.
 *
 * <p>Real categorical inputs have a long tail that a training sample never fully sees, so "any unseen value" cries
 * wolf (2 rows in 16,000). By default ({@link MonitoringConfig.CategoricalValues#EXPECTED_UNSEEN}) a window is reported
 * only when its unseen share is above {@link MonitoringConfig#unseenFloor()} <em>and</em> significantly above the share
 * the baseline expects to be unseen ({@link FeatureConstraint#expectedUnseenShare()}): a one-sided binomial test of
 * the unseen count among the window's values, p-value below {@link MonitoringConfig#unseenSignificance()}.
 * {@link MonitoringConfig.CategoricalValues#STRICT} keeps SageMaker's rule (share inside the domain below
 * {@code domain_content_threshold}).
 *
 * <p>The violation's details: {@code values}, {@code unseen}, {@code share}, {@code expected_share},
 * {@code floor}, {@code p_value} (expected-unseen mode) and {@code top_values} [{value, count}] (most frequent first).
 */
final class CategoricalValuesCheck {
    static final String TYPE = "categorical_values_check";
    /** Unseen values named in the description and details. */
    static final int TOP = 5;

    private CategoricalValuesCheck() {
    }

    static Optional<Violation> check(FeatureConstraint c, Map<String, Long> counts, MonitoringConfig config) {
        long values = 0;
        long unseen = 0;
        List<Map.Entry<String, Long>> unknown = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            values += e.getValue();
            if (!c.domain().contains(e.getKey())) {
                unseen += e.getValue();
                unknown.add(e);
            }
        }
        if (values == 0 || unseen == 0) {
            return Optional.empty();
        }
        unknown.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        double share = (double) unseen / values;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("values", values);
        details.put("unseen", unseen);
        details.put("share", share);
        String top = top(unknown);
        if (config.categoricalValues() == MonitoringConfig.CategoricalValues.STRICT) {
            if (1 - share >= config.domainContentThreshold()) {
                return Optional.empty();
            }
            details.put("top_values", topValues(unknown));
            return Optional.of(new Violation(c.name(), TYPE, String.format(Locale.ROOT,
                    "Categorical values requirement is not met. Expected match: %s%%. Observed: Only %s%% of data "
                            + "is within the baseline domain; new values include %s.",
                    DataQualityChecks.pct(config.domainContentThreshold()), DataQualityChecks.pct(1 - share), top),
                    details));
        }
        double expected = Double.isNaN(c.expectedUnseenShare()) ? 0 : c.expectedUnseenShare();
        double pValue = pValue(values, unseen, expected);
        if (share <= config.unseenFloor() || share <= expected || pValue >= config.unseenSignificance()) {
            return Optional.empty();
        }
        details.put("expected_share", expected);
        details.put("floor", config.unseenFloor());
        details.put("p_value", pValue);
        details.put("top_values", topValues(unknown));
        return Optional.of(new Violation(c.name(), TYPE, String.format(Locale.ROOT,
                "Categorical values requirement is not met. %s of values (%d of %d) are outside the baseline domain, "
                        + "significantly more than the %s the training sample leaves unseen (p = %.2g; floor %s); new "
                        + "values include %s.", percent(share), unseen, values, percent(expected), pValue,
                percent(config.unseenFloor()), top), details));
    }

    /** P(X ≥ unseen) for X ~ Binomial(values, expected): how surprising this many unseen values are. */
    static double pValue(long values, long unseen, double expected) {
        if (expected <= 0) {
            return unseen > 0 ? 0 : 1;
        }
        if (expected >= 1 || values > Integer.MAX_VALUE) {
            return expected >= 1 ? 1 : normalTail(values, unseen, expected);
        }
        return BinomialDistribution.of((int) values, expected).survivalProbability((int) unseen - 1);
    }

    /** Normal approximation for windows beyond int range (the binomial is then very close to normal). */
    private static double normalTail(long n, long k, double p) {
        double sd = Math.sqrt(n * p * (1 - p));
        return org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1)
                .survivalProbability((k - 0.5 - n * p) / sd);
    }

    private static List<Map<String, Object>> topValues(List<Map.Entry<String, Long>> unknown) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : unknown.subList(0, Math.min(TOP, unknown.size()))) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("value", e.getKey());
            v.put("count", e.getValue());
            out.add(v);
        }
        return out;
    }

    private static String top(List<Map.Entry<String, Long>> unknown) {
        List<String> shown = new ArrayList<>();
        for (Map.Entry<String, Long> e : unknown.subList(0, Math.min(TOP, unknown.size()))) {
            shown.add(e.getKey() + " (" + e.getValue() + ")");
        }
        return shown + (unknown.size() > TOP ? " and " + (unknown.size() - TOP) + " more" : "");
    }

    /** A share as a percentage with two significant digits, so 0.013 % does not read as 0.0 %. */
    static String percent(double share) {
        double pct = share * 100;
        if (pct == 0) {
            return "0%";
        }
        return new java.math.BigDecimal(pct).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString()
                + "%";
    }
}
