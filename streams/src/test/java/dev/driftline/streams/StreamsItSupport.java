package dev.driftline.streams;

import dev.driftline.streams.support.DeadLetteringDeserializationHandler;

import dev.driftline.contracts.Topic;
import dev.driftline.contracts.Topics;
import dev.driftline.testkit.CollectorRecords;
import dev.driftline.testkit.KafkaBroker;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;

/** What the real-broker ITs share: the collector's record shape and exactly-once Streams settings. */
public final class StreamsItSupport {
    private StreamsItSupport() {
    }

    /** An inference event as the collector writes it (binary binding: ce_* headers, key = event id). */
    public static ProducerRecord<byte[], byte[]> event(Topics topics, String id, String type, Instant time, String model,
                                                String body) {
        return CollectorRecords.event(topics.inferenceEvents.name(), null, model, id, type, time, body);
    }

    /** Creates every driftline topic under the prefix, as declared. */
    public static void createAll(KafkaBroker kafka, Topics topics) {
        for (Topic<?, ?> t : topics.all()) {
            kafka.createTopic(t.name(), t.partitions());
        }
    }

    /** exactly_once_v2 with a short commit interval so outputs appear quickly. */
    public static Properties eosProperties(KafkaBroker kafka, String applicationId, Path stateDir, Topics topics) {
        Properties p = new Properties();
        DeadLetteringDeserializationHandler.configure(p, topics); // as driftline streams sets it
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        return p;
    }
}
