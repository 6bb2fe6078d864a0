package dev.driftline.system.faults.pipeline;

import dev.driftline.testkit.CollectorRecords;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Inference events exactly as the collector writes them to {@code <prefix>inference.events}: CloudEvents binary
 * binding ({@code ce_*} headers), key = event id, value = the KServe body. Producing them directly lets a test choose
 * each event's partition, time and id (duplicates, late and future events) without an HTTP hop.
 */
public final class CollectorEvents {
    public static final String REQUEST = CollectorRecords.REQUEST;
    public static final String RESPONSE = CollectorRecords.RESPONSE;

    private CollectorEvents() {
    }

    /** One event; {@code partition} null lets the producer hash the id, as the collector does. */
    public static ProducerRecord<byte[], byte[]> event(String topic, Integer partition, String model, String id,
            String type, Instant time, String body) {
        return CollectorRecords.event(topic, partition, model, id, type, time, body);
    }

    /** A KServe V1 request of {@code rows} rows of three numeric features, derived from {@code seed}. */
    public static String requestBody(int seed, int rows) {
        StringBuilder sb = new StringBuilder("{\"instances\":[");
        for (int r = 0; r < rows; r++) {
            if (r > 0) {
                sb.append(", ");
            }
            sb.append('[').append(seed + r * 0.25).append(", ").append((seed % 7) * 1.5).append(", ")
                    .append(seed % 50).append(']');
        }
        return sb.append("]}").toString();
    }

    /** The matching KServe V1 response: one scalar prediction per row. */
    public static String responseBody(int seed, int rows) {
        StringBuilder sb = new StringBuilder("{\"predictions\":[");
        for (int r = 0; r < rows; r++) {
            if (r > 0) {
                sb.append(", ");
            }
            sb.append((seed + r) % 2);
        }
        return sb.append("]}").toString();
    }
}
