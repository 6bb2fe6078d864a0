package dev.driftline.cli;

import dev.driftline.contracts.Topics;
import picocli.CommandLine.Option;

/** The Kafka flags every Kafka-facing command shares (a picocli mixin), spelled and documented once. */
final class KafkaOptions {
    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers, host:port[,...].")
    String bootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = "driftline.", description = "Topic prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    /** The topics under {@link #prefix}. */
    Topics topics() {
        return new Topics(prefix);
    }
}
