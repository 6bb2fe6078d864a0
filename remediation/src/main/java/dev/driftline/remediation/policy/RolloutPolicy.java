package dev.driftline.remediation.policy;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How a candidate reaches its traffic (policy keys under {@code rollout}, besides the target's own section).
 *
 * @param target           {@code kserve}, {@code sagemaker-endpoint} or {@code webhook} ({@code target}, default webhook)
 * @param steps            the candidate's traffic share per step, ending at 100 ({@code steps}, default 10, 50, 100)
 * @param bake             how long each step below 100 runs before the next ({@code bake}, default 10m)
 * @param settleTimeout    how long a step may take to become ready before the rollout is rolled back
 *                         ({@code settle-timeout}, default 30m)
 * @param candidateVersion the version the candidate's traffic reports (V2 {@code model_version}, SageMaker
 *                         variant); {@code ${episode}} is replaced by the episode id ({@code candidate-version},
 *                         default {@code ${episode}})
 * @param guardrail        how the canary is judged on its own windows
 */
public record RolloutPolicy(String target, List<Integer> steps, Duration bake, Duration settleTimeout,
                            String candidateVersion, Guardrail guardrail) {
    static final Set<String> KEYS = Set.of("target", "steps", "bake", "settle-timeout", "candidate-version",
            "guardrail", "kserve", "sagemaker-endpoint", "webhook");
    public static final Set<String> TARGETS = Set.of("kserve", "sagemaker-endpoint", "webhook");

    /**
     * The guardrail (keys under {@code rollout.guardrail}): during a step, every model-quality window that has both
     * the candidate's and the stable version's traffic is compared; a breach rolls back at once.
     *
     * @param maxAccuracyDrop the candidate's accuracy may be at most this much below the stable version's in the
     *                        same window ({@code max-accuracy-drop}, default 0.05)
     * @param maxRmseIncrease its RMSE at most this fraction above ({@code max-rmse-increase}, default 0.2)
     * @param minRows         windows with fewer labelled candidate rows are not judged ({@code min-rows}, default 30)
     * @param degradedBreaches a candidate window the pipeline itself judged {@code degraded} is a breach
     *                        ({@code degraded-breaches}, default true)
     */
    public record Guardrail(double maxAccuracyDrop, double maxRmseIncrease, int minRows, boolean degradedBreaches) {
        static final Set<String> KEYS = Set.of("max-accuracy-drop", "max-rmse-increase", "min-rows",
                "degraded-breaches");
        public static final Guardrail DEFAULT = new Guardrail(0.05, 0.2, 30, true);

        static Guardrail from(PolicySection s) {
            s.onlyKeys(KEYS);
            return new Guardrail(s.number("max-accuracy-drop", DEFAULT.maxAccuracyDrop),
                    s.number("max-rmse-increase", DEFAULT.maxRmseIncrease), s.integer("min-rows", DEFAULT.minRows),
                    s.bool("degraded-breaches", DEFAULT.degradedBreaches));
        }
    }

    public static final RolloutPolicy DEFAULT = new RolloutPolicy("webhook", List.of(10, 50, 100),
            Duration.ofMinutes(10), Duration.ofMinutes(30), "${episode}", Guardrail.DEFAULT);

    static RolloutPolicy from(PolicySection s) {
        s.onlyKeys(KEYS);
        String target = s.text("target", DEFAULT.target);
        if (!TARGETS.contains(target)) {
            throw s.error("target", "must be one of " + TARGETS.stream().sorted().toList() + ", got " + target);
        }
        List<Integer> steps = s.intList("steps", DEFAULT.steps);
        if (steps.isEmpty() || steps.get(steps.size() - 1) != 100) {
            throw s.error("steps", "must end at 100 (the candidate's final share), got " + steps);
        }
        int prev = 0;
        for (int p : steps) {
            if (p <= prev || p > 100) {
                throw s.error("steps", "must rise strictly within 1..100, got " + steps);
            }
            prev = p;
        }
        return new RolloutPolicy(target, steps, s.duration("bake", DEFAULT.bake),
                s.duration("settle-timeout", DEFAULT.settleTimeout),
                s.text("candidate-version", DEFAULT.candidateVersion), Guardrail.from(s.section("guardrail")));
    }

    public String candidateVersion(String episodeId) {
        return candidateVersion.replace("${episode}", episodeId);
    }
}
