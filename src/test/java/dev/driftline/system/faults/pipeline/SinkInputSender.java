package dev.driftline.system.faults.pipeline;

import dev.driftline.testkit.PacedSender;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Feeds the sink's input topics directly, at a steady rate: record i is one normalised inference row on
 * {@code inference.records} (partition i mod 6, as the pipeline's keys would not spread one model) and one label
 * for it on {@code labels} (key = inference id), both with id {@code <prefix>-%06d}, row 0.
 */
public final class SinkInputSender extends PacedSender {
    private final String recordsTopic;
    private final String labelsTopic;
    private final String model;
    private final String idPrefix;
    private final int total;
    private final Instant base;

    public SinkInputSender(KafkaProducer<byte[], byte[]> producer, String recordsTopic, String labelsTopic,
            String model, String idPrefix, int total, int perSecond, Instant base) {
        super("sink-input-sender", producer, total, perSecond);
        this.recordsTopic = recordsTopic;
        this.labelsTopic = labelsTopic;
        this.model = model;
        this.idPrefix = idPrefix;
        this.total = total;
        this.base = base;
    }

    public String id(int i) {
        return String.format(Locale.ROOT, "%s-%06d", idPrefix, i);
    }

    /** {@code id#0} of every record. */
    public Set<String> keys() {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < total; i++) {
            out.add(id(i) + "#0");
        }
        return out;
    }

    @Override
    protected void send(int i) {
        String id = id(i);
        Instant t = base.plusMillis(i * 500L);
        String record = "{\"schema_version\":1,\"model\":\"" + model + "\",\"model_version\":null,"
                + "\"inference_id\":\"" + id + "\",\"row\":0,\"event_time\":\"" + t + "\",\"features\":"
                + "{\"x\":" + i + ",\"y\":" + (i % 13) * 0.5 + "},\"predictions\":{\"p\":" + (i % 2)
                + "},\"label\":null}";
        String label = "{\"inference_id\":\"" + id + "\",\"row\":0,\"model\":\"" + model + "\",\"label\":"
                + (i % 2) + ",\"event_time\":\"" + t.plusSeconds(30) + "\"}";
        producer.send(new ProducerRecord<>(recordsTopic, i % 6, model.getBytes(StandardCharsets.UTF_8),
                record.getBytes(StandardCharsets.UTF_8)), (md, e) -> check(e));
        producer.send(new ProducerRecord<>(labelsTopic, id.getBytes(StandardCharsets.UTF_8),
                label.getBytes(StandardCharsets.UTF_8)), (md, e) -> check(e));
    }
}
