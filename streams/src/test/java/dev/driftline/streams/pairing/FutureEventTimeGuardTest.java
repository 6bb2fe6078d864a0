package dev.driftline.streams.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.contracts.RecordFormatException;
import dev.driftline.contracts.inference.InferenceEvent;
import dev.driftline.streams.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class FutureEventTimeGuardTest {
    private static final Instant NOW = Instant.parse("2026-12-02T22:00:00Z");
    private final Deserializer<InferenceEvent> guard = FutureEventTimeGuard.serde(InferenceEvent.serde(),
            Clock.fixed(NOW, ZoneOffset.UTC)).deserializer();
    private final byte[] body = "{\"instances\":[[1]]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void anEventMoreThanAnHourAheadOfTheWallClockIsRefusedWithItsReason() {
        RecordHeaders h = TestEvents.headers("f", "iris", TestEvents.REQUEST, NOW.plus(Duration.ofDays(1)));
        assertThatThrownBy(() -> guard.deserialize("events", h, body))
                .isInstanceOfSatisfying(RecordFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(FutureEventTimeGuard.REASON))
                .hasMessageContaining("ahead of the wall clock");
        RecordHeaders justOver = TestEvents.headers("g", "iris", TestEvents.REQUEST,
                NOW.plus(FutureEventTimeGuard.MAX_AHEAD).plusSeconds(1));
        assertThatThrownBy(() -> guard.deserialize("events", justOver, body))
                .isInstanceOf(RecordFormatException.class);
    }

    @Test
    void pastPresentAndSlightlyAheadEventsAreRead() {
        for (Instant t : new Instant[] {NOW.minus(Duration.ofDays(30)), NOW,
                NOW.plus(FutureEventTimeGuard.MAX_AHEAD)}) {
            InferenceEvent e = guard.deserialize("events", TestEvents.headers("a", "iris", TestEvents.REQUEST, t),
                    body);
            assertThat(e.attribute("time")).isEqualTo(t.toString());
        }
    }

    @Test
    void anEventWithoutOrWithAnUnreadableTimeIsLeftToTheExtractor() {
        RecordHeaders none = new RecordHeaders();
        none.add("ce_id", "a".getBytes(StandardCharsets.UTF_8));
        assertThat(guard.deserialize("events", none, body)).isNotNull();
        RecordHeaders bad = TestEvents.headers("b", "iris", TestEvents.REQUEST, NOW);
        bad.remove("ce_time");
        bad.add("ce_time", "tomorrow".getBytes(StandardCharsets.UTF_8));
        assertThat(guard.deserialize("events", bad, body)).isNotNull();
    }

    /** The extractor reads the time from the deserialized event, or from the headers when it has none. */
    @Test
    void theExtractorTakesTheEventsTimeElseTheRecordsTimestamp() {
        Instant t = NOW.minus(Duration.ofMinutes(5));
        RecordHeaders h = TestEvents.headers("c", "iris", TestEvents.REQUEST, t);
        InferenceEvent event = guard.deserialize("events", h, body);
        CloudEventTimeExtractor extractor = new CloudEventTimeExtractor();
        var record = new org.apache.kafka.clients.consumer.ConsumerRecord<Object, Object>("events", 0, 0L, 42L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0, "c", event, h,
                java.util.Optional.empty());
        assertThat(extractor.extract(record, -1L)).isEqualTo(t.toEpochMilli());
        var bytesOnly = new org.apache.kafka.clients.consumer.ConsumerRecord<Object, Object>("events", 0, 0L, 42L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0, "c", body, h,
                java.util.Optional.empty());
        assertThat(extractor.extract(bytesOnly, -1L)).isEqualTo(t.toEpochMilli());
        var timeless = new org.apache.kafka.clients.consumer.ConsumerRecord<Object, Object>("events", 0, 0L, 42L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0, "c",
                guard.deserialize("events", new RecordHeaders(), body), new RecordHeaders(), java.util.Optional.empty());
        assertThat(extractor.extract(timeless, -1L)).isEqualTo(42L);
    }
}
