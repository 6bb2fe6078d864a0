package dev.driftline.remediation.episode;

import static dev.driftline.contracts.remediation.EpisodeState.AWAITING_APPROVAL;
import static dev.driftline.contracts.remediation.EpisodeState.CANCELLED;
import static dev.driftline.contracts.remediation.EpisodeState.DONE;
import static dev.driftline.contracts.remediation.EpisodeState.EVALUATING;
import static dev.driftline.contracts.remediation.EpisodeState.FAILED;
import static dev.driftline.contracts.remediation.EpisodeState.PREPARING_DATA;
import static dev.driftline.contracts.remediation.EpisodeState.REGISTERED;
import static dev.driftline.contracts.remediation.EpisodeState.REJECTED;
import static dev.driftline.contracts.remediation.EpisodeState.TRAINING;

import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeState;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.remediation.policy.ApprovalPolicy;
import dev.driftline.remediation.world.ApprovalStatus;
import dev.driftline.remediation.world.Candidate;
import dev.driftline.remediation.world.TrainingRequest;
import dev.driftline.remediation.world.TrainingStatus;
import java.util.Map;
import java.util.Optional;

/**
 * Moves one episode one step: at most one transition per call, each after the outside-world calls it needs. Every
 * call is idempotent at the world (names derive from the episode id; the world is described before anything is
 * created), so the service may repeat a step after a crash between the call and the stored transition: it then
 * finds what it created and moves on. The rollout steps are {@link RolloutDriver}'s.
 */
public final class EpisodeDriver {
    private EpisodeDriver() {
    }

    /** The next step of {@code e}; unchanged while it waits (training running, approval pending, bake time). */
    public static Advance advance(Episode e, StepContext ctx) {
        long now = ctx.now();
        return switch (e.state()) {
            case TRIGGERED -> Transition.to(e, PREPARING_DATA, now, "preparing training data ("
                    + ctx.world().data().kind() + ")", b -> { }, d -> d.put("source", ctx.world().data().kind()));
            case PREPARING_DATA -> startTraining(e, ctx);
            case TRAINING -> pollTraining(e, ctx);
            case EVALUATING -> register(e, ctx);
            case REGISTERED -> gate(e, ctx);
            case AWAITING_APPROVAL -> awaitApproval(e, ctx);
            case ROLLING_OUT, BAKING -> RolloutDriver.advance(e, ctx);
            case PROMOTED -> publishBaseline(e, ctx);
            default -> Advance.unchanged(e);
        };
    }

    /** The first event of a new episode (it has no state before TRIGGERED). */
    public static dev.driftline.contracts.remediation.EpisodeEvent triggeredEvent(Episode e) {
        return Transition.triggered(e);
    }

    /** The training run of {@code e} (name and locations derive from the episode id). */
    public static TrainingRequest trainingRequest(Episode e, String dataLocation) {
        return new TrainingRequest(e.id(), e.model(), runName(e.id()), dataLocation, null);
    }

    /**
     * The run name: the episode id in the character set SageMaker allows for job names ({@code [a-zA-Z0-9-]},
     * at most 63), lower-cased so the same episode always gives the same name.
     */
    public static String runName(String episodeId) {
        String s = episodeId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return s.length() <= 63 ? s : s.substring(s.length() - 63);
    }

    private static Advance startTraining(Episode e, StepContext ctx) {
        String location = ctx.world().data().prepare(e.id(), e.model(), e.triggeredAt());
        TrainingRequest request = trainingRequest(e, location);
        String ref = ctx.world().training().start(request);
        return Transition.to(e, TRAINING, ctx.now(), ctx.world().training().kind() + " training " + request.runName()
                        + " started on " + location,
                b -> {
                    b.dataLocation = location;
                    b.trainingJob = request.runName();
                },
                d -> {
                    d.put("data_location", location);
                    d.put("training_job", request.runName());
                    d.put("training_ref", ref);
                    d.put("backend", ctx.world().training().kind());
                });
    }

