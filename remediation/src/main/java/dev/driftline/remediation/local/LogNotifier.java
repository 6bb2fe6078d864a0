package dev.driftline.remediation.local;

import dev.driftline.remediation.world.Notification;
import dev.driftline.remediation.world.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The notifier when none is configured: one log line per notification, so nothing happens unseen. */
public final class LogNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(LogNotifier.class);

    @Override
    public String kind() {
        return "log";
    }

    @Override
    public void send(Notification n) {
        LOG.info("notification [{} {} {}]: {}", n.model(), n.kind(), n.state(), n.subject());
    }
}
