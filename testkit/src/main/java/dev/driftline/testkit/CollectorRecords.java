package dev.driftline.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Inference events exactly as the collector writes them to {@code <prefix>inference.events}: CloudEvents binary
 * binding ({@code ce_*} headers), key = event id, value = the KServe body as JSON. Producing them directly lets a test
 * choose each event's partition, time and id without an HTTP hop. The collector's own tests check these header names
 * against what it writes; everything else builds its events here.
 */
public final class CollectorRecords {
    /** {@code ce_type} of a request, as KServe's inference logger sends it. */
    public static final String REQUEST = "org.kubeflow.serving.inference.request";
    /** {@code ce_type} of a response. */
    public static final String RESPONSE = "org.kubeflow.serving.inference.response";

    private CollectorRecords() {
    }

    /** The binary-mode CloudEvent headers of one logger event with JSON content. */
    public static RecordHeaders headers(String id, String model, String type, Instant time) {
        RecordHeaders h = new RecordHeaders();
        h.add("ce_id", id.getBytes(StandardCharsets.UTF_8));
        h.add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        h.add("ce_time", time.toString().getBytes(StandardCharsets.UTF_8));
        h.add("ce_inferenceservicename", model.getBytes(StandardCharsets.UTF_8));
        h.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        return h;
    }

    /** One event; {@code partition} null lets the producer hash the id, as the collector does. */
    public static ProducerRecord<byte[], byte[]> event(String topic, Integer partition, String model, String id,
                                                       String type, Instant time, String body) {
        return new ProducerRecord<>(topic, partition, id.getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8), headers(id, model, type, time));
    }
}
