package dev.driftline.remediation.sagemaker;

import dev.driftline.remediation.sagemaker.SageMakerEndpointSettings.Mode;
import dev.driftline.remediation.world.RolloutPlan;
import dev.driftline.remediation.world.RolloutProgress;
import dev.driftline.remediation.world.RolloutTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * Canary rollout on a SageMaker endpoint. Every resource is named after the episode and described before it is
 * created (model {@code <episode>-candidate}, configs {@code <endpoint>-<episode>-canary} / {@code -final}), and
 * every move first looks at where the endpoint is, so any call can be repeated after a crash.
 *
 * <p>{@code variants} mode: the canary config has a {@code stable} variant (the serving config's first model) and the
 * candidate; the first shift switches the endpoint to it with the weights built in, later shifts only change weights.
 * {@code blue-green} mode: one UpdateEndpoint to the final config with SageMaker's canary traffic routing and
 * auto-rollback on the configured alarms; SageMaker moves the traffic, driftline watches.
 */
public final class SageMakerEndpointRollout implements RolloutTarget {
    private static final Logger LOG = LoggerFactory.getLogger(SageMakerEndpointRollout.class);

    private final SageMakerClient sageMaker;
    private final CloudWatchClient cloudWatch;
    private final SageMakerEndpointSettings settings;
    private final EndpointCalls calls;
    /** The last percent asked per episode: a shift that met an updating endpoint is finished by {@link #progress}. */
    private final Map<String, Integer> requested = new ConcurrentHashMap<>();

    public SageMakerEndpointRollout(SageMakerClient sageMaker, CloudWatchClient cloudWatch,
                                    SageMakerEndpointSettings settings) {
        this.sageMaker = sageMaker;
        this.cloudWatch = cloudWatch;
        this.settings = settings;
        this.calls = new EndpointCalls(sageMaker, settings);
    }

    @Override
    public String kind() {
        return "sagemaker-endpoint";
    }

    @Override
    public String currentSpec(String model) {
        return calls.spec(settings.endpointFor(model)).toJson();
    }

    /** The candidate's variant name: the plan's version when it has one (its traffic reports it), else candidate. */
    static String candidateVariant(RolloutPlan plan) {
        return plan.candidateVersion() == null || plan.candidateVersion().isBlank() ? "candidate"
                : SageMakerTrainingBackend.jobName(plan.candidateVersion());
    }

    static String configName(String endpoint, String episodeId, String suffix) {
        return SageMakerTrainingBackend.jobName(endpoint + "-" + episodeId + "-" + suffix);
    }

    @Override
    public void shift(RolloutPlan plan, int percent) {
        if (percent <= 0 || percent >= 100) {
            throw new IllegalArgumentException("shift takes 0 < percent < 100, got " + percent);
        }
        if (settings.mode() == Mode.BLUE_GREEN) {
            deployFinal(plan, percent);
            return;
        }
        String endpoint = settings.endpointFor(plan.model());
        String canary = configName(endpoint, plan.episodeId(), "canary");
        requested.put(plan.episodeId(), percent);
        if (!calls.configExists(canary)) {
            ProductionVariant stable = calls.stableVariant(previousConfig(plan, endpoint), 100 - percent);
            calls.createConfig(canary, List.of(stable, calls.candidate(plan, stable, percent)));
        }
        DescribeEndpointResponse ep = calls.describe(endpoint);
        if (canary.equals(ep.endpointConfigName())) {
            if (ep.endpointStatus() == EndpointStatus.IN_SERVICE) {
                calls.setWeights(ep, candidateVariant(plan), percent);
            } // else: progress sets the weights once the endpoint is in service again
        } else if (!canary.equals(EndpointCalls.pendingConfig(ep))) {
            calls.update(ep, canary, null);
        }
    }

    @Override
    public RolloutProgress progress(RolloutPlan plan) {
        String endpoint = settings.endpointFor(plan.model());
        Optional<String> alarm = alarmFiring();
        if (alarm.isPresent()) {
            return RolloutProgress.failed("CloudWatch alarm " + alarm.get() + " is in ALARM");
        }
        DescribeEndpointResponse ep = calls.describe(endpoint);
        String status = ep.endpointStatusAsString();
        switch (ep.endpointStatus()) {
            case FAILED, ROLLING_BACK, UPDATE_ROLLBACK_FAILED -> {
                return RolloutProgress.failed("endpoint " + endpoint + " is " + status
                        + (ep.failureReason() == null ? "" : ": " + ep.failureReason()));
            }
            case IN_SERVICE -> {
                return settled(plan, endpoint, ep);
            }
            default -> {
                return RolloutProgress.settling("endpoint " + endpoint + " is " + status);
            }
        }
    }

    private RolloutProgress settled(RolloutPlan plan, String endpoint, DescribeEndpointResponse ep) {
        String config = ep.endpointConfigName();
        String canary = configName(endpoint, plan.episodeId(), "canary");
        String fin = configName(endpoint, plan.episodeId(), "final");
        if (!config.equals(canary) && !config.equals(fin)) {
            if (ep.failureReason() != null && !ep.failureReason().isBlank()) { // SageMaker rolled the update back
                return RolloutProgress.failed("endpoint " + endpoint + " serves " + config + ": "
                        + ep.failureReason());
            }
            return RolloutProgress.settling("endpoint " + endpoint + " still serves " + config);
        }
        Integer percent = requested.get(plan.episodeId());
        if (config.equals(canary) && percent != null && !EndpointCalls.hasWeights(ep, candidateVariant(plan),
                percent)) {
            calls.setWeights(ep, candidateVariant(plan), percent);
            return RolloutProgress.settling("endpoint " + endpoint + ": weights set to " + percent + " %");
        }
        for (ProductionVariantSummary v : ep.productionVariants()) {
            if (v.desiredWeight() != null && !v.desiredWeight().equals(v.currentWeight())) {
                return RolloutProgress.settling("variant " + v.variantName() + " weight " + v.currentWeight()
                        + " → " + v.desiredWeight());
            }
        }
        return RolloutProgress.ready("endpoint " + endpoint + " InService on " + config + " "
                + EndpointCalls.weights(ep));
    }

    /** The first configured alarm in ALARM (metric or composite), if any. */
    private Optional<String> alarmFiring() {
        if (settings.alarms().isEmpty()) {
            return Optional.empty();
        }
        var alarms = cloudWatch.describeAlarms(b -> b.alarmNames(settings.alarms()));
        for (var a : alarms.metricAlarms()) {
            if (a.stateValue() == StateValue.ALARM) {
                return Optional.of(a.alarmName());
            }
        }
        for (var a : alarms.compositeAlarms()) {
            if (a.stateValue() == StateValue.ALARM) {
                return Optional.of(a.alarmName());
            }
        }
        return Optional.empty();
    }

    @Override
    public void promote(RolloutPlan plan) {
        if (settings.mode() == Mode.BLUE_GREEN) {
            deployFinal(plan, 100); // normally done already: the first shift started the whole deployment
            return;
        }
        String endpoint = settings.endpointFor(plan.model());
        String fin = configName(endpoint, plan.episodeId(), "final");
        if (!calls.configExists(fin)) {
            ProductionVariant stable = calls.stableVariant(previousConfig(plan, endpoint), 0);
            ProductionVariant candidate = calls.candidate(plan, stable, 1);
            calls.createConfig(fin, List.of(candidate.toBuilder().initialVariantWeight(1f).build()));
        }
        DescribeEndpointResponse ep = calls.describe(endpoint);
        if (!fin.equals(ep.endpointConfigName()) && !fin.equals(EndpointCalls.pendingConfig(ep))) {
            calls.update(ep, fin, null);
        }
        requested.remove(plan.episodeId());
    }

    /** Blue-green: one update to the final config; SageMaker sends {@code percent} % first, then the rest. */
    private void deployFinal(RolloutPlan plan, int percent) {
        String endpoint = settings.endpointFor(plan.model());
        String fin = configName(endpoint, plan.episodeId(), "final");
        if (!calls.configExists(fin)) {
            ProductionVariant stable = calls.stableVariant(previousConfig(plan, endpoint), 0);
            calls.createConfig(fin, List.of(calls.candidate(plan, stable, 1).toBuilder().initialVariantWeight(1f)
                    .build()));
        }
        DescribeEndpointResponse ep = calls.describe(endpoint);
        if (fin.equals(ep.endpointConfigName()) || fin.equals(EndpointCalls.pendingConfig(ep))) {
            return;
        }
        if (ep.failureReason() != null && ep.failureReason().contains(fin)) {
            // SageMaker already rolled this episode's deployment back: deploying it again would undo the guardrail
            throw new IllegalStateException("endpoint " + endpoint + " rolled back " + fin + ": " + ep.failureReason());
        }
        calls.update(ep, fin, calls.blueGreen(Math.min(percent, 99)));
    }

    @Override
    public void rollback(RolloutPlan plan, String reason) {
        String endpoint = settings.endpointFor(plan.model());
        String previous = previousConfig(plan, endpoint);
        DescribeEndpointResponse ep = calls.describe(endpoint);
        String pending = EndpointCalls.pendingConfig(ep);
        if (previous.equals(pending) || (pending == null && previous.equals(ep.endpointConfigName())
                && ep.endpointStatus() != EndpointStatus.ROLLING_BACK)) {
            LOG.info("endpoint {} already serves {}; rollback of episode {} has nothing to do", endpoint, previous,
                    plan.episodeId());
            requested.remove(plan.episodeId());
            return;
        }
        LOG.info("rolling endpoint {} back to {} (episode {}: {})", endpoint, previous, plan.episodeId(), reason);
        calls.update(ep, previous, null);
        requested.remove(plan.episodeId());
    }

    private String previousConfig(RolloutPlan plan, String endpoint) {
        if (plan.previousSpec() != null && !plan.previousSpec().isBlank()) {
            return EndpointSpec.endpointConfigOf(plan.previousSpec());
        }
        throw new IllegalArgumentException("episode " + plan.episodeId() + " has no previous spec of endpoint "
                + endpoint + " (currentSpec before the first step)");
    }
}
