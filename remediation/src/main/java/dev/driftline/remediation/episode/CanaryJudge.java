package dev.driftline.remediation.episode;

import dev.driftline.remediation.policy.RolloutPolicy;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rollout guardrail: the canary judged on its own traffic. For every window in which both the candidate's and
 * the stable version's model quality are known, the candidate may not be worse than the stable version by more than
 * the policy allows; a window the pipeline judged {@code degraded} for the candidate is a breach too. Windows with
 * too few labelled candidate rows are not judged (a handful of labels must not roll back a good model).
 */
public final class CanaryJudge {
    private CanaryJudge() {
    }

    /**
     * The first breach, in words, among {@code windows} ending after {@code since}; empty when none.
     *
     * @param candidateVersion the version the candidate's traffic reports
     */
    public static Optional<String> breach(List<VersionWindow> windows, String candidateVersion,
                                          RolloutPolicy.Guardrail g, long since) {
        for (VersionWindow c : windows) {
            if (!c.version().equals(candidateVersion) || c.windowEnd() <= since || c.rows() < g.minRows()) {
                continue;
            }
            if (g.degradedBreaches() && "degraded".equals(c.status())) {
                return Optional.of(String.format(Locale.ROOT,
                        "candidate %s degraded in window %s: %s %.4f on %d labelled rows", c.version(),
                        java.time.Instant.ofEpochMilli(c.windowStart()), c.metric(), c.value(), c.rows()));
            }
            for (VersionWindow s : windows) {
                if (s.version().equals(candidateVersion) || s.windowStart() != c.windowStart()
                        || !s.metric().equals(c.metric()) || !Double.isFinite(s.value())
                        || !Double.isFinite(c.value())) {
                    continue;
                }
                Optional<String> b = compare(c, s, g);
                if (b.isPresent()) {
                    return b;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> compare(VersionWindow c, VersionWindow s, RolloutPolicy.Guardrail g) {
        boolean rmse = c.metric().toLowerCase(Locale.ROOT).contains("rmse")
                || c.metric().toLowerCase(Locale.ROOT).contains("mae");
        boolean worse = rmse ? c.value() > s.value() * (1 + g.maxRmseIncrease())
                : c.value() < s.value() - g.maxAccuracyDrop();
        if (!worse) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT,
                "candidate %s %s %.4f vs stable %s %.4f in window %s (%d vs %d labelled rows; allowed %s %s)",
                c.version(), c.metric(), c.value(), s.version(), s.value(),
                java.time.Instant.ofEpochMilli(c.windowStart()), c.rows(), s.rows(),
                rmse ? "increase" : "drop", rmse ? g.maxRmseIncrease() : g.maxAccuracyDrop()));
    }
}
