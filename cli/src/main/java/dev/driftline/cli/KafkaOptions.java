package dev.driftline.cli;

import picocli.CommandLine.Option;

/** The Kafka flags every Kafka-facing command shares (a picocli mixin), spelled and documented once. */
final class KafkaOptions {
    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers, host:port[,...].")
    String bootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = "driftline.", description = "Topic prefix (default: ${DEFAULT-VALUE}).")
    String prefix;
}
