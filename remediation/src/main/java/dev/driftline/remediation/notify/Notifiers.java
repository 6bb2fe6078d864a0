package dev.driftline.remediation.notify;

import dev.driftline.remediation.world.Notification;
import dev.driftline.remediation.world.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Sends each notification to every configured notifier. One failing (even throwing, against the contract) never
 * stops the others nor the caller: a Slack outage must not hold up a rollback.
 */
public final class Notifiers implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifiers.class);

    private final List<Notifier> notifiers;

    public Notifiers(List<? extends Notifier> notifiers) {
        this.notifiers = List.copyOf(notifiers);
    }

    /** The notifiers the settings name (none when the section is empty); the SNS client is made only if needed. */
    public static Notifiers from(NotifySettings settings, Supplier<SnsClient> sns) {
        List<Notifier> list = new ArrayList<>();
        settings.snsTopicArn().ifPresent(arn -> list.add(new SnsNotifier(sns.get(), arn, settings.dedupeCapacity())));
        settings.slackWebhookUrl().ifPresent(url ->
                list.add(new SlackWebhookNotifier(url, settings.timeout(), settings.dedupeCapacity())));
        return new Notifiers(list);
    }

    public List<Notifier> notifiers() {
        return notifiers;
    }

    @Override
    public String kind() {
        return notifiers.stream().map(Notifier::kind).collect(Collectors.joining(",", "all(", ")"));
    }

    @Override
    public void send(Notification notification) {
        for (Notifier n : notifiers) {
            try {
                n.send(notification);
            } catch (RuntimeException e) {
                LOG.warn("notifier {} failed on {}: {}", n.kind(), notification.dedupeKey(), e.toString());
            }
        }
    }
}
