package dev.driftline.remediation.policy;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One approval rule: {@code {metric: accuracy, op: ">=", value: 0.95, then: approve}}. A rule that names a metric
 * the candidate has no figure for does not hold.
 *
 * @param metric the training metric (as the trainer named it)
 * @param op     {@code >=}, {@code >}, {@code <=}, {@code <}
 * @param value  the threshold
 * @param then   what it decides when it holds
 */
public record ApprovalRule(String metric, String op, double value, Outcome then) {
    public enum Outcome { APPROVE, REJECT }

    static final Set<String> KEYS = Set.of("metric", "op", "value", "then");
    private static final Set<String> OPS = Set.of(">=", ">", "<=", "<");

    static ApprovalRule from(PolicySection s) {
        s.onlyKeys(KEYS);
        String op = s.requiredText("op");
        if (!OPS.contains(op)) {
            throw s.error("op", "must be one of >=, >, <=, <; got " + op);
        }
        if (!s.has("value")) {
            throw s.error("value", "is required");
        }
        String then = s.requiredText("then").toUpperCase(Locale.ROOT);
        Outcome outcome;
        try {
            outcome = Outcome.valueOf(then);
        } catch (IllegalArgumentException e) {
            throw s.error("then", "must be approve or reject, got " + then.toLowerCase(Locale.ROOT));
        }
        return new ApprovalRule(s.requiredText("metric"), op, s.number("value", 0), outcome);
    }

    /** Whether the rule holds for these metrics; empty when the metric is missing or not a number. */
    public Optional<Boolean> holds(Map<String, Double> metrics) {
        Double v = metrics.get(metric);
        if (v == null || !Double.isFinite(v)) {
            return Optional.empty();
        }
        return Optional.of(switch (op) {
            case ">=" -> v >= value;
            case ">" -> v > value;
            case "<=" -> v <= value;
            default -> v < value;
        });
    }

    @Override
    public String toString() {
        return metric + " " + op + " " + value;
    }
}
