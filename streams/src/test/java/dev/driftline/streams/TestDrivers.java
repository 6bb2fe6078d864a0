package dev.driftline.streams;

import dev.driftline.contracts.Topics;
import dev.driftline.streams.support.DeadLetteringDeserializationHandler;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** Properties of a TopologyTestDriver as {@code driftline streams} sets them (dead-lettering deserialization). */
public final class TestDrivers {
    private TestDrivers() {
    }

    public static Properties properties(String applicationId, Topics topics) {
        Properties p = new Properties();
        DeadLetteringDeserializationHandler.configure(p, topics);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        return p;
    }
}
