package dev.driftline.remediation.notify;

import dev.driftline.remediation.policy.PolicySection;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where notifications go, from a policy's {@code notify} section.
 *
 * <pre>{@code
 * notify:
 *   sns-topic-arn: arn:aws:sns:eu-west-1:123456789012:driftline   # optional; a .fifo topic gets dedup ids
 *   slack-webhook-url-env: SLACK_WEBHOOK_URL                       # env var holding the URL (preferred)
 *   slack-webhook-url: https://hooks.slack.com/services/…          # or inline; secret, never logged
 *   dedupe-capacity: 10000                                         # dedupe keys remembered per notifier
 *   timeout: 10s                                                   # Slack request timeout
 * }</pre>
 */
public record NotifySettings(Optional<String> snsTopicArn, Optional<URI> slackWebhookUrl, int dedupeCapacity,
                             Duration timeout) {
    public static final int DEFAULT_DEDUPE_CAPACITY = 10_000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> KEYS =
            Set.of("sns-topic-arn", "slack-webhook-url", "slack-webhook-url-env", "dedupe-capacity", "timeout");

    public NotifySettings {
        snsTopicArn = snsTopicArn == null ? Optional.empty() : snsTopicArn;
        slackWebhookUrl = slackWebhookUrl == null ? Optional.empty() : slackWebhookUrl;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        Objects.requireNonNull(timeout);
    }

    public static NotifySettings from(PolicySection s) {
        return from(s, System::getenv);
    }

    public static NotifySettings from(PolicySection s, Function<String, String> env) {
        s.onlyKeys(KEYS);
        Optional<String> arn = s.optText("sns-topic-arn");
        if (arn.isPresent() && !arn.get().matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?")) {
            throw s.error("sns-topic-arn", "must be an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME), got " + arn.get());
        }
        if (s.has("slack-webhook-url") && s.has("slack-webhook-url-env")) {
            throw s.error("slack-webhook-url", "set slack-webhook-url or slack-webhook-url-env, not both");
        }
        Optional<String> slack = s.optText("slack-webhook-url");
        if (s.has("slack-webhook-url-env")) {
            String name = s.requiredText("slack-webhook-url-env");
            String value = env.apply(name);
            if (value == null || value.isBlank()) {
                throw s.error("slack-webhook-url-env", "environment variable " + name + " is not set");
            }
            slack = Optional.of(value.strip());
        }
        Optional<URI> slackUrl = Optional.empty();
        if (slack.isPresent()) {
            URI u;
            try {
                u = URI.create(slack.get());
            } catch (IllegalArgumentException e) {
                throw s.error("slack-webhook-url", "is not a URL"); // the value is a secret: not repeated
            }
            if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
                throw s.error("slack-webhook-url", "must be an http(s) URL");
            }
            slackUrl = Optional.of(u);
        }
        int capacity = s.integer("dedupe-capacity", DEFAULT_DEDUPE_CAPACITY);
        if (capacity < 1) {
            throw s.error("dedupe-capacity", "must be at least 1");
        }
        Duration timeout = s.duration("timeout", DEFAULT_TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            throw s.error("timeout", "must be positive");
        }
        return new NotifySettings(arn, slackUrl, capacity, timeout);
    }

    @Override
    public String toString() {
        return "NotifySettings[snsTopicArn=" + snsTopicArn.orElse("(none)") + ", slackWebhookUrl="
                + (slackWebhookUrl.isPresent() ? "****" : "(none)") + ", dedupeCapacity=" + dedupeCapacity
                + ", timeout=" + timeout + "]";
    }
}
