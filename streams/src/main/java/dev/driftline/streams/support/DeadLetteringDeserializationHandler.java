package dev.driftline.streams.support;

import dev.driftline.contracts.RecordFormatException;
import dev.driftline.contracts.Topic;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the streaming jobs do with a record their input serde cannot read (a value that does not follow its topic's
 * format, e.g. a hand-produced drift report or a newer schema version): it is not lost and does not stop the job —
 * it goes to the dead-letter topic whole, with the codec's reason ({@code not_json}, {@code unknown_schema_version},
 * {@code missing_field}, {@code bad_value}, …), the message naming the source topic, partition and offset, and
 * {@code dl_stage = deserialize}; then processing resumes. The dead letter is produced in the task's transaction.
 *
 * <p>The dead-letter topic is {@value #TOPIC_CONFIG} from the Streams properties ({@link #configure(Properties,
 * Topics)} sets it); without it the record is logged and skipped.
 */
public final class DeadLetteringDeserializationHandler implements DeserializationExceptionHandler {
    /** Streams property naming the dead-letter topic. */
    public static final String TOPIC_CONFIG = "driftline.deadletter.topic";
    /** Streams property listing the topics whose record key is the model (comma-separated). */
    public static final String MODEL_KEYED_CONFIG = "driftline.deadletter.model-keyed-topics";
    /** {@code dl_stage} of these dead letters. */
    public static final String STAGE = "deserialize";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetteringDeserializationHandler.class);

    private String topic;
    private Set<String> modelKeyed = Set.of();

    /** Sets this handler and its dead-letter topic on Kafka Streams properties. */
    public static void configure(Properties streams, Topics topics) {
        streams.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetteringDeserializationHandler.class.getName());
        streams.put(TOPIC_CONFIG, topics.deadLetter.name());
        streams.put(MODEL_KEYED_CONFIG, String.join(",", topics.all().stream()
                .filter(t -> Topics.MODEL_KEY.equals(t.key())).map(Topic::name).toList()));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object t = configs.get(TOPIC_CONFIG);
        topic = t == null ? null : t.toString();
        Object m = configs.get(MODEL_KEYED_CONFIG);
        modelKeyed = m == null || m.toString().isBlank() ? Set.of() : Set.of(m.toString().split(","));
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        String reason = exception instanceof RecordFormatException f ? f.reason() : "unreadable";
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        LOG.warn("dead-lettering an unreadable record of {} ({}): {}", where, reason, exception.getMessage());
        if (topic == null || topic.equals(record.topic())) {
            return Response.resume();
        }
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        new DeadLetter(record.value(), reason, where + ": " + exception.getMessage(), null, STAGE,
                model(record.topic(), record.key())).writeHeaders(headers);
        return Response.resume(List.of(new ProducerRecord<>(topic, null, record.timestamp(), record.key(),
                record.value(), headers)));
    }

    /** The record key of model-keyed topics names the model, so the lake files the dead letter under it. */
    private String model(String topic, byte[] key) {
        return key == null || !modelKeyed.contains(topic) ? null : new String(key, StandardCharsets.UTF_8);
    }
}
