package dev.driftline.remediation.world;

/** Sends a notification (SNS topic, Slack-compatible webhook). Implementations never throw for a delivery failure: they log it. */
public interface Notifier {
    String kind();

    void send(Notification notification);
}
