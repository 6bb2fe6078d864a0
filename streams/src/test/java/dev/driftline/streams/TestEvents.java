package dev.driftline.streams;

import dev.driftline.testkit.CollectorRecords;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;

/** Pipes inference events into a TopologyTestDriver in the collector's format (ce_* headers, key = event id). */
public final class TestEvents {
    /** The CloudEvent types KServe's logger sends (ce_type). */
    public static final String REQUEST = CollectorRecords.REQUEST;
    public static final String RESPONSE = CollectorRecords.RESPONSE;

    private TestEvents() {
    }

    public static void pipe(TestInputTopic<String, byte[]> events, String id, String model, String type, Instant time,
                     String body) {
        pipe(events, id, model, type, time, body, null);
    }

    /** With the {@code ce_endpoint} header (KServe's {@code Ce-Endpoint}) when {@code endpoint} is not null. */
    public static void pipe(TestInputTopic<String, byte[]> events, String id, String model, String type, Instant time,
                            String body, String endpoint) {
        RecordHeaders h = headers(id, model, type, time);
        if (endpoint != null) {
            h.add("ce_endpoint", endpoint.getBytes(StandardCharsets.UTF_8));
        }
        events.pipeInput(new TestRecord<>(id, body.getBytes(StandardCharsets.UTF_8), h, time));
    }

    /** The binary-mode CloudEvent headers the collector writes for one logger event (JSON content). */
    public static RecordHeaders headers(String id, String model, String type, Instant time) {
        return CollectorRecords.headers(id, model, type, time);
    }
}
