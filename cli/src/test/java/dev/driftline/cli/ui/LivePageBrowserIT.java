package dev.driftline.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.contracts.Topic;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.drift.DriftReportCodec;
import dev.driftline.contracts.window.MergedWindowCodec;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import dev.driftline.testkit.browser.BrowserPage;
import dev.driftline.testkit.browser.WithChromium;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, parts 3 and 5: {@code driftline ui} on a real broker, in Debian's real headless Chromium: the page loads
 * with no console error and no request outside its own origin, shows one heatmap cell per window × feature on the
 * topics, and updates by itself when a window is published (a window closing).
 */
@WithKafka
@WithChromium(width = 1280, height = 800)
class LivePageBrowserIT {
    private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    private static void send(KafkaProducer<byte[], byte[]> p, Topic<String, ?> topic, byte[] value) throws Exception {
        p.send(new ProducerRecord<>(topic.name(), "wine".getBytes(StandardCharsets.UTF_8), value)).get();
    }

    /** Window {@code w} of the sample model, as the pipeline would publish it (profile, then drift report). */
    private static void window(KafkaProducer<byte[], byte[]> p, Topics topics, int w) throws Exception {
        long start = T0 + w * ReportSamples.WINDOW;
        boolean shifted = w >= 3;
        send(p, topics.profiles, MergedWindowCodec.INSTANCE.encode(MergedWindowCodec.INSTANCE.decode(
                ReportSamples.profile("wine", start, 1, shifted, 3 + w))));
        send(p, topics.drift, DriftReportCodec.INSTANCE.encode(DriftReportCodec.INSTANCE.decode(
                ReportSamples.drift("wine", start, 1, shifted))));
    }

    @Test
    void theLivePageRendersTheTopicsAndFollowsNewWindows(KafkaBroker broker, BrowserPage page) throws Exception {
        Topics topics = new Topics(broker.uniqueTopic("live") + ".");
        for (Topic<?, ?> t : List.of(topics.drift, topics.profiles, topics.baselines, topics.modelQuality,
                topics.alerts, topics.remediationEvents)) {
            broker.createTopic(t.name(), t.partitions());
        }
        try (LiveUi ui = LiveUi.start(broker.bootstrapServers(), topics, "127.0.0.1", 0);
             KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(broker.producerProps())) {
            for (int w = 0; w < 6; w++) {
                window(p, topics, w);
            }
            URI url = URI.create(ui.url());
            page.open(url);
            page.waitFor("window.driftline && driftline.ready === true && driftline.windows === 6",
                    Duration.ofSeconds(60));
            JsonNode hook = page.evaluate("({cells: driftline.cells, windows: driftline.windows, "
                    + "features: driftline.features, renders: driftline.renders})");
            assertThat(hook.path("features").asInt()).isEqualTo(5);
            assertThat(hook.path("cells").asInt()).isEqualTo(30);
            page.screenshot("live-page");

            window(p, topics, 6); // a window closes: the page redraws by itself
            page.waitFor("driftline.windows === 7", Duration.ofSeconds(30));
            assertThat(page.evaluate("driftline.cells").asInt()).isEqualTo(35);
            assertThat(page.evaluate("driftline.renders").asInt()).isGreaterThan(hook.path("renders").asInt());
            assertThat(page.consoleErrors()).as("console errors").isEmpty();
            assertThat(page.externalRequests(url)).as("requests outside the page's origin").isEmpty();
        }
    }
}
