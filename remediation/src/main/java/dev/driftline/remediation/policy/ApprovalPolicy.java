package dev.driftline.remediation.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry gate's rules (policy keys under {@code approval}). The default is what ML teams already write:
 * approve when accuracy ≥ 0.95, reject when accuracy &lt; 0.85, anything between waits for a person.
 * <ul>
 * <li>a {@code reject} rule that holds rejects;</li>
 * <li>{@code beat-serving: [accuracy]}: the candidate must do better than the serving model on the same holdout
 *     (the trainer reports it as {@code serving_accuracy}); worse or equal rejects, a missing figure waits;</li>
 * <li>otherwise every {@code approve} rule must hold to approve; else pending manual approval.</li>
 * </ul>
 *
 * @param rules       the rules
 * @param beatServing metrics the candidate must beat the serving model on ({@code serving_<metric>});
 *                    for a metric where lower is better (rmse, mae, log loss, error) lower must win
 * @param timeout     how long an episode waits for a person before it is cancelled ({@code timeout}, default 7d)
 */
public record ApprovalPolicy(List<ApprovalRule> rules, List<String> beatServing, java.time.Duration timeout) {
    static final Set<String> KEYS = Set.of("rules", "beat-serving", "timeout");

    public static final ApprovalPolicy DEFAULT = new ApprovalPolicy(List.of(
            new ApprovalRule("accuracy", ">=", 0.95, ApprovalRule.Outcome.APPROVE),
            new ApprovalRule("accuracy", "<", 0.85, ApprovalRule.Outcome.REJECT)), List.of(),
            java.time.Duration.ofDays(7));

    public enum Verdict { APPROVE, REJECT, PENDING }

    /** What the rules decide, and why in words. */
    public record Decision(Verdict verdict, String reason) {
    }

    static ApprovalPolicy from(PolicySection s) {
        s.onlyKeys(KEYS);
        List<ApprovalRule> rules = s.has("rules")
                ? s.sectionList("rules").stream().map(ApprovalRule::from).toList() : DEFAULT.rules;
        return new ApprovalPolicy(rules, s.textList("beat-serving", List.of()), s.duration("timeout", DEFAULT.timeout));
    }

    public Decision decide(Map<String, Double> metrics) {
        for (ApprovalRule r : rules) {
            if (r.then() == ApprovalRule.Outcome.REJECT && r.holds(metrics).orElse(false)) {
                return new Decision(Verdict.REJECT, "rejected: " + describe(r, metrics));
            }
        }
        for (String m : beatServing) {
            Double candidate = metrics.get(m);
            Double serving = metrics.get("serving_" + m);
            if (candidate == null || serving == null) {
                return new Decision(Verdict.PENDING, "pending: no " + m + " of the "
                        + (candidate == null ? "candidate" : "serving model") + " on the holdout to compare");
            }
            boolean better = lowerIsBetter(m) ? candidate < serving : candidate > serving;
            if (!better) {
                return new Decision(Verdict.REJECT, "rejected: " + m + " " + fmt(candidate)
                        + " does not beat the serving model's " + fmt(serving) + " on the same holdout");
            }
        }
        List<String> held = new ArrayList<>();
        boolean anyApprove = false;
        for (ApprovalRule r : rules) {
            if (r.then() != ApprovalRule.Outcome.APPROVE) {
                continue;
            }
            anyApprove = true;
            Optional<Boolean> h = r.holds(metrics);
            if (h.isEmpty()) {
                return new Decision(Verdict.PENDING, "pending manual approval: no " + r.metric()
                        + " among the candidate's metrics " + metrics.keySet());
            }
            if (!h.get()) {
                return new Decision(Verdict.PENDING, "pending manual approval: " + describe(r, metrics)
                        + " does not hold, no reject rule holds");
            }
            held.add(describe(r, metrics));
        }
        if (!anyApprove) {
            return new Decision(Verdict.PENDING, "pending manual approval: no approve rule");
        }
        return new Decision(Verdict.APPROVE, "approved: " + String.join(", ", held));
    }

    private static String describe(ApprovalRule r, Map<String, Double> metrics) {
        return r.metric() + " " + fmt(metrics.get(r.metric())) + " " + r.op() + " " + fmt(r.value());
    }

    private static boolean lowerIsBetter(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        return m.contains("rmse") || m.contains("mae") || m.contains("mse") || m.contains("loss")
                || m.contains("error");
    }

    private static String fmt(Double v) {
        return v == null ? "none" : format(v);
    }

    /** A figure in 4 significant digits without trailing zeros ({@code 0.96}, {@code 0.9512}, {@code 12.5}). */
    public static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
