package dev.driftline.remediation.sagemaker;

import dev.driftline.remediation.world.RolloutPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DesiredWeightAndCapacity;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * The SageMaker calls of {@link SageMakerEndpointRollout}, each safe to repeat: creates describe first and take a
 * lost create race as success, updates refuse an endpoint that is not InService (SageMaker would too) with a message
 * saying to retry, and weights are only set when they differ.
 */
final class EndpointCalls {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointCalls.class);

    private final SageMakerClient sageMaker;
    private final SageMakerEndpointSettings settings;

    EndpointCalls(SageMakerClient sageMaker, SageMakerEndpointSettings settings) {
        this.sageMaker = sageMaker;
        this.settings = settings;
    }

    static String modelName(String episodeId) {
        return SageMakerTrainingBackend.jobName(episodeId + "-candidate");
    }

    DescribeEndpointResponse describe(String endpoint) {
        return sageMaker.describeEndpoint(b -> b.endpointName(endpoint));
    }

    EndpointSpec spec(String endpoint) {
        DescribeEndpointResponse ep = describe(endpoint);
        DescribeEndpointConfigResponse config = sageMaker.describeEndpointConfig(
                b -> b.endpointConfigName(ep.endpointConfigName()));
        Map<String, ProductionVariantSummary> live = ep.productionVariants().stream()
                .collect(Collectors.toMap(ProductionVariantSummary::variantName, v -> v, (a, b) -> a));
        List<EndpointSpec.Variant> variants = new ArrayList<>();
        for (ProductionVariant v : config.productionVariants()) {
            ProductionVariantSummary now = live.get(v.variantName());
            Float weight = now != null && now.currentWeight() != null ? now.currentWeight() : v.initialVariantWeight();
            Integer count = now != null && now.currentInstanceCount() != null ? now.currentInstanceCount()
                    : v.initialInstanceCount();
            variants.add(new EndpointSpec.Variant(v.variantName(), v.modelName(), weight == null ? 1.0 : weight,
                    v.instanceTypeAsString(), count == null ? 0 : count));
        }
        return new EndpointSpec(endpoint, ep.endpointConfigName(), variants);
    }

    boolean configExists(String name) {
        try {
            sageMaker.describeEndpointConfig(b -> b.endpointConfigName(name));
            return true;
        } catch (SageMakerException e) {
            if (SageMakerRemediationClients.notFound(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The serving config's first variant, renamed {@code stable}, with the given weight. */
    ProductionVariant stableVariant(String previousConfig, int weight) {
        List<ProductionVariant> variants = sageMaker.describeEndpointConfig(
                b -> b.endpointConfigName(previousConfig)).productionVariants();
        if (variants.isEmpty()) {
            throw new IllegalStateException("endpoint config " + previousConfig + " has no production variant");
        }
        return variants.get(0).toBuilder().variantName("stable").initialVariantWeight((float) weight).build();
    }

    /** The candidate's variant (its SageMaker model created when missing), sized like the stable one by default. */
    ProductionVariant candidate(RolloutPlan plan, ProductionVariant stable, int weight) {
        String model = ensureModel(plan);
        return ProductionVariant.builder()
                .variantName(SageMakerEndpointRollout.candidateVariant(plan))
                .modelName(model)
                .instanceType(settings.instanceType().orElse(stable.instanceTypeAsString()))
                .initialInstanceCount(settings.instanceCount().orElse(stable.initialInstanceCount()))
                .initialVariantWeight((float) weight)
                .build();
    }

    private String ensureModel(RolloutPlan plan) {
        String name = modelName(plan.episodeId());
        try {
            sageMaker.describeModel(b -> b.modelName(name));
            return name;
        } catch (SageMakerException e) {
            if (!SageMakerRemediationClients.notFound(e)) {
                throw e;
            }
        }
        try {
            sageMaker.createModel(b -> b.modelName(name).executionRoleArn(settings.roleArn())
                    .primaryContainer(c -> c.image(settings.image()).modelDataUrl(plan.candidateArtifact()))
                    .tags(t -> t.key("DriftlineEpisode").value(plan.episodeId())));
            LOG.info("created SageMaker model {} for episode {}", name, plan.episodeId());
        } catch (SageMakerException e) {
            if (!SageMakerRemediationClients.alreadyExists(e)) {
                throw e;
            }
        }
        return name;
    }

    void createConfig(String name, List<ProductionVariant> variants) {
        try {
            sageMaker.createEndpointConfig(b -> b.endpointConfigName(name).productionVariants(variants));
            LOG.info("created endpoint config {}", name);
        } catch (SageMakerException e) {
            if (!SageMakerRemediationClients.alreadyExists(e)) {
                throw e;
            }
        }
    }

    void update(DescribeEndpointResponse ep, String config, DeploymentConfig deployment) {
        if (ep.endpointStatus() != EndpointStatus.IN_SERVICE) {
            throw new IllegalStateException("endpoint " + ep.endpointName() + " is " + ep.endpointStatusAsString()
                    + "; switching it to " + config + " has to wait until it is InService (call again)");
        }
        sageMaker.updateEndpoint(b -> b.endpointName(ep.endpointName()).endpointConfigName(config)
                .deploymentConfig(deployment));
        LOG.info("endpoint {}: {} → {}", ep.endpointName(), ep.endpointConfigName(), config);
    }

    /** Blue/green with canary traffic routing, rolled back by SageMaker when one of the alarms fires. */
    DeploymentConfig blueGreen(int percent) {
        DeploymentConfig.Builder b = DeploymentConfig.builder()
                .blueGreenUpdatePolicy(p -> p.trafficRoutingConfiguration(t -> t.type("CANARY")
                                .canarySize(c -> c.type("CAPACITY_PERCENT").value(percent))
                                .waitIntervalInSeconds((int) settings.canaryWait().toSeconds()))
                        .terminationWaitInSeconds((int) settings.terminationWait().toSeconds()));
        if (!settings.alarms().isEmpty()) { // AWS refuses an empty alarm list
            b.autoRollbackConfiguration(a -> a.alarms(settings.alarms().stream()
                    .map(n -> software.amazon.awssdk.services.sagemaker.model.Alarm.builder().alarmName(n).build())
                    .toList()));
        }
        return b.build();
    }

    /** Sets candidate {@code percent}, every other variant {@code 100 - percent}, unless they are so already. */
    void setWeights(DescribeEndpointResponse ep, String candidateVariant, int percent) {
        if (hasWeights(ep, candidateVariant, percent)) {
            return;
        }
        List<DesiredWeightAndCapacity> desired = new ArrayList<>();
        for (ProductionVariantSummary v : ep.productionVariants()) {
            // the instance count is sent as it is: moto clears counts left out, and AWS keeps them either way
            desired.add(DesiredWeightAndCapacity.builder().variantName(v.variantName())
                    .desiredWeight((float) (v.variantName().equals(candidateVariant) ? percent : 100 - percent))
                    .desiredInstanceCount(v.currentInstanceCount())
                    .build());
        }
        sageMaker.updateEndpointWeightsAndCapacities(b -> b.endpointName(ep.endpointName())
                .desiredWeightsAndCapacities(desired));
        LOG.info("endpoint {}: {} gets {} % of the traffic", ep.endpointName(), candidateVariant, percent);
    }

    /** Whether the candidate's share of the summed desired weights is {@code percent} %. */
    static boolean hasWeights(DescribeEndpointResponse ep, String candidateVariant, int percent) {
        double total = 0;
        double candidate = -1;
        for (ProductionVariantSummary v : ep.productionVariants()) {
            float w = v.desiredWeight() != null ? v.desiredWeight() : v.currentWeight() != null ? v.currentWeight() : 0f;
            total += w;
            if (v.variantName().equals(candidateVariant)) {
                candidate = w;
            }
        }
        return candidate >= 0 && total > 0 && Math.abs(candidate / total * 100 - percent) < 1e-3;
    }

    /** The config an update in progress is moving to, or null. */
    static String pendingConfig(DescribeEndpointResponse ep) {
        return ep.pendingDeploymentSummary() == null ? null : ep.pendingDeploymentSummary().endpointConfigName();
    }

    static String weights(DescribeEndpointResponse ep) {
        return ep.productionVariants().stream().map(v -> v.variantName() + "=" + v.currentWeight())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
