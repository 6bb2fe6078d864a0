package dev.driftline.remediation.notify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.remediation.world.Notification;
import dev.driftline.remediation.world.Notifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts notifications to a Slack-compatible incoming webhook ({@code {"text": …}}; Mattermost, Rocket.Chat and
 * Teams' Slack-compatible endpoints take the same body). The URL is the secret (its path is the credential), so
 * logs show only its host. Repeats are dropped by a bounded LRU of dedupe keys.
 */
public final class SlackWebhookNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(SlackWebhookNotifier.class);

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;
    private final RecentKeys sent;

    public SlackWebhookNotifier(URI url, Duration timeout, int dedupeCapacity) {
        this(url, timeout, dedupeCapacity, HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    public SlackWebhookNotifier(URI url, Duration timeout, int dedupeCapacity, HttpClient http) {
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = Objects.requireNonNull(http, "http");
        this.sent = new RecentKeys(dedupeCapacity);
    }

    @Override
    public String kind() {
        return "slack";
    }

    @Override
    public void send(Notification n) {
        if (sent.contains(n.dedupeKey())) {
            return;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("text", text(n));
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() / 100 != 2) {
                String excerpt = r.body() == null ? "" : r.body().substring(0, Math.min(200, r.body().length()));
                LOG.warn("slack ({}): {} not delivered: HTTP {} {}", url.getHost(), n.dedupeKey(), r.statusCode(),
                        excerpt);
                return;
            }
            sent.add(n.dedupeKey());
            LOG.info("slack ({}): sent {}", url.getHost(), n.dedupeKey());
        } catch (IOException e) {
            LOG.warn("slack ({}): {} not delivered: {}", url.getHost(), n.dedupeKey(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("slack ({}): {} not delivered: interrupted", url.getHost(), n.dedupeKey());
        }
    }

    /** Bold subject line, then the message; Slack's mrkdwn needs &, < and > escaped. */
    static String text(Notification n) {
        String subject = n.subject() == null || n.subject().isBlank()
                ? n.kind() + " " + n.state() + ": " + n.model() : n.subject();
        String text = "*" + escape(subject.strip()) + "*";
        if (n.message() != null && !n.message().isBlank()) {
            text += "\n" + escape(n.message().strip());
        }
        return text;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
