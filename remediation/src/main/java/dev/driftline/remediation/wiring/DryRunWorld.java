package dev.driftline.remediation.wiring;

import dev.driftline.remediation.episode.ModelWorld;
import dev.driftline.remediation.world.ApprovalStatus;
import dev.driftline.remediation.world.Candidate;
import dev.driftline.remediation.world.ModelRegistry;
import dev.driftline.remediation.world.Notifier;
import dev.driftline.remediation.world.RolloutPlan;
import dev.driftline.remediation.world.RolloutProgress;
import dev.driftline.remediation.world.RolloutTarget;
import dev.driftline.remediation.world.TrainingBackend;
import dev.driftline.remediation.world.TrainingDataSource;
import dev.driftline.remediation.world.TrainingRequest;
import dev.driftline.remediation.world.TrainingStatus;
import java.io.PrintStream;
import java.util.Map;

/**
 * A model's world for the dry run: reads reach the real systems (the adapters still describe before they create),
 * everything that would change the world is printed instead. AWS calls are stopped at the SDK with their exact
 * request ({@link DryRunInterceptor}); local actions (exporting data, running a trainer, writing the local registry,
 * patching or posting a rollout step, notifying) are printed here. Training is taken as completed without metrics,
 * so the dry run shows the calls up to the registry gate and stops there, waiting for approval.
 */
public final class DryRunWorld {
    private DryRunWorld() {
    }

    public static ModelWorld wrap(ModelWorld real, PrintStream out) {
        return new ModelWorld(data(real.data(), out), training(real.training(), out), registry(real.registry(), out),
                rollout(real.rollout(), out), (model, location, current) -> {
                    throw new IllegalStateException("dry run: no baseline is built");
                }, notifier(out));
    }

    private static <T> T attempt(java.util.function.Supplier<T> call, T instead) {
        try {
            return call.get();
        } catch (DryRunInterceptor.DryRunStop stop) {
            return instead;
        }
    }

    private static TrainingDataSource data(TrainingDataSource real, PrintStream out) {
        return new TrainingDataSource() {
            public String kind() {
                return real.kind();
            }

            public String prepare(String episodeId, String model, long triggeredAt) {
                if ("s3-prefix".equals(real.kind())) {
                    return real.prepare(episodeId, model, triggeredAt); // only lists the prefix
                }
                out.println("  would export " + model + "'s labelled rows from the lake for episode " + episodeId);
                return "s3://dry-run/" + episodeId + "/";
            }
        };
    }

    private static TrainingBackend training(TrainingBackend real, PrintStream out) {
        return new TrainingBackend() {
            public String kind() {
                return real.kind();
            }

            public String start(TrainingRequest r) {
                if ("command".equals(real.kind())) {
                    out.println("  would run the training command for " + r.runName() + " on " + r.dataLocation());
                    return "(dry run)";
                }
                return attempt(() -> real.start(r), "(dry run)");
            }

            public TrainingStatus status(TrainingRequest r) {
                return TrainingStatus.completed(Map.of(), "dry-run://" + r.runName());
            }

            public void stop(TrainingRequest r) {
                out.println("  would stop training " + r.runName());
            }
        };
    }

    private static ModelRegistry registry(ModelRegistry real, PrintStream out) {
        return new ModelRegistry() {
            public String kind() {
                return real.kind();
            }

            public String register(Candidate c) {
                if ("local".equals(real.kind())) {
                    out.println("  would register " + c.model() + "'s candidate of " + c.episodeId()
                            + " in the local registry");
                    return c.model() + "/dry-run";
                }
                return attempt(() -> real.register(c), "dry-run-package");
            }

            public ApprovalStatus status(String ref) {
                return ApprovalStatus.PENDING;
            }

            public void decide(String ref, ApprovalStatus s, String reason) {
                out.println("  would set " + ref + " to " + s.sageMakerName() + " (" + reason + ")");
            }
        };
    }

    private static RolloutTarget rollout(RolloutTarget real, PrintStream out) {
        return new RolloutTarget() {
            public String kind() {
                return real.kind();
            }

            public String currentSpec(String model) {
                return attempt(() -> real.currentSpec(model), "{}");
            }

            public void shift(RolloutPlan plan, int percent) {
                out.println("  would give " + plan.candidateArtifact() + " " + percent + " % of " + plan.model()
                        + "'s traffic (" + real.kind() + ")");
            }

            public RolloutProgress progress(RolloutPlan plan) {
                return RolloutProgress.ready("dry run");
            }

            public void promote(RolloutPlan plan) {
                out.println("  would promote " + plan.candidateArtifact() + " (" + real.kind() + ")");
            }

            public void rollback(RolloutPlan plan, String reason) {
                out.println("  would roll back " + plan.model() + " (" + real.kind() + "): " + reason);
            }
        };
    }

    private static Notifier notifier(PrintStream out) {
        return new Notifier() {
            public String kind() {
                return "dry-run";
            }

            public void send(dev.driftline.remediation.world.Notification n) {
                if (!"remediation".equals(n.kind())) {
                    return; // alert notifications would repeat every alert the run reads
                }
                out.println("  would notify [" + n.model() + " " + n.kind() + " " + n.state() + "] " + n.subject());
            }
        };
    }
}
