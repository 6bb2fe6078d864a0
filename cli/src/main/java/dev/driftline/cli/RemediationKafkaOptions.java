package dev.driftline.cli;

import dev.driftline.config.Config;
import dev.driftline.config.ConfigException;
import dev.driftline.config.Parsers;
import dev.driftline.config.UserInputException;
import dev.driftline.contracts.Topics;
import dev.driftline.remediation.service.RemediationKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The Kafka flags of the {@code driftline remediation} sub-commands (a picocli mixin). They resolve through the
 * remediation service's own keys and layers (defaults < --config < DRIFTLINE_* / KAFKA_* < flags), so the service's
 * config file, with its {@code kafka.*} security settings, works unchanged for the operator's commands. Flags given
 * before the sub-command ({@code driftline remediation --config f status}) count too.
 */
final class RemediationKafkaOptions {
    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers, host:port[,...].")
    String bootstrapServers;

    @Option(names = "--topic-prefix", description = "Topic prefix (default driftline.).")
    String prefix;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with remediation.* and kafka.* keys (e.g. the service's, for SASL/TLS).")
    Path configFile;

    @Option(names = "--kafka-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long to wait for Kafka before giving up (default: ${DEFAULT-VALUE}).")
    String kafkaTimeout;

    /** The layered configuration; {@code parent} supplies flags given before the sub-command (may be null). */
    Config config(RemediationServiceCommand parent) {
        Path file = configFile != null ? configFile : parent == null ? null : parent.configFile;
        return Config.builder(RemediationKeys.ALL).file(file).env(System.getenv())
                .flag(RemediationKeys.BOOTSTRAP_SERVERS, parent == null ? null : parent.bootstrapServers)
                .flag(RemediationKeys.TOPIC_PREFIX, parent == null ? null : parent.prefix)
                .flag(RemediationKeys.POLICY, parent == null ? null : parent.policy)
                .flag(RemediationKeys.BOOTSTRAP_SERVERS, bootstrapServers)
                .flag(RemediationKeys.TOPIC_PREFIX, prefix).build();
    }

    /** Clients for the topics of {@code config}. */
    RemediationKafka connect(Config config) {
        Properties kafka = config.kafkaProperties();
        String servers = config.find(RemediationKeys.BOOTSTRAP_SERVERS).orElse(kafka.getProperty("bootstrap.servers"));
        if (servers == null || servers.isBlank()) {
            throw new ConfigException("bootstrap-servers is required (--bootstrap-servers, "
                    + RemediationKeys.BOOTSTRAP_SERVERS.envName() + " or KAFKA_BOOTSTRAP_SERVERS)");
        }
        Duration timeout = duration("--kafka-timeout", kafkaTimeout);
        if (timeout.isZero()) {
            throw new UserInputException("--kafka-timeout: must be more than 0");
        }
        return new RemediationKafka(servers, kafka, new Topics(config.get(RemediationKeys.TOPIC_PREFIX)), timeout);
    }

    /** A duration flag: 30s, 2m, 500ms, or a bare number of seconds (so {@code --wait 0} reads naturally). */
    static Duration duration(String flag, String text) {
        try {
            return text.trim().matches("\\d+") ? Duration.ofSeconds(Long.parseLong(text.trim()))
                    : Parsers.DURATION_PARSER.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(flag + ": " + e.getMessage() + ", got '" + text + "'");
        }
    }
}
