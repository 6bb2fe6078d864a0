package dev.driftline.collector;

import dev.driftline.contracts.inference.InferenceEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A collector's event as a Kafka record of {@code inference.events}, in the CloudEvents Kafka protocol binding's
 * binary content mode as {@link InferenceEvent} defines it: attributes as headers, the data as the value, the event
 * id as the key (a KServe request and its response land in the same partition).
 */
public final class EventRecords {
    public static final String HEADER_PREFIX = InferenceEvent.HEADER_PREFIX;
    public static final String CONTENT_TYPE_HEADER = InferenceEvent.CONTENT_TYPE_HEADER;

    private EventRecords() {
    }

    public static ProducerRecord<byte[], byte[]> toRecord(String topic, CloudEvent event) {
        byte[] key = event.id().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, key, event.data(), InferenceEvent.headers(event.attributes()));
    }
}
