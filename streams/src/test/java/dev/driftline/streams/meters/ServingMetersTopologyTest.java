package dev.driftline.streams.meters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.Topics;
import dev.driftline.streams.TestDrivers;
import dev.driftline.streams.TestEvents;
import dev.driftline.streams.pairing.PairingConfig;
import dev.driftline.streams.pairing.PairingTopology;
import dev.driftline.streams.pairing.PendingEvent;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Serving health from paired request/response CloudEvents with known times and bodies. */
class ServingMetersTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private final Topics topics = new Topics();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<PendingEvent> out = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;

    @BeforeEach
    void setUp() {
        StreamsBuilder b = new StreamsBuilder();
        PairingTopology.addTo(b, topics, PairingConfig.defaults(), new PipelineMeters(registry).serving())
                .foreach((k, v) -> out.add(v));
        driver = new TopologyTestDriver(b.build(), TestDrivers.properties("serving-meters-test", topics), T0);
        events = driver.createInputTopic(topics.inferenceEvents.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void pairsGiveRequestsLatencyHistogramAndErrorsPerModel() {
        pair("a", "iris", 0, 40, "{\"predictions\":[0]}");
        pair("b", "iris", 1_000, 1_300, "{\"predictions\":[1]}");
        pair("c", "iris", 2_000, 2_020, " { \"error\" : \"Input tensor has wrong shape\"}");
        pair("d", "wine", 3_000, 5_000, "{\"outputs\":[]}");
        pair("e", "wine", 4_000, 3_990, "{\"outputs\":[]}"); // response before request: no latency

        assertThat(out).hasSize(5); // meters observe only: every pair still goes on
        assertThat(count("driftline.serving.requests", "iris")).isEqualTo(3.0);
        assertThat(count("driftline.serving.requests", "wine")).isEqualTo(2.0);
        assertThat(errors("iris", "4xx")).isEqualTo(1.0);
        assertThat(errors("iris", "5xx")).isZero();
        assertThat(errors("wine", "4xx")).isZero();

        Timer iris = registry.get("driftline.serving.latency").tag("model", "iris").timer();
        assertThat(iris.count()).isEqualTo(3);
        assertThat(iris.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40 + 300 + 20);
        Timer wine = registry.get("driftline.serving.latency").tag("model", "wine").timer();
        assertThat(wine.count()).isEqualTo(1);
        assertThat(wine.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2_000);

        String scrape = registry.scrape();
        assertThat(scrape).contains("driftline_serving_requests_total{model=\"iris\"} 3.0",
                "driftline_serving_errors_total{kind=\"4xx\",model=\"iris\"} 1.0",
                "driftline_serving_errors_total{kind=\"5xx\",model=\"wine\"} 0.0",
                "driftline_serving_latency_seconds_bucket{model=\"iris\",le=\"0.05\"} 2",
                "driftline_serving_latency_seconds_bucket{model=\"iris\",le=\"0.5\"} 3",
                "driftline_serving_latency_seconds_count{model=\"iris\"} 3",
                "driftline_serving_latency_seconds_sum{model=\"iris\"} 0.36");
    }

    @Test
    void aCarriedStatusCodeDecidesTheKind() {
        send("f", "iris", TestEvents.REQUEST, T0, "{\"instances\":[[1]]}", null);
        send("f", "iris", TestEvents.RESPONSE, T0.plusMillis(5), "{\"error\":\"boom\"}", "503");
        send("g", "iris", TestEvents.REQUEST, T0, "{\"instances\":[[1]]}", null);
        send("g", "iris", TestEvents.RESPONSE, T0.plusMillis(5), "{\"error\":\"bad\"}", "200");
        assertThat(errors("iris", "5xx")).isEqualTo(1.0);
        assertThat(errors("iris", "4xx")).isZero();
    }

    @Test
    void aRequestWithoutResponseCountsAsUnansweredWithoutLatency() {
        send("h", "iris", TestEvents.REQUEST, T0, "{\"instances\":[[1]]}", null);
        pair("i", "iris", 120_000, 120_010, "{\"predictions\":[0]}"); // stream time passes h's pairing wait
        assertThat(out).hasSize(2);
        assertThat(count("driftline.serving.requests", "iris")).isEqualTo(2.0);
        assertThat(count("driftline.serving.unanswered", "iris")).isEqualTo(1.0);
        assertThat(registry.get("driftline.serving.latency").tag("model", "iris").timer().count()).isEqualTo(1);
    }

    @Test
    void v2ErrorBodyDetectionReadsOnlyTheFirstKey() {
        assertThat(ServingMeters.isV2ErrorBody("{\"error\": \"x\"}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(ServingMeters.isV2ErrorBody("{\"outputs\": [], \"error\": 1}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(ServingMeters.isV2ErrorBody("{\"errors\": 1}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(ServingMeters.isV2ErrorBody(new byte[0])).isFalse();
        assertThat(ServingMeters.errorKind(new byte[0], 404)).isEqualTo("4xx");
    }

    private void pair(String id, String model, long requestMs, long responseMs, String responseBody) {
        send(id, model, TestEvents.REQUEST, T0.plusMillis(requestMs), "{\"instances\":[[1]]}", null);
        send(id, model, TestEvents.RESPONSE, T0.plusMillis(responseMs), responseBody, null);
    }

    private void send(String id, String model, String type, Instant time, String body, String statusCode) {
        RecordHeaders h = TestEvents.headers(id, model, type, time);
        if (statusCode != null) {
            h.add("ce_statuscode", statusCode.getBytes(StandardCharsets.UTF_8));
        }
        events.pipeInput(new TestRecord<>(id, body.getBytes(StandardCharsets.UTF_8), h, time));
    }

    private double count(String name, String model) {
        return registry.get(name).tag("model", model).counter().count();
    }

    private double errors(String model, String kind) {
        return registry.get("driftline.serving.errors").tag("model", model).tag("kind", kind).counter().count();
    }
}
