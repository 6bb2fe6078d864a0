package dev.driftline.remediation.wiring;

import dev.driftline.config.UserInputException;
import dev.driftline.remediation.local.CommandTrainingBackend;
import dev.driftline.remediation.local.LocalModelRegistry;
import dev.driftline.remediation.local.LogNotifier;
import dev.driftline.remediation.policy.PolicySection;
import dev.driftline.remediation.world.BaselineSource;
import dev.driftline.remediation.world.ModelRegistry;
import dev.driftline.remediation.world.Notifier;
import dev.driftline.remediation.world.RolloutTarget;
import dev.driftline.remediation.world.TrainingBackend;
import dev.driftline.remediation.world.TrainingDataSource;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry of outside-world adapters by the kind a policy names: adding a training backend, registry, rollout
 * target or data source is one class and one line here.
 */
public final class Adapters {
    /** Builds one adapter for one model from its policy section. */
    @FunctionalInterface
    public interface Factory<T> {
        T create(String model, PolicySection section, WorldClients clients);
    }

    static final Map<String, Factory<TrainingBackend>> TRAINING = new TreeMap<>();
    static final Map<String, Factory<ModelRegistry>> REGISTRIES = new TreeMap<>();
    static final Map<String, Factory<RolloutTarget>> ROLLOUTS = new TreeMap<>();
    static final Map<String, Factory<TrainingDataSource>> DATA = new TreeMap<>();
    static final Map<String, Factory<Notifier>> NOTIFIERS = new TreeMap<>();

    static {
        TRAINING.put("command", (m, s, c) -> CommandTrainingBackend.from(s));
        REGISTRIES.put("local", (m, s, c) -> LocalModelRegistry.from(s, c.clock()));
        NOTIFIERS.put("log", (m, s, c) -> new LogNotifier());
    }

    private Adapters() {
    }

    static <T> T create(Map<String, Factory<T>> registry, String what, String kind, String model,
                        PolicySection section, WorldClients clients) {
        Factory<T> f = registry.get(kind);
        if (f == null) {
            throw new UserInputException(section.path() + ": no " + what + " named " + kind + " (known: "
                    + registry.keySet() + ")");
        }
        return f.create(model, section, clients);
    }

    static BaselineSource baselines(WorldClients clients) {
        return (model, location, current) -> {
            throw new UnsupportedOperationException("no baseline source wired");
        };
    }
}