    private static Advance pollTraining(Episode e, StepContext ctx) {
        TrainingStatus status = ctx.world().training().status(trainingRequest(e, e.dataLocation()));
        switch (status.phase()) {
            case FAILED:
                return Transition.to(e, FAILED, ctx.now(), "training " + e.trainingJob() + " failed: "
                        + status.reason(), b -> b.failure = "training failed: " + status.reason(),
                        d -> d.put("reason", status.reason()));
            case COMPLETED:
                ApprovalPolicy.Decision decision = ctx.policy().approval().decide(status.metrics());
                return Transition.to(e, EVALUATING, ctx.now(), "training " + e.trainingJob() + " completed: "
                                + metricsText(status.metrics()) + "; " + decision.reason(),
                        b -> {
                            b.metrics = status.metrics();
                            b.artifact = status.artifact();
                            b.decision = decision.reason();
                        },
                        d -> {
                            status.metrics().forEach(d.putObject("metrics")::put);
                            d.put("artifact", status.artifact());
                            d.put("verdict", decision.verdict().name().toLowerCase(java.util.Locale.ROOT));
                            d.put("decision", decision.reason());
                        });
            default:
                long timeout = ctx.policy().trainingTimeout().toMillis();
                if (ctx.now() - e.updatedAt() > timeout) {
                    ctx.world().training().stop(trainingRequest(e, e.dataLocation()));
                    return Transition.to(e, FAILED, ctx.now(), "training " + e.trainingJob() + " still running after "
                            + ctx.policy().trainingTimeout() + ": stopped", b -> b.failure = "training timed out",
                            d -> d.put("reason", "timeout"));
                }
                return Advance.unchanged(e);
        }
    }

    private static Advance register(Episode e, StepContext ctx) {
        if (e.artifact() == null) {
            return Transition.to(e, FAILED, ctx.now(), "training reported no model artifact",
                    b -> b.failure = "no model artifact", d -> { });
        }
        String ref = ctx.world().registry().register(new Candidate(e.id(), e.model(), e.artifact(), e.metrics()));
        return Transition.to(e, REGISTERED, ctx.now(), "candidate registered in the " + ctx.world().registry().kind()
                + " registry as " + ref, b -> b.packageRef = ref, d -> d.put("package_ref", ref));
    }

    private static Advance gate(Episode e, StepContext ctx) {
        ApprovalPolicy.Decision decision = ctx.policy().approval().decide(e.metrics());
        switch (decision.verdict()) {
            case APPROVE:
                ctx.world().registry().decide(e.packageRef(), ApprovalStatus.APPROVED, decision.reason());
                return RolloutDriver.begin(e, ctx, decision.reason());
            case REJECT:
                ctx.world().registry().decide(e.packageRef(), ApprovalStatus.REJECTED, decision.reason());
                return Transition.to(e, REJECTED, ctx.now(), decision.reason() + "; nothing deployed",
                        b -> {
                            b.decision = decision.reason();
                            b.failure = decision.reason();
                        }, d -> d.put("decision", decision.reason()));
            default:
                return Transition.to(e, AWAITING_APPROVAL, ctx.now(), decision.reason()
                                + "; approve with `driftline remediation approve " + e.id() + "` or in the registry",
                        b -> b.decision = decision.reason(), d -> d.put("decision", decision.reason()));
        }
    }

    private static Advance awaitApproval(Episode e, StepContext ctx) {
        ApprovalStatus status = ctx.world().registry().status(e.packageRef());
        if (status == ApprovalStatus.APPROVED) {
            return RolloutDriver.begin(e, ctx, "approved in the registry");
        }
        if (status == ApprovalStatus.REJECTED) {
            return Transition.to(e, REJECTED, ctx.now(), "rejected in the registry; nothing deployed",
                    b -> b.failure = b.decision = "rejected in the registry", d -> { });
        }
        if (ctx.now() - e.updatedAt() > ctx.policy().approval().timeout().toMillis()) {
            return Transition.to(e, CANCELLED, ctx.now(), "no approval within " + ctx.policy().approval().timeout(),
                    b -> b.failure = "approval timed out", d -> { });
        }
        return Advance.unchanged(e);
    }

