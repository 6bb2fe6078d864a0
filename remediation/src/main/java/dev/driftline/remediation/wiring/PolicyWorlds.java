package dev.driftline.remediation.wiring;

import dev.driftline.remediation.engine.WorldFactory;
import dev.driftline.remediation.episode.ModelWorld;
import dev.driftline.remediation.policy.ModelPolicy;
import dev.driftline.remediation.policy.PolicySection;
import dev.driftline.remediation.policy.RemediationPolicy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Each model's world as its policy describes it: the adapters named by {@code data.source},
 * {@code training.backend}, {@code registry.kind} and {@code rollout.target}, plus every configured notifier.
 * Built once per model and kept. A decorator can wrap the world (the dry run prints instead of calling).
 */
public final class PolicyWorlds implements WorldFactory {
    private final RemediationPolicy policy;
    private final WorldClients clients;
    private final UnaryOperator<ModelWorld> decorate;
    private final Map<String, ModelWorld> worlds = new ConcurrentHashMap<>();

    public PolicyWorlds(RemediationPolicy policy, WorldClients clients, UnaryOperator<ModelWorld> decorate) {
        this.policy = policy;
        this.clients = clients;
        this.decorate = decorate;
    }

    public PolicyWorlds(RemediationPolicy policy, WorldClients clients) {
        this(policy, clients, UnaryOperator.identity());
    }

    @Override
    public ModelWorld forModel(String model) {
        return worlds.computeIfAbsent(model, m -> decorate.apply(build(m)));
    }

    @Override
    public void baseline(String model, dev.driftline.drift.baseline.Baseline baseline) {
        clients.baseline(model, baseline); // the lake export takes the model's columns from it
    }

    /** Builds every adapter of {@code model} now: a policy that cannot be wired fails at start-up, not mid-episode. */
    public void validate(String model) {
        forModel(model);
    }

    private ModelWorld build(String model) {
        ModelPolicy p = policy.forModel(model);
        PolicySection root = policy.section(model);
        PolicySection data = root.section("data");
        String dataKind = data.text("source", "lake");
        return new ModelWorld(
                Adapters.create(Adapters.DATA, "training data source", dataKind, model, data, clients),
                Adapters.create(Adapters.TRAINING, "training backend", p.trainingBackend(), model, p.training(),
                        clients),
                Adapters.create(Adapters.REGISTRIES, "model registry", p.registryKind(), model, p.registry(), clients),
                Adapters.create(Adapters.ROLLOUTS, "rollout target", p.rollout().target(), model,
                        root.section("rollout").section(p.rollout().target()), clients),
                Adapters.baselines(clients),
                Adapters.notifiers(p.notifications(), clients));
    }
}
