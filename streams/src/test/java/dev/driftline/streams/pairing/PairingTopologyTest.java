package dev.driftline.streams.pairing;


import dev.driftline.streams.TestDrivers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.Topics;
import dev.driftline.streams.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PairingTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private final Topics topics = new Topics();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, PendingEvent> paired;

    @BeforeEach
    void setUp() {
        StreamsBuilder b = new StreamsBuilder();
        PairingTopology.addTo(b, topics, PairingConfig.defaults())
                .to("paired", Produced.with(Serdes.String(), PendingEventCodec.serde()));
        Properties p = TestDrivers.properties("pairing-test", topics);
        driver = new TopologyTestDriver(b.build(), p, T0);
        events = driver.createInputTopic(topics.inferenceEvents.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        paired = driver.createOutputTopic("paired", Serdes.String().deserializer(), PendingEventCodec.serde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void send(String id, String type, Instant time, String body) {
        TestEvents.pipe(events, id, "iris", type, time, body);
    }

    @Test
    void requestThenResponseArePairedWithBothBodies() {
        send("a", TestEvents.REQUEST, T0, "{\"instances\":[[1]]}");
        assertThat(paired.isEmpty()).isTrue();
        send("a", TestEvents.RESPONSE, T0.plusSeconds(1), "{\"predictions\":[0]}");
        List<TestRecord<String, PendingEvent>> out = paired.readRecordsToList();
        assertThat(out).hasSize(1);
        PendingEvent e = out.get(0).value();
        assertThat(out.get(0).key()).isEqualTo("a");
        assertThat(new String(e.request(), StandardCharsets.UTF_8)).isEqualTo("{\"instances\":[[1]]}");
        assertThat(new String(e.response(), StandardCharsets.UTF_8)).isEqualTo("{\"predictions\":[0]}");
        assertThat(e.model()).isEqualTo("iris");
        assertThat(out.get(0).timestamp()).isEqualTo(T0.toEpochMilli()); // the pair's time is the request's
    }

    @Test
    void responseBeforeRequestIsPairedToo() {
        send("b", TestEvents.RESPONSE, T0, "{\"predictions\":[1]}");
        send("b", TestEvents.REQUEST, T0, "{\"instances\":[[2]]}");
        PendingEvent e = paired.readValue();
        assertThat(e.hasRequest()).isTrue();
        assertThat(e.hasResponse()).isTrue();
        assertThat(paired.isEmpty()).isTrue();
    }

    @Test
    void thePairKeepsTheEndpointLabelTheResponsesFirst() {
        TestEvents.pipe(events, "h", "iris", TestEvents.REQUEST, T0, "{\"instances\":[[1]]}", "iris-00001");
        TestEvents.pipe(events, "h", "iris", TestEvents.RESPONSE, T0, "{\"predictions\":[0]}", "iris-00002");
        send("i", TestEvents.REQUEST, T0, "{\"instances\":[[1]]}"); // no ce_endpoint header at all
        send("i", TestEvents.RESPONSE, T0, "{\"predictions\":[0]}");
        assertThat(paired.readRecordsToList()).extracting(r -> r.key() + ":" + r.value().endpoint())
                .containsExactly("h:iris-00002", "i:");
    }

    @Test
    void duplicatesAreDroppedBeforeAndAfterPairing() {
        send("c", TestEvents.REQUEST, T0, "{\"instances\":[[1]]}");
        send("c", TestEvents.REQUEST, T0, "{\"instances\":[[1]]}");
        send("c", TestEvents.RESPONSE, T0, "{\"predictions\":[0]}");
        send("c", TestEvents.RESPONSE, T0, "{\"predictions\":[0]}");
        send("c", TestEvents.REQUEST, T0.plusSeconds(5), "{\"instances\":[[1]]}");
        assertThat(paired.readRecordsToList()).hasSize(1);
    }

    @Test
    void aRequestWithoutResponseGoesOnAloneAfterTheWait() {
        send("d", TestEvents.REQUEST, T0, "{\"instances\":[[1]]}");
        send("other", TestEvents.REQUEST, T0.plusSeconds(30), "{\"instances\":[[1]]}");
        assertThat(paired.isEmpty()).isTrue(); // stream time 30 s: still waiting
        send("later", TestEvents.REQUEST, T0.plusSeconds(61), "{\"instances\":[[1]]}");
        List<TestRecord<String, PendingEvent>> out = paired.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly("d");
        assertThat(out.get(0).value().hasResponse()).isFalse();
    }

    @Test
    void whenTrafficStopsWallClockReleasesPendingRequests() {
        send("e", TestEvents.REQUEST, T0, "{\"instances\":[[1]]}");
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(paired.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(40)); // > wait 60 s + idle grace 5 s
        assertThat(paired.readRecordsToList()).extracting(TestRecord::key).containsExactly("e");
    }

    @Test
    void emittedIdsAreForgottenAfterTheDedupeHorizon() {
        send("f", TestEvents.REQUEST, T0, "{\"instances\":[[1]]}");
        send("f", TestEvents.RESPONSE, T0, "{\"predictions\":[0]}");
        paired.readRecordsToList();
        send("g", TestEvents.REQUEST, T0.plus(Duration.ofMinutes(11)), "{\"instances\":[[1]]}");
        KeyValueStoreAssert.assertAbsent(driver, "f");
    }

    /** Reads the pairing store directly. */
    static final class KeyValueStoreAssert {
        static void assertAbsent(TopologyTestDriver driver, String id) {
            org.apache.kafka.streams.state.KeyValueStore<String, PendingEvent> store =
                    driver.getKeyValueStore(PairingProcessor.STORE);
            assertThat(store.get(id)).isNull();
        }
    }

    /**
     * A future-dated event (a sender's clock a day ahead) is a dead letter and never moves stream time: a request
     * waiting for its response is not released alone by it, and the response still pairs.
     */
    @Test
    void aFutureDatedEventIsDeadLetteredAndDoesNotMoveStreamTime() {
        TestOutputTopic<String, byte[]> deadLetters = driver.createOutputTopic(topics.deadLetter.name(),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        send("waiting", TestEvents.REQUEST, T0, "{\"instances\":[[1]]}");
        send("future", TestEvents.REQUEST, Instant.now().plus(Duration.ofDays(1)), "{\"instances\":[[9]]}");
        send("waiting", TestEvents.RESPONSE, T0.plusSeconds(1), "{\"predictions\":[0]}");

        List<TestRecord<String, PendingEvent>> out = paired.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly("waiting");
        assertThat(out.get(0).value().hasResponse()).as("paired, not released alone").isTrue();
        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(TestRecord::key).containsExactly("future");
        assertThat(new String(dead.get(0).headers().lastHeader("dl_reason").value(), StandardCharsets.UTF_8))
                .isEqualTo(FutureEventTimeGuard.REASON);
    }
}
