package dev.driftline.remediation.sagemaker;

import dev.driftline.sink.service.SinkService;
import java.net.URI;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The SageMaker and CloudWatch clients of the remediation's SageMaker parts, built like every driftline AWS client:
 * credentials from the SDK's default chain (never from the policy file), the region as configured else the SDK's
 * chain else us-east-1, and an optional endpoint override for moto or another stand-in.
 */
public final class SageMakerRemediationClients {
    private SageMakerRemediationClients() {
    }

    /** A new SageMaker client; {@code endpointUrl} null for AWS's own. The caller closes it. */
    public static SageMakerClient sageMaker(String endpointUrl, String region) {
        var b = SageMakerClient.builder().region(SinkService.region(region));
        if (endpointUrl != null && !endpointUrl.isBlank()) {
            b.endpointOverride(URI.create(endpointUrl.strip()));
        }
        return b.build();
    }

    /** A new CloudWatch client (the rollout's alarm guardrail); the caller closes it. */
    public static CloudWatchClient cloudWatch(String endpointUrl, String region) {
        var b = CloudWatchClient.builder().region(SinkService.region(region));
        if (endpointUrl != null && !endpointUrl.isBlank()) {
            b.endpointOverride(URI.create(endpointUrl.strip()));
        }
        return b.build();
    }

    /**
     * Whether SageMaker said "no such thing". Its Describe* calls document {@code ResourceNotFound}, but most answer
     * {@code ValidationException} with a "not found" / "Could not find" / "does not exist" message instead, so
     * describe-before-create has to accept both.
     */
    static boolean notFound(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        if ("ResourceNotFound".equals(code) || "ResourceNotFoundException".equals(code)) {
            return true;
        }
        String message = String.valueOf(e.awsErrorDetails() == null ? e.getMessage()
                : e.awsErrorDetails().errorMessage()).toLowerCase(java.util.Locale.ROOT);
        return "ValidationException".equals(code)
                && (message.contains("not found") || message.contains("could not find")
                || message.contains("does not exist"));
    }

    /** Whether a create lost a race with another create of the same name (the thing exists now). */
    static boolean alreadyExists(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        String message = String.valueOf(e.awsErrorDetails() == null ? e.getMessage()
                : e.awsErrorDetails().errorMessage()).toLowerCase(java.util.Locale.ROOT);
        return "ResourceInUse".equals(code) || message.contains("already exist");
    }
}
