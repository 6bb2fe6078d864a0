package dev.driftline.remediation.sagemaker;

import dev.driftline.remediation.world.ApprovalStatus;
import dev.driftline.remediation.world.Candidate;
import dev.driftline.remediation.world.ModelRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * The registry gate on SageMaker Model Registry: one package group per model (the governance point ML teams already
 * use), one package version per episode, pending manual approval until the policy or a person decides. The episode
 * id is stored in the package's CustomerMetadataProperties, which is how {@link #register} finds the episode's
 * package again instead of registering a second version after a restart.
 */
public final class SageMakerModelRegistry implements ModelRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(SageMakerModelRegistry.class);
    /** The metadata key holding the episode id. */
    public static final String EPISODE_KEY = "driftline:episode";
    /** Prefix of the metadata keys holding the candidate's metrics, as text. */
    public static final String METRIC_PREFIX = "driftline:metric:";

    private final SageMakerClient sageMaker;
    private final SageMakerRegistrySettings settings;

    public SageMakerModelRegistry(SageMakerClient sageMaker, SageMakerRegistrySettings settings) {
        this.sageMaker = sageMaker;
        this.settings = settings;
    }

    @Override
    public String kind() {
        return "sagemaker";
    }

    @Override
    public String register(Candidate candidate) {
        ensureGroup(candidate.model());
        Optional<String> existing = find(candidate.model(), candidate.episodeId());
        if (existing.isPresent()) {
            LOG.info("model package {} of episode {} exists; not registering again", existing.get(),
                    candidate.episodeId());
            return existing.get();
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(EPISODE_KEY, candidate.episodeId());
        candidate.metrics().forEach((k, v) -> metadata.put(METRIC_PREFIX + k, Double.toString(v)));
        String arn = sageMaker.createModelPackage(b -> b.modelPackageGroupName(candidate.model())
                .modelPackageDescription("retrained by driftline, episode " + candidate.episodeId())
                .modelApprovalStatus(ApprovalStatus.PENDING.sageMakerName())
                .customerMetadataProperties(metadata)
                .inferenceSpecification(i -> i.containers(c -> c.image(settings.image())
                                .modelDataUrl(candidate.artifact()))
                        .supportedContentTypes(settings.contentTypes())
                        .supportedResponseMIMETypes(settings.responseTypes()))
                // SageMaker's own idempotency token: a retry of this very call within its window creates nothing
                .clientToken(SageMakerPipelineBackend.requestToken("register:" + candidate.model(),
                        candidate.episodeId()).substring(0, 36)))
                .modelPackageArn();
        LOG.info("registered model package {} for episode {} (pending manual approval)", arn, candidate.episodeId());
        return arn;
    }

    private void ensureGroup(String model) {
        try {
            sageMaker.describeModelPackageGroup(b -> b.modelPackageGroupName(model));
            return;
        } catch (SageMakerException e) {
            if (!SageMakerRemediationClients.notFound(e)) {
                throw e;
            }
        }
        List<Tag> tags = new ArrayList<>();
        settings.groupTags().forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        try {
            sageMaker.createModelPackageGroup(b -> b.modelPackageGroupName(model)
                    .modelPackageGroupDescription(settings.groupDescription() != null ? settings.groupDescription()
                            : model + ", registered by driftline")
                    .tags(tags));
            LOG.info("created model package group {}", model);
        } catch (SageMakerException e) {
            if (!SageMakerRemediationClients.alreadyExists(e)) {
                throw e;
            }
        }
    }

    /** The group's package registered for the episode, newest first (a retrained model is usually the newest). */
    private Optional<String> find(String model, String episodeId) {
        for (var page : sageMaker.listModelPackagesPaginator(b -> b.modelPackageGroupName(model)
                .sortBy("CreationTime").sortOrder("Descending"))) {
            for (ModelPackageSummary s : page.modelPackageSummaryList()) {
                var described = sageMaker.describeModelPackage(b -> b.modelPackageName(s.modelPackageArn()));
                if (episodeId.equals(described.customerMetadataProperties().get(EPISODE_KEY))) {
                    return Optional.of(s.modelPackageArn());
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public ApprovalStatus status(String packageRef) {
        return ApprovalStatus.ofSageMaker(sageMaker.describeModelPackage(b -> b.modelPackageName(packageRef))
                .modelApprovalStatusAsString());
    }

    @Override
    public void decide(String packageRef, ApprovalStatus status, String reason) {
        // ApprovalDescription is at most 1024 characters
        String description = reason == null ? null : reason.length() > 1024 ? reason.substring(0, 1024) : reason;
        sageMaker.updateModelPackage(b -> b.modelPackageArn(packageRef)
                .modelApprovalStatus(status.sageMakerName())
                .approvalDescription(description));
        LOG.info("model package {} → {} ({})", packageRef, status.sageMakerName(), reason);
    }
}
