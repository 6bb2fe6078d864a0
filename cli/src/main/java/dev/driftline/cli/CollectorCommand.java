package dev.driftline.cli;

import dev.driftline.collector.Collector;
import dev.driftline.collector.CollectorKeys;
import dev.driftline.collector.CollectorSettings;
import dev.driftline.config.Config;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code driftline collector}: the HTTP endpoint KServe's inference logger posts CloudEvents to. */
@Command(name = "collector", mixinStandardHelpOptions = true,
        description = {"Receive KServe inference-logger CloudEvents over HTTP and publish them to Kafka.",
            "%nAt start-up it waits up to --startup-timeout (default 60s) for Kafka, saying what it waits for, "
                    + "then exits 1; with 0s it starts at once and answers 503 until Kafka is reachable.",
            "%nConfiguration: defaults < --config file < DRIFTLINE_*/KAFKA_* variables < flags; `driftline "
                    + "config keys` lists every key."})
public final class CollectorCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(CollectorCommand.class);

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers, host:port[,...].")
    String bootstrapServers;

    @Option(names = "--port", description = "HTTP port (default 8080).")
    Integer port;

    @Option(names = "--host", description = "Interface to bind (default 0.0.0.0).")
    String host;

    @Option(names = "--startup-timeout", paramLabel = "DURATION",
            description = "How long to wait for Kafka at start-up before exiting non-zero, e.g. 30s (default 60s);"
                    + " 0s starts at once and answers 503 until Kafka is reachable.")
    String startupTimeout;

    @Option(names = "--config", description = "Properties file with collector.* and kafka.* keys.")
    Path configFile;

    @Option(names = "--print-config", description = "Print the effective configuration (secrets masked) and exit.")
    boolean printConfig;

    @Override
    public Integer call() throws Exception {
        Config config = Config.builder(CollectorKeys.ALL).openPrefix(CollectorKeys.REDACTION_MODEL_PREFIX)
                .file(configFile).env(System.getenv())
                .flag(CollectorKeys.BOOTSTRAP_SERVERS, bootstrapServers).flag(CollectorKeys.PORT, port)
                .flag(CollectorKeys.HOST, host)
                .flag(CollectorKeys.STARTUP_TIMEOUT, startupTimeout).build();
        CollectorSettings settings = CollectorSettings.from(config);
        if (printConfig) {
            System.out.print(config.describe());
            return 0;
        }
        if (config.get(CollectorKeys.PRINT_CONFIG)) {
            log.info("effective configuration:\n{}", config.describe());
        }
        if (!config.get(CollectorKeys.STARTUP_TIMEOUT).isZero()) { // 0s: start at once, 503 until Kafka answers
            KafkaStartup.await("driftline collector", settings.bootstrapServers(), settings.kafkaProperties(),
                    config.get(CollectorKeys.STARTUP_TIMEOUT));
        }
        Collector collector = Collector.start(settings);
        System.out.println("driftline collector: listening on port " + collector.port() + " (stop with SIGTERM)");
        Shutdown.onSignal(collector::close);
        Shutdown.awaitSignal();
        return 0;
    }
}
