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
import dev.driftline.remediation.baseline.TrainingDataBaselines;
import dev.driftline.remediation.data.LakeTrainingData;
import dev.driftline.remediation.data.S3PrefixTrainingData;
import dev.driftline.remediation.data.TrainingDataSettings;
import dev.driftline.remediation.kserve.KServeClients;
import dev.driftline.remediation.kserve.KServeRollout;
import dev.driftline.remediation.kserve.KServeSettings;
import dev.driftline.remediation.notify.Notifiers;
import dev.driftline.remediation.sagemaker.SageMakerEndpointRollout;
import dev.driftline.remediation.sagemaker.SageMakerEndpointSettings;
import dev.driftline.remediation.sagemaker.SageMakerModelRegistry;
import dev.driftline.remediation.sagemaker.SageMakerPipelineBackend;
import dev.driftline.remediation.sagemaker.SageMakerPipelineSettings;
import dev.driftline.remediation.sagemaker.SageMakerRegistrySettings;
import dev.driftline.remediation.sagemaker.SageMakerTrainingBackend;
import dev.driftline.remediation.sagemaker.SageMakerTrainingSettings;
import dev.driftline.remediation.notify.NotifySettings;
import dev.driftline.remediation.webhook.WebhookRollout;
import dev.driftline.remediation.webhook.WebhookSettings;
import dev.driftline.sink.LakeLocation;
import java.util.ArrayList;
import java.util.List;
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

    static {
        TRAINING.put("command", (m, s, c) -> CommandTrainingBackend.from(s));
        REGISTRIES.put("local", (m, s, c) -> LocalModelRegistry.from(s, c.clock()));
        ROLLOUTS.put("webhook", (m, s, c) -> new WebhookRollout(WebhookSettings.from(s)));
        ROLLOUTS.put("kserve", (m, s, c) -> {
            KServeSettings k = KServeSettings.from(s);
            return new KServeRollout(k.masterUrl().isPresent() ? KServeClients.forSettings(k) : c.kubernetes(), k);
        });
        TRAINING.put("sagemaker", (m, s, c) -> new SageMakerTrainingBackend(c.sageMaker(),
                SageMakerTrainingSettings.from(s.section("sagemaker"))));
        TRAINING.put("pipeline", (m, s, c) -> new SageMakerPipelineBackend(c.sageMaker(),
                SageMakerPipelineSettings.from(s.section("pipeline"))));
        REGISTRIES.put("sagemaker", (m, s, c) -> new SageMakerModelRegistry(c.sageMaker(),
                SageMakerRegistrySettings.from(s.section("sagemaker"))));
        ROLLOUTS.put("sagemaker-endpoint", (m, s, c) -> new SageMakerEndpointRollout(c.sageMaker(), c.cloudWatch(),
                SageMakerEndpointSettings.from(s)));
        DATA.put("s3-prefix", (m, s, c) -> S3PrefixTrainingData.of(c.s3(), TrainingDataSettings.from(s)));
        DATA.put("lake", (m, s, c) -> {
            TrainingDataSettings d = TrainingDataSettings.from(s);
            return LakeLocation.parse(d.lake().orElseThrow()).isS3()
                    ? LakeTrainingData.athena(d, c::baseline, c.athenaRunner(), c.s3())
                    : LakeTrainingData.local(d, c::baseline);
        });
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

    /** New baselines from the training data (file:// or s3://). */
    static BaselineSource baselines(WorldClients clients) {
        return new TrainingDataBaselines(clients.clock(), clients.s3(), null);
    }

    /** Every notifier the {@code notify} section configures, and the log. */
    static Notifier notifiers(PolicySection notify, WorldClients clients) {
        List<Notifier> all = new ArrayList<>();
        all.add(new LogNotifier());
        all.addAll(Notifiers.from(NotifySettings.from(notify), clients::sns).notifiers());
        return new Notifiers(all);
    }
}
