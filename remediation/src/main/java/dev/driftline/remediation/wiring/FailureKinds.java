package dev.driftline.remediation.wiring;

import dev.driftline.config.UserInputException;
import dev.driftline.remediation.data.TrainingDataException;
import dev.driftline.remediation.webhook.WebhookException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Predicate;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Which failures of an episode step will not go away by trying again, so the episode fails with the reason at once
 * instead of retrying every tick: the policy or its data are wrong (too few rows, an empty prefix, a bad key), or
 * the outside world refused the request itself (AWS 4xx other than throttling, Kubernetes 4xx other than conflict,
 * a webhook's non-retryable answer). Everything else (timeouts, 5xx, throttling, an endpoint still updating) is
 * retried, up to the engine's limit of consecutive errors.
 */
public final class FailureKinds {
    private FailureKinds() {
    }

    public static final Predicate<Throwable> PERMANENT = FailureKinds::permanent;

    static boolean permanent(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UserInputException || c instanceof TrainingDataException
                    || c instanceof IllegalArgumentException) {
                return true;
            }
            if (c instanceof WebhookException w) {
                return !w.retryable();
            }
            if (c instanceof AwsServiceException a) {
                int status = a.statusCode();
                return status >= 400 && status < 500 && status != 429 && !a.isThrottlingException();
            }
            if (c instanceof KubernetesClientException k) {
                int code = k.getCode();
                return code >= 400 && code < 500 && code != 409 && code != 429;
            }
        }
        return false;
    }
}
