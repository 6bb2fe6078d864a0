package dev.driftline.remediation.webhook;

/**
 * A webhook call that did not succeed. {@link #retryable()} tells the service whether to try the step again
 * (timeouts, connection errors, 5xx, an answer that is not the protocol's JSON) or to treat the rollout as failed
 * (4xx: the receiver refused the request, or it answered {@code "state": "failed"}).
 */
public final class WebhookException extends RuntimeException {
    private final int status;
    private final boolean retryable;

    public WebhookException(String message, int status, boolean retryable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }
}
