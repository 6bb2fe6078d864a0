package dev.driftline.streams.pairing;

import dev.driftline.contracts.inference.InferenceEvent;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of an inference event: its {@code ce_time} attribute (when KServe received the request or finished
 * the response), else the record's own timestamp. Windows and pairing run on this, so replaying history at high
 * speed gives the same result as live traffic.
 */
public final class CloudEventTimeExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        // Kafka Streams extracts after deserializing: the event's attributes are decoded already
        String time = record.value() instanceof InferenceEvent e ? e.attribute("time")
                : InferenceEvent.attribute(record.headers(), "time");
        if (time != null) {
            long t = CloudEventTime.epochMillis(time);
            if (t != CloudEventTime.INVALID) {
                return t;
            }
            // the collector validates ce_time; anything else falls back to the broker's timestamp
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
