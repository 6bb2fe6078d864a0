package dev.driftline.remediation.sagemaker;

import dev.driftline.remediation.policy.PolicySection;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How {@link SageMakerTrainingBackend} creates a training job. The defaults are what ML teams' retraining Lambda
 * sends today (2 × ml.g5.2xlarge, 50 GB, 12 h, File mode, a {@code training} channel, FullyReplicated), so moving
 * to driftline changes who starts the job, not the job; the role and the image have no sensible default.
 *
 * @param roleArn         {@code role-arn} (required): the execution role
 * @param image           {@code image} (required): the training image URI
 * @param instanceType    {@code instance-type}, default {@code ml.g5.2xlarge}
 * @param instanceCount   {@code instance-count}, default 2
 * @param volumeSizeGb    {@code volume-size-gb}, default 50
 * @param maxRuntime      {@code max-runtime}, default {@code 12h}
 * @param inputMode       {@code input-mode}, default {@code File} ({@code File}, {@code Pipe}, {@code FastFile})
 * @param channel         {@code channel}, default {@code training}
 * @param distribution    {@code distribution}, default {@code FullyReplicated} (or {@code ShardedByS3Key})
 * @param outputPath      {@code output-path}: the S3 prefix for artifacts when the request names none
 * @param hyperParameters {@code hyperparameters}: a mapping, sent as text
 * @param tags            {@code tags}: extra tags besides Trigger, Reason and DriftlineEpisode
 * @param reason          {@code reason}, default {@code DataDrift}: the {@code Reason} tag
 */
public record SageMakerTrainingSettings(String roleArn, String image, String instanceType, int instanceCount,
                                        int volumeSizeGb, Duration maxRuntime, String inputMode, String channel,
                                        String distribution, String outputPath, Map<String, String> hyperParameters,
                                        Map<String, String> tags, String reason) {
    static final Set<String> KEYS = Set.of("role-arn", "image", "instance-type", "instance-count", "volume-size-gb",
            "max-runtime", "input-mode", "channel", "distribution", "output-path", "hyperparameters", "tags",
            "reason");

    public SageMakerTrainingSettings {
        hyperParameters = Map.copyOf(hyperParameters);
        tags = Map.copyOf(tags);
    }

    public static SageMakerTrainingSettings from(PolicySection s) {
        s.onlyKeys(KEYS);
        int count = s.integer("instance-count", 2);
        if (count < 1) {
            throw s.error("instance-count", "must be at least 1, got " + count);
        }
        int volume = s.integer("volume-size-gb", 50);
        if (volume < 1) {
            throw s.error("volume-size-gb", "must be at least 1, got " + volume);
        }
        Duration maxRuntime = s.duration("max-runtime", Duration.ofHours(12));
        if (maxRuntime.toSeconds() < 1) {
            throw s.error("max-runtime", "must be at least 1s");
        }
        String inputMode = s.text("input-mode", "File");
        if (!Set.of("File", "Pipe", "FastFile").contains(inputMode)) {
            throw s.error("input-mode", "must be File, Pipe or FastFile, got " + inputMode);
        }
        String distribution = s.text("distribution", "FullyReplicated");
        if (!Set.of("FullyReplicated", "ShardedByS3Key").contains(distribution)) {
            throw s.error("distribution", "must be FullyReplicated or ShardedByS3Key, got " + distribution);
        }
        String output = s.optText("output-path").orElse(null);
        if (output != null && !output.startsWith("s3://")) {
            throw s.error("output-path", "must be an s3:// prefix, got " + output);
        }
        return new SageMakerTrainingSettings(s.requiredText("role-arn"), s.requiredText("image"),
                s.text("instance-type", "ml.g5.2xlarge"), count, volume, maxRuntime, inputMode,
                s.text("channel", "training"), distribution, output, s.textMap("hyperparameters"),
                s.textMap("tags"), s.text("reason", "DataDrift"));
    }
}
