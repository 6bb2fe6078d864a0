package dev.driftline.streams.pairing;

import dev.driftline.contracts.RecordFormatException;
import dev.driftline.contracts.inference.InferenceEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Refuses, at deserialization, an inference event whose {@code ce_time} is more than {@link #MAX_AHEAD} ahead of
 * the wall clock (a sender with a wrong clock, a bad replay): it becomes a dead letter with reason
 * {@value #REASON} ({@code DeadLetteringDeserializationHandler}, {@code dl_stage = deserialize}) and processing
 * goes on.
 *
 * <p>Why here and not later: event time is stream time. Kafka Streams extracts the timestamp after deserializing,
 * so a record refused here never reaches {@link CloudEventTimeExtractor} and cannot move its partition's stream time.
 * Accepted, a single event a day ahead would make the task's stream time jump a day: every open window of the
 * partition would close at once, every request waiting for its response would be released alone, and every on-time
 * event after it on the partition would be dropped as {@code after_grace} — a whole partition's traffic lost for as
 * long as the bad clock is ahead.
 */
public final class FutureEventTimeGuard implements Deserializer<InferenceEvent> {
    /** How far ahead of the wall clock an event time may be (clock skew between hosts is far less). */
    public static final Duration MAX_AHEAD = Duration.ofHours(1);
    /** The dead letter's {@code dl_reason}. */
    public static final String REASON = "future_event_time";

    private final Deserializer<InferenceEvent> inner;
    private final Clock clock;

    FutureEventTimeGuard(Deserializer<InferenceEvent> inner, Clock clock) {
        this.inner = inner;
        this.clock = clock;
    }

    /** The inference events' serde with this guard on the reading side. */
    public static Serde<InferenceEvent> serde(Serde<InferenceEvent> events, Clock clock) {
        return Serdes.serdeFrom(events.serializer(), new FutureEventTimeGuard(events.deserializer(), clock));
    }

    @Override
    public InferenceEvent deserialize(String topic, byte[] data) {
        return inner.deserialize(topic, data);
    }

    @Override
    public InferenceEvent deserialize(String topic, Headers headers, byte[] data) {
        InferenceEvent event = inner.deserialize(topic, headers, data);
        // the event's attributes are decoded already: no second scan of the headers (once per event adds up)
        String time = event != null ? event.attribute("time")
                : headers == null ? null : InferenceEvent.attribute(headers, "time");
        if (time != null) {
            long t = CloudEventTime.epochMillis(time); // INVALID: as the extractor, the record's timestamp counts
            long now = clock.millis();
            if (t != CloudEventTime.INVALID && t > now + MAX_AHEAD.toMillis()) {
                throw new RecordFormatException(REASON, "event time " + time + " is more than " + MAX_AHEAD
                        .toMinutes() + " min ahead of the wall clock (" + Instant.ofEpochMilli(now) + ")");
            }
        }
        return event;
    }

    @Override
    public void close() {
        inner.close();
    }
}
