package dev.driftline.remediation.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import dev.driftline.remediation.policy.PolicySection;
import dev.driftline.remediation.world.Notification;
import dev.driftline.remediation.world.Notifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SlackWebhookNotifier and the Notifiers composite against a JDK HTTP server standing in for Slack. */
class SlackWebhookNotifierIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> posted = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/services/T000/B000/XXXX", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            boolean fail = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            if (!fail) {
                posted.add(JSON.readTree(in));
            }
            byte[] out = (fail ? "no_service" : "ok").getBytes();
            exchange.sendResponseHeaders(fail ? 404 : 200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/services/T000/B000/XXXX");
    }

    @Test
    void postsSlackTextOncePerKeyAndRetriesAFailedOne() {
        SlackWebhookNotifier slack = new SlackWebhookNotifier(url(), Duration.ofSeconds(5), 2);
        Notification a = new Notification("a", "churn", "drift", "open", "Drift on churn <PSI>", "PSI 0.41 & rising");
        slack.send(a);
        slack.send(a);
        assertThat(posted).hasSize(1);
        assertThat(posted.get(0).path("text").asText()).isEqualTo("*Drift on churn &lt;PSI&gt;*\nPSI 0.41 &amp; rising");

        failNext.set(1);
        Notification b = new Notification("b", "churn", "drift", "resolved", "resolved", null);
        slack.send(b); // 404: logged, not remembered
        slack.send(b); // delivered now
        assertThat(posted).extracting(p -> p.path("text").asText()).containsExactly(
                "*Drift on churn &lt;PSI&gt;*\nPSI 0.41 &amp; rising", "*resolved*");

        // capacity 2: a and b are remembered; c pushes out the least recently seen (a)
        slack.send(new Notification("c", "churn", "drift", "open", "c", null));
        slack.send(a);
        assertThat(posted).hasSize(4);
    }

    @Test
    void oneFailingNotifierNeverStopsTheOthers() {
        List<String> reached = new CopyOnWriteArrayList<>();
        Notifier throwing = new Notifier() {
            @Override
            public String kind() {
                return "broken";
            }

            @Override
            public void send(Notification n) {
                throw new IllegalStateException("broken notifier");
            }
        };
        Notifier recording = new Notifier() {
            @Override
            public String kind() {
                return "recording";
            }

            @Override
            public void send(Notification n) {
                reached.add(n.dedupeKey());
            }
        };
        Notifiers all = new Notifiers(List.of(throwing,
                new SlackWebhookNotifier(URI.create("http://127.0.0.1:1/unreachable"), Duration.ofSeconds(2), 10),
                new SlackWebhookNotifier(url(), Duration.ofSeconds(5), 10), recording));
        all.send(new Notification("ep-3/rolled_back", "churn", "remediation", "rolled_back", "rolled back", "why"));
        assertThat(posted).hasSize(1);
        assertThat(reached).containsExactly("ep-3/rolled_back");
        assertThat(all.kind()).isEqualTo("all(broken,slack,slack,recording)");
    }

    @Test
    void settingsBuildTheConfiguredNotifiersAndKeepTheUrlSecret() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        NotifySettings s = NotifySettings.from(new PolicySection("policy.yaml", "notify", yaml.readTree(
                "sns-topic-arn: arn:aws:sns:eu-west-1:123456789012:driftline\nslack-webhook-url-env: HOOK\n")),
                name -> name.equals("HOOK") ? url().toString() : null);
        assertThat(s.toString()).doesNotContain("XXXX").contains("****");
        assertThat(s.dedupeCapacity()).isEqualTo(NotifySettings.DEFAULT_DEDUPE_CAPACITY);
        Notifiers none = Notifiers.from(NotifySettings.from(new PolicySection("policy.yaml", "notify", null)),
                () -> {
                    throw new AssertionError("no SNS client without a topic");
                });
        assertThat(none.notifiers()).isEmpty();
        assertThatThrownBy(() -> NotifySettings.from(new PolicySection("policy.yaml", "notify",
                yaml.readTree("sns-topic-arn: driftline\n"))))
                .hasMessageStartingWith("policy.yaml: notify.sns-topic-arn: must be an SNS topic ARN");
        assertThatThrownBy(() -> NotifySettings.from(new PolicySection("policy.yaml", "notify",
                yaml.readTree("slack-webhook-url: 'not a url with secret'\n"))))
                .hasMessageNotContaining("secret").hasMessageContaining("notify.slack-webhook-url");
    }
}
