package dev.driftline.collector;

import static dev.driftline.collector.CollectorFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM with {@code collector.shutdown-delay}: the collector keeps its port open answering 503 + Retry-After (and
 * readiness 503) for the delay, so a load balancer drops it before senders meet a closed port; then it closes and
 * what it acknowledged is on the topic.
 */
@WithKafka
class CollectorShutdownIT {
    private final KafkaBroker kafka;

    CollectorShutdownIT(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @Test
    void duringTheShutdownDelayEventsAndReadinessAre503ThenThePortCloses() throws Exception {
        String prefix = kafka.uniqueTopic("collector-shutdown") + ".";
        Collector collector = CollectorFixture.start(kafka.bootstrapServers(), prefix,
                Map.of("collector.shutdown-delay", "3s"));
        awaitReady(collector);
        assertThat(send(collector, "before").statusCode()).isEqualTo(202);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(collector::close);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (get(collector, "/readyz").statusCode() != 503 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(get(collector, "/readyz").statusCode()).as("readiness while shutting down").isEqualTo(503);
        HttpResponse<String> during = send(collector, "during");
        assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).isPresent();
        assertThat(closing).as("the port stays open for the delay").isNotDone();

        closing.get();
        assertThatThrownBy(() -> send(collector, "after")).as("after the delay the port is closed")
                .isInstanceOf(IOException.class);
        assertThat(kafka.readAll(prefix + "inference.events")).extracting(r -> new String(r.key(),
                StandardCharsets.UTF_8)).containsExactly("before");
    }

    private static HttpResponse<String> send(Collector c, String id) throws Exception {
        return HTTP.send(kserve(c, id, REQUEST, V2_REQUEST).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(Collector c, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(c, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
