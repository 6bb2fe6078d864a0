package dev.driftline.remediation.sagemaker;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * How SageMaker's answers are read by the remediation's SageMaker parts (the clients themselves are
 * {@code WorldClients}': the SDK's default credential chain, the configured region, an optional endpoint override).
 */
public final class SageMakerRemediationClients {
    private SageMakerRemediationClients() {
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
