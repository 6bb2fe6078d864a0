package dev.driftline.remediation;

import dev.driftline.drift.baseline.Baseline;
import dev.driftline.remediation.episode.ModelWorld;
import dev.driftline.remediation.world.ApprovalStatus;
import dev.driftline.remediation.world.BaselineSource;
import dev.driftline.remediation.world.Candidate;
import dev.driftline.remediation.world.ModelRegistry;
import dev.driftline.remediation.world.Notification;
import dev.driftline.remediation.world.Notifier;
import dev.driftline.remediation.world.RolloutPlan;
import dev.driftline.remediation.world.RolloutProgress;
import dev.driftline.remediation.world.RolloutTarget;
import dev.driftline.remediation.world.TrainingBackend;
import dev.driftline.remediation.world.TrainingDataSource;
import dev.driftline.remediation.world.TrainingRequest;
import dev.driftline.remediation.world.TrainingStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory stand-ins for the systems outside driftline (training service, registry, serving platform), for unit
 * tests of the engine: they behave like the real ones where it matters (idempotent by name, status as set), and
 * record every call so tests can assert what the engine did to the world.
 */
public final class TestWorld {
    public final List<String> calls = new ArrayList<>();
    public final Map<String, TrainingStatus> jobs = new LinkedHashMap<>();
    public TrainingStatus nextOutcome = TrainingStatus.completed(Map.of("accuracy", 0.96), "s3://models/candidate");
    public final Map<String, ApprovalStatus> packages = new LinkedHashMap<>();
    public final Map<String, String> packageByEpisode = new LinkedHashMap<>();
    public String serving = "{\"storageUri\":\"s3://models/v1\"}";
    public int canaryPercent;
    public RolloutProgress nextProgress = RolloutProgress.ready("Ready");
    public final List<Notification> notifications = new ArrayList<>();
    public final List<Baseline> baselinesBuilt = new ArrayList<>();
    /** Thrown by the next data preparations / traffic shifts, when set (an unreachable or refusing world). */
    public RuntimeException prepareFails;
    public RuntimeException shiftFails;

    public ModelWorld world() {
        return new ModelWorld(data(), training(), registry(), rollout(), baselines(), notifier());
    }

    TrainingDataSource data() {
        return new TrainingDataSource() {
            public String kind() {
                return "test-data";
            }

            public String prepare(String episodeId, String model, long triggeredAt) {
                calls.add("prepare " + episodeId);
                if (prepareFails != null) {
                    throw prepareFails;
                }
                return "s3://data/" + model + "/";
            }
        };
    }

    TrainingBackend training() {
        return new TrainingBackend() {
            public String kind() {
                return "test-training";
            }

            public String start(TrainingRequest r) {
                calls.add("start " + r.runName());
                jobs.putIfAbsent(r.runName(), TrainingStatus.inProgress());
                return "arn:job/" + r.runName();
            }

            public TrainingStatus status(TrainingRequest r) {
                return jobs.get(r.runName());
            }

            public void stop(TrainingRequest r) {
                calls.add("stop " + r.runName());
                jobs.put(r.runName(), TrainingStatus.failed("Stopped"));
            }
        };
    }

    /** Completes every running job with {@link #nextOutcome}. */
    public void finishTraining() {
        jobs.replaceAll((k, v) -> v.phase() == TrainingStatus.Phase.IN_PROGRESS ? nextOutcome : v);
    }

    ModelRegistry registry() {
        return new ModelRegistry() {
            public String kind() {
                return "test-registry";
            }

            public String register(Candidate c) {
                calls.add("register " + c.episodeId());
                return packageByEpisode.computeIfAbsent(c.episodeId(), e -> {
                    String ref = c.model() + "/" + (packages.size() + 1);
                    packages.put(ref, ApprovalStatus.PENDING);
                    return ref;
                });
            }

            public ApprovalStatus status(String ref) {
                return packages.get(ref);
            }

            public void decide(String ref, ApprovalStatus s, String reason) {
                calls.add("decide " + ref + " " + s);
                packages.put(ref, s);
            }
        };
    }

    RolloutTarget rollout() {
        return new RolloutTarget() {
            public String kind() {
                return "test-target";
            }

            public String currentSpec(String model) {
                calls.add("current " + model);
                return serving;
            }

            public void shift(RolloutPlan plan, int percent) {
                calls.add("shift " + percent);
                if (shiftFails != null) {
                    throw shiftFails;
                }
                canaryPercent = percent;
            }

            public RolloutProgress progress(RolloutPlan plan) {
                return nextProgress;
            }

            public void promote(RolloutPlan plan) {
                calls.add("promote");
                serving = "{\"storageUri\":\"" + plan.candidateArtifact() + "\"}";
                canaryPercent = 0;
            }

            public void rollback(RolloutPlan plan, String reason) {
                calls.add("rollback");
                serving = plan.previousSpec();
                canaryPercent = 0;
            }
        };
    }

    BaselineSource baselines() {
        return (model, location, current) -> {
            Baseline b = new Baseline(model, Instant.parse("2026-12-02T00:00:00Z"), location, 500, List.of(),
                    dev.driftline.drift.dataquality.MonitoringConfig.defaults());
            baselinesBuilt.add(b);
            return b;
        };
    }

    Notifier notifier() {
        return new Notifier() {
            public String kind() {
                return "test-notifier";
            }

            public void send(Notification n) {
                notifications.add(n);
            }
        };
    }

    /** Calls of one kind ("start", "shift", …). */
    public List<String> calls(String kind) {
        return calls.stream().filter(c -> c.equals(kind) || c.startsWith(kind + " ")).toList();
    }
}
