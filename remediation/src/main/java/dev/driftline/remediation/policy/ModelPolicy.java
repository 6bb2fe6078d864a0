package dev.driftline.remediation.policy;

import java.time.Duration;
import java.util.Set;

/**
 * The remediation policy of one model: the file's {@code defaults} with the model's section under
 * {@code models.<model>} merged over it. The parts the engine judges with are typed here; the sections of the
 * outside-world adapters (training backend, registry, rollout target, data, notifications) are handed to them as
 * they are, and each adapter reads and validates its own keys.
 *
 * @param model           the model
 * @param paused          {@code paused: true}: alerts are watched, no episode starts
 * @param trigger         when an episode starts
 * @param data            section {@code data} (training data source: {@code source: s3-prefix|lake}, …)
 * @param trainingBackend {@code training.backend}: {@code sagemaker}, {@code pipeline} or {@code command}
 *                        (default command)
 * @param training        section {@code training} (the backend's own keys under its name)
 * @param trainingTimeout {@code training.timeout}: a run still going after this fails the episode (default 24h)
 * @param registryKind    {@code registry.kind}: {@code sagemaker} or {@code local} (default local)
 * @param registry        section {@code registry}
 * @param approval        the registry gate's rules ({@code approval})
 * @param rollout         steps, bake time, guardrail and target ({@code rollout})
 * @param notifications   section {@code notify} ({@code sns-topic-arn}, {@code slack-webhook-url})
 */
public record ModelPolicy(String model, boolean paused, TriggerPolicy trigger, PolicySection data,
                          String trainingBackend, PolicySection training, Duration trainingTimeout,
                          String registryKind, PolicySection registry, ApprovalPolicy approval,
                          RolloutPolicy rollout, PolicySection notifications) {
    static final Set<String> KEYS = Set.of("paused", "trigger", "data", "training", "registry", "approval",
            "rollout", "notify");
    public static final Set<String> BACKENDS = Set.of("sagemaker", "pipeline", "command");
    public static final Set<String> REGISTRIES = Set.of("sagemaker", "local");

    static ModelPolicy from(String model, PolicySection s) {
        s.onlyKeys(KEYS);
        PolicySection training = s.section("training").onlyKeys(Set.of("backend", "timeout", "command",
                "sagemaker", "pipeline"));
        String backend = training.text("backend", "command");
        if (!BACKENDS.contains(backend)) {
            throw training.error("backend", "must be one of " + BACKENDS.stream().sorted().toList() + ", got "
                    + backend);
        }
        PolicySection registry = s.section("registry").onlyKeys(Set.of("kind", "local", "sagemaker"));
        String registryKind = registry.text("kind", "local");
        if (!REGISTRIES.contains(registryKind)) {
            throw registry.error("kind", "must be one of " + REGISTRIES.stream().sorted().toList() + ", got "
                    + registryKind);
        }
        return new ModelPolicy(model, s.bool("paused", false), TriggerPolicy.from(s.section("trigger")),
                s.section("data"), backend, training, training.duration("timeout", Duration.ofHours(24)),
                registryKind, registry, ApprovalPolicy.from(s.section("approval")),
                RolloutPolicy.from(s.section("rollout")), s.section("notify"));
    }

    /** The section of the rollout target named by {@code rollout.target} ({@code rollout.kserve}, …). */
    public PolicySection rolloutTarget(PolicySection root) {
        return root.section("rollout").section(rollout.target());
    }
}
