package dev.driftline.collector;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * CloudEvents Kafka protocol binding, binary content mode: each attribute becomes a {@code ce_<name>} header,
 * {@code datacontenttype} becomes the {@code content-type} header, the data is the record value byte-for-byte.
 * The record key is the event id, so a KServe request and its response (same id) land in the same partition.
 */
public final class EventRecords {
    public static final String HEADER_PREFIX = "ce_";
    public static final String CONTENT_TYPE_HEADER = "content-type";

    private EventRecords() {
    }

    public static ProducerRecord<byte[], byte[]> toRecord(String topic, CloudEvent event) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, String> a : event.attributes().entrySet()) {
            String name = a.getKey().equals("datacontenttype") ? CONTENT_TYPE_HEADER : HEADER_PREFIX + a.getKey();
            headers.add(name, a.getValue().getBytes(StandardCharsets.UTF_8));
        }
        byte[] key = event.id().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, key, event.data(), headers);
    }
}
