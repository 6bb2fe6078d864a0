package dev.driftline.remediation.sagemaker;

import dev.driftline.remediation.world.TrainingBackend;
import dev.driftline.remediation.world.TrainingRequest;
import dev.driftline.remediation.world.TrainingStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricData;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/**
 * Retraining as a SageMaker training job named after the episode's run: describe first, create only when missing,
 * so a service restarted mid-episode finds its job instead of paying for a second one.
 */
public final class SageMakerTrainingBackend implements TrainingBackend {
    private static final Logger LOG = LoggerFactory.getLogger(SageMakerTrainingBackend.class);
    /** SageMaker's training job name limit. */
    static final int MAX_NAME = 63;

    private final SageMakerClient sageMaker;
    private final SageMakerTrainingSettings settings;

    public SageMakerTrainingBackend(SageMakerClient sageMaker, SageMakerTrainingSettings settings) {
        this.sageMaker = sageMaker;
        this.settings = settings;
    }

    @Override
    public String kind() {
        return "sagemaker";
    }

    /**
     * The job name for a run name: lower case, every run of characters outside {@code [a-z0-9]} one hyphen, no
     * leading or trailing hyphen, at most 63 characters ({@code [a-zA-Z0-9](-*[a-zA-Z0-9])*}). Deterministic, so the
     * same run always describes the same job. Too long a name keeps its head and gets a hash of the whole as tail,
     * so two long run names that differ only at the end still name two jobs.
     */
    public static String jobName(String runName) {
        String s = runName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.isEmpty()) {
            throw new IllegalArgumentException("run name " + runName + " has no letter or digit");
        }
        if (s.length() <= MAX_NAME) {
            return s;
        }
        String hash = Integer.toHexString(runName.hashCode() & 0x7fffffff);
        String head = s.substring(0, MAX_NAME - hash.length() - 1).replaceAll("-+$", "");
        return head + "-" + hash;
    }

    @Override
    public String start(TrainingRequest request) {
        String name = jobName(request.runName());
        Optional<DescribeTrainingJobResponse> existing = describe(name);
        if (existing.isPresent()) {
            LOG.info("training job {} of episode {} exists ({}); not creating it again", name, request.episodeId(),
                    existing.get().trainingJobStatusAsString());
            return existing.get().trainingJobArn();
        }
        try {
            String arn = sageMaker.createTrainingJob(create(name, request)).trainingJobArn();
            LOG.info("created training job {} for episode {}", name, request.episodeId());
            return arn;
        } catch (SageMakerException e) {
            if (SageMakerRemediationClients.alreadyExists(e)) {
                // another instance created it between our describe and create: it is ours all the same
                return describe(name).map(DescribeTrainingJobResponse::trainingJobArn).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private CreateTrainingJobRequest create(String name, TrainingRequest request) {
        if (!request.dataLocation().startsWith("s3://")) {
            throw new IllegalArgumentException("SageMaker training reads s3:// data; episode " + request.episodeId()
                    + " has " + request.dataLocation());
        }
        String output = request.outputLocation() != null && request.outputLocation().startsWith("s3://")
                ? request.outputLocation() : settings.outputPath();
        if (output == null) {
            throw new IllegalArgumentException("no s3:// output location for training job " + name
                    + ": set output-path in the training section");
        }
        List<Tag> tags = new ArrayList<>();
        settings.tags().forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        tags.add(Tag.builder().key("Trigger").value("AutoRetraining").build());
        tags.add(Tag.builder().key("Reason").value(settings.reason()).build());
        tags.add(Tag.builder().key("DriftlineEpisode").value(request.episodeId()).build());
        return CreateTrainingJobRequest.builder()
                .trainingJobName(name)
                .roleArn(settings.roleArn())
                .hyperParameters(settings.hyperParameters())
                .algorithmSpecification(a -> a.trainingImage(settings.image())
                        .trainingInputMode(settings.inputMode()))
                .inputDataConfig(Channel.builder().channelName(settings.channel())
                        .dataSource(d -> d.s3DataSource(s -> s.s3DataType("S3Prefix")
                                .s3Uri(request.dataLocation())
                                .s3DataDistributionType(settings.distribution())))
                        .build())
                .outputDataConfig(o -> o.s3OutputPath(output))
                .resourceConfig(r -> r.instanceType(settings.instanceType())
                        .instanceCount(settings.instanceCount())
                        .volumeSizeInGB(settings.volumeSizeGb()))
                .stoppingCondition(c -> c.maxRuntimeInSeconds((int) settings.maxRuntime().toSeconds()))
                .tags(tags)
                .build();
    }

    @Override
    public TrainingStatus status(TrainingRequest request) {
        String name = jobName(request.runName());
        return describe(name).map(SageMakerTrainingBackend::statusOf)
                .orElseGet(() -> TrainingStatus.failed("training job " + name + " does not exist"));
    }

    /** Job → status; also used by the pipeline backend for its training step's job. */
    static TrainingStatus statusOf(DescribeTrainingJobResponse job) {
        TrainingJobStatus s = job.trainingJobStatus();
        if (s == TrainingJobStatus.COMPLETED) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (MetricData m : job.finalMetricDataList()) {
                if (m.metricName() != null && m.value() != null) {
                    // SageMaker keeps metric values as 32-bit floats: take the float's shortest decimal (0.91, not
                    // 0.9100000262260437), which is what the trainer logged and what the approval rule compares
                    metrics.put(m.metricName(), Double.parseDouble(Float.toString(m.value())));
                }
            }
            String artifact = job.modelArtifacts() == null ? null : job.modelArtifacts().s3ModelArtifacts();
            if (artifact == null) {
                return TrainingStatus.failed("training job " + job.trainingJobName() + " completed without "
                        + "ModelArtifacts.S3ModelArtifacts");
            }
            return TrainingStatus.completed(metrics, artifact);
        }
        if (s == TrainingJobStatus.FAILED || s == TrainingJobStatus.STOPPED) {
            return TrainingStatus.failed("training job " + job.trainingJobName() + " " + job.trainingJobStatusAsString()
                    + (job.failureReason() == null ? "" : ": " + job.failureReason()));
        }
        return TrainingStatus.inProgress(); // InProgress, Stopping
    }

    @Override
    public void stop(TrainingRequest request) {
        String name = jobName(request.runName());
        Optional<DescribeTrainingJobResponse> job = describe(name);
        if (job.isPresent() && job.get().trainingJobStatus() == TrainingJobStatus.IN_PROGRESS) {
            try {
                sageMaker.stopTrainingJob(b -> b.trainingJobName(name));
                LOG.info("stopping training job {} of episode {}", name, request.episodeId());
            } catch (SageMakerException e) {
                // it finished between our describe and the stop: nothing left to stop
                LOG.info("training job {} could not be stopped ({}); leaving it", name, e.getMessage());
            }
        }
    }

    private Optional<DescribeTrainingJobResponse> describe(String name) {
        return describeJob(sageMaker, name);
    }

    static Optional<DescribeTrainingJobResponse> describeJob(SageMakerClient sageMaker, String name) {
        try {
            return Optional.of(sageMaker.describeTrainingJob(b -> b.trainingJobName(name)));
        } catch (SageMakerException e) {
            if (SageMakerRemediationClients.notFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
