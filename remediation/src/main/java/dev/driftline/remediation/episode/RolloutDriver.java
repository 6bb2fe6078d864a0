package dev.driftline.remediation.episode;

import static dev.driftline.contracts.remediation.EpisodeState.BAKING;
import static dev.driftline.contracts.remediation.EpisodeState.PROMOTED;
import static dev.driftline.contracts.remediation.EpisodeState.ROLLED_BACK;
import static dev.driftline.contracts.remediation.EpisodeState.ROLLING_OUT;

import dev.driftline.contracts.remediation.Episode;
import dev.driftline.remediation.policy.RolloutPolicy;
import dev.driftline.remediation.world.RolloutPlan;
import dev.driftline.remediation.world.RolloutProgress;
import java.util.List;
import java.util.Optional;

/**
 * The guarded rollout: step by step (10 → 50 → 100 % by default), each step settled at the target, then baked while
 * the guardrail judges the canary on its own windows; a breach, a failed or timed-out step rolls back at once to the
 * spec recorded before the first step, so the old model keeps serving.
 *
 * <p>The serving spec is read in the transition into the rollout, before any traffic moves, and stored in the
 * episode: read later (after a crash mid-step) it would already show the candidate.
 */
final class RolloutDriver {
    private RolloutDriver() {
    }

    /** Approved: record the serving spec and enter the first step. */
    static Advance begin(Episode e, StepContext ctx, String decision) {
        String spec = ctx.world().rollout().currentSpec(e.model());
        RolloutPolicy p = ctx.policy().rollout();
        return Transition.to(e, ROLLING_OUT, ctx.now(), decision + "; rolling out to "
                        + ctx.world().rollout().kind() + " in steps " + p.steps() + " %",
                b -> {
                    b.decision = decision;
                    b.previousSpec = spec;
                    b.step = 0;
                },
                d -> {
                    d.put("decision", decision);
                    d.put("percent", p.steps().get(0));
                    d.put("target", ctx.world().rollout().kind());
                });
    }

    static RolloutPlan plan(Episode e, StepContext ctx) {
        return new RolloutPlan(e.id(), e.model(), e.artifact(), ctx.policy().rollout().candidateVersion(e.id()),
                e.previousSpec());
    }

    static Advance advance(Episode e, StepContext ctx) {
        RolloutPolicy p = ctx.policy().rollout();
        RolloutPlan plan = plan(e, ctx);
        Optional<String> breach = CanaryJudge.breach(ctx.canaryWindows(), plan.candidateVersion(), p.guardrail(),
                e.triggeredAt());
        if (breach.isPresent()) {
            return rollBack(e, ctx, plan, "guardrail: " + breach.get());
        }
        List<Integer> steps = p.steps();
        int percent = steps.get(e.step());
        if (e.state() == BAKING) {
            if (ctx.now() - e.stepStartedAt() < p.bake().toMillis()) {
                return Advance.unchanged(e);
            }
            int next = e.step() + 1;
            return Transition.to(e, ROLLING_OUT, ctx.now(), percent + " % baked for " + p.bake()
                            + " without a guardrail breach; next step " + steps.get(next) + " %",
                    b -> b.step = next, d -> d.put("percent", steps.get(next)));
        }
        if (percent >= 100) {
            ctx.world().rollout().promote(plan);
        } else {
            ctx.world().rollout().shift(plan, percent);
        }
        RolloutProgress progress = ctx.world().rollout().progress(plan);
        switch (progress.phase()) {
            case FAILED:
                return rollBack(e, ctx, plan, "step " + percent + " % failed at the target: " + progress.detail());
            case READY:
                if (percent >= 100) {
                    return Transition.to(e, PROMOTED, ctx.now(), "candidate serves 100 %: promoted",
                            b -> { }, d -> d.put("percent", 100));
                }
                return Transition.to(e, BAKING, ctx.now(), "candidate serves " + percent + " %; baking for "
                        + p.bake(), b -> b.stepStartedAt = ctx.now(), d -> d.put("percent", percent));
            default:
                if (ctx.now() - e.updatedAt() > p.settleTimeout().toMillis()) {
                    return rollBack(e, ctx, plan, "step " + percent + " % not ready after " + p.settleTimeout()
                            + ": " + progress.detail());
                }
                return Advance.unchanged(e);
        }
    }

    private static Advance rollBack(Episode e, StepContext ctx, RolloutPlan plan, String why) {
        ctx.world().rollout().rollback(plan, why);
        return Transition.to(e, ROLLED_BACK, ctx.now(), "rolled back: " + why + "; the previous model serves 100 %",
                b -> b.failure = why, d -> {
                    d.put("reason", why);
                    d.put("percent", 0);
                });
    }
}
