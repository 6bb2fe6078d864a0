package dev.driftline.streams;

import dev.driftline.contracts.Topics;
import dev.driftline.streams.support.DeadLetteringDeserializationHandler;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Properties of a TopologyTestDriver as {@code driftline streams} sets them (dead-lettering deserialization), each
 * with a state directory of its own: the default one under /tmp is shared by every build on the machine, and two
 * builds running the same test at once would fight over its RocksDB locks.
 */
public final class TestDrivers {
    private TestDrivers() {
    }

    public static Properties properties(String applicationId, Topics topics) {
        Properties p = new Properties();
        DeadLetteringDeserializationHandler.configure(p, topics);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        try {
            File dir = Files.createTempDirectory("driftline-ttd-").toFile();
            dir.deleteOnExit(); // the driver's close() empties it but leaves the directory itself
            p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