    /** A person's decision ({@code driftline remediation approve|reject}); unchanged unless the episode waits for one. */
    public static Advance decide(Episode e, StepContext ctx, boolean approve, String by, String reason) {
        if (e.state() != AWAITING_APPROVAL) {
            return Advance.unchanged(e);
        }
        String who = (approve ? "approved" : "rejected") + " by " + (by == null ? "an operator" : by)
                + (reason == null || reason.isBlank() ? "" : ": " + reason);
        ctx.world().registry().decide(e.packageRef(), approve ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED,
                who);
        if (approve) {
            return RolloutDriver.begin(e, ctx, who);
        }
        return Transition.to(e, REJECTED, ctx.now(), who + "; nothing deployed",
                b -> b.failure = b.decision = who, d -> d.put("decision", who));
    }

    /**
     * Ends an episode whose step cannot succeed: a candidate that may serve traffic is rolled back first
     * (ROLLED_BACK); one waiting for approval is cancelled; a promoted one is done (the candidate serves); the rest
     * FAILED. The reason is the episode's failure.
     */
    public static Advance fail(Episode e, StepContext ctx, String reason) {
        if (EpisodeTransitions.servingCandidate(e.state())) {
            try {
                ctx.world().rollout().rollback(RolloutDriver.plan(e, ctx), reason);
            } catch (RuntimeException ex) {
                reason = reason + "; the rollback failed too: " + ex.getMessage();
            }
            String why = reason;
            return Transition.to(e, EpisodeState.ROLLED_BACK, ctx.now(), "rolled back: " + why,
                    b -> b.failure = why, d -> d.put("reason", why));
        }
        String why = reason;
        EpisodeState to = e.state() == AWAITING_APPROVAL ? CANCELLED
                : e.state() == EpisodeState.PROMOTED ? DONE : FAILED;
        return Transition.to(e, to, ctx.now(), why, b -> b.failure = why, d -> d.put("reason", why));
    }

    /** Cancels a running episode: stops its training, rolls back its rollout. Unchanged when already over. */
    public static Advance cancel(Episode e, StepContext ctx, String by) {
        if (!EpisodeTransitions.cancellable(e.state())) {
            return Advance.unchanged(e);
        }
        String why = "cancelled by " + (by == null ? "an operator" : by);
        if (e.state() == TRAINING) {
            ctx.world().training().stop(trainingRequest(e, e.dataLocation()));
        }
        if (EpisodeTransitions.servingCandidate(e.state())) {
            ctx.world().rollout().rollback(RolloutDriver.plan(e, ctx), why);
        }
        return Transition.to(e, CANCELLED, ctx.now(), why, b -> b.failure = why, d -> { });
    }

    private static Advance publishBaseline(Episode e, StepContext ctx) {
        Optional<Baseline> fresh;
        String message;
        try {
            fresh = Optional.of(ctx.world().baselines().build(e.model(), e.dataLocation(), ctx.currentBaseline()));
            message = "new baseline from the training data (" + fresh.get().rows() + " rows) published";
        } catch (RuntimeException ex) {
            // the candidate already serves: a missing baseline must not undo the promotion; it is said loudly
            fresh = Optional.empty();
            message = "promoted, but no new baseline: " + ex.getMessage();
        }
        boolean published = fresh.isPresent();
        return Transition.to(e, DONE, ctx.now(), message, b -> { }, d -> d.put("baseline_published", published),
                fresh);
    }

    static String metricsText(Map<String, Double> metrics) {
        StringBuilder s = new StringBuilder();
        metrics.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(ApprovalPolicy.format(v)));
        return s.length() == 0 ? "no metrics" : s.toString();
    }

    static boolean terminalAfter(EpisodeState s) {
        return s.terminal();
    }
}
