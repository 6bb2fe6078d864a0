package dev.driftline.remediation.notify;

import dev.driftline.remediation.world.Notification;
import dev.driftline.remediation.world.Notifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Publishes notifications to an SNS topic, with String message attributes {@code model}, {@code kind} and
 * {@code state} so subscriptions can filter (e.g. only {@code kind = remediation}, or one team's models).
 *
 * <p>Repeats are dropped twice over: a bounded LRU of the dedupe keys sent by this process, and for FIFO topics
 * ({@code .fifo}) SNS's own five-minute deduplication by {@code MessageDeduplicationId}, which also covers a
 * repeat from a restarted process. FIFO messages are grouped by model (order kept per model).
 */
public final class SnsNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(SnsNotifier.class);
    static final int MAX_SUBJECT = 100;

    private final SnsClient sns;
    private final String topicArn;
    private final boolean fifo;
    private final RecentKeys sent;

    public SnsNotifier(SnsClient sns, String topicArn, int dedupeCapacity) {
        this.sns = Objects.requireNonNull(sns, "sns");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
        this.fifo = topicArn.endsWith(".fifo");
        this.sent = new RecentKeys(dedupeCapacity);
    }

    @Override
    public String kind() {
        return "sns";
    }

    @Override
    public void send(Notification n) {
        if (sent.contains(n.dedupeKey())) {
            LOG.debug("sns: {} already sent", n.dedupeKey());
            return;
        }
        String subject = subject(n);
        PublishRequest.Builder request = PublishRequest.builder()
                .topicArn(topicArn)
                .subject(subject)
                .message(n.message() == null || n.message().isBlank() ? subject : n.message())
                .messageAttributes(Map.of(
                        "model", attribute(n.model()),
                        "kind", attribute(n.kind()),
                        "state", attribute(n.state())));
        if (fifo) {
            request.messageGroupId(fifoId(n.model())).messageDeduplicationId(fifoId(n.dedupeKey()));
        }
        try {
            String id = sns.publish(request.build()).messageId();
            sent.add(n.dedupeKey());
            LOG.info("sns: sent {} ({} {} {}) as {}", n.dedupeKey(), n.model(), n.kind(), n.state(), id);
        } catch (SdkException e) {
            // the Notifier contract: delivery failures are logged, never thrown; not remembered, so retried
            LOG.warn("sns: could not publish {} to {}: {}", n.dedupeKey(), topicArn, e.getMessage());
        }
    }

    /**
     * SNS subjects: ASCII, no line breaks or control characters, at most 100 characters, not empty. Anything else
     * is replaced so a model name with an umlaut does not lose the notification.
     */
    static String subject(Notification n) {
        String raw = n.subject() == null || n.subject().isBlank()
                ? "driftline " + n.kind() + " " + n.state() + ": " + n.model() : n.subject();
        StringBuilder b = new StringBuilder(raw.length());
        for (char c : raw.toCharArray()) {
            b.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c >= 0x20 && c < 0x7f ? c : '?');
        }
        String s = b.toString().replaceAll(" {2,}", " ").strip();
        if (s.isEmpty()) {
            s = "driftline notification";
        }
        return s.length() <= MAX_SUBJECT ? s : s.substring(0, MAX_SUBJECT - 3) + "...";
    }

    private static MessageAttributeValue attribute(String value) {
        // SNS rejects empty attribute values
        return MessageAttributeValue.builder().dataType("String").stringValue(value.isEmpty() ? "-" : value).build();
    }

    /**
     * FIFO group and deduplication ids: at most 128 of {@code [A-Za-z0-9]} and punctuation. Keys that fit are kept
     * readable; others become their SHA-256.
     */
    static String fifoId(String key) {
        if (key.length() <= 128 && key.matches("[A-Za-z0-9!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]+")) {
            return key;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
