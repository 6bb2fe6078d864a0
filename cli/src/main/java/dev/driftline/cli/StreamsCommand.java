package dev.driftline.cli;

import dev.driftline.config.Config;
import dev.driftline.streams.app.DriftlineStreams;
import dev.driftline.streams.app.StreamsKeys;
import dev.driftline.streams.app.StreamsSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code driftline streams}: the Kafka Streams jobs, from raw inference events to drift reports and alerts. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = {"Run the streaming jobs until SIGTERM: from inference events to drift reports and alerts.",
            "%nWith exactly_once_v2 it pairs, dedupes and normalises inference events (bad ones to the "
                    + "dead-letter topic), profiles them per window, evaluates drift against each model's baseline, "
                    + "opens and resolves alerts, and serves /metrics. At start-up it waits up to --startup-timeout "
                    + "(default 60s) for Kafka, saying what it waits for, then exits 1.",
            "%nConfiguration: defaults < --config file < DRIFTLINE_*/KAFKA_* variables < flags; `driftline "
                    + "config keys` lists every key."})
public final class StreamsCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers, host:port[,...].")
    String bootstrapServers;

    @Option(names = "--topic-prefix", description = "Topic prefix (default driftline.).")
    String prefix;

    @Option(names = "--state-dir", description = "Local state directory (default streams-state).")
    Path stateDir;

    @Option(names = "--application-id", description = "Kafka Streams application id (default driftline-streams).")
    String applicationId;

    @Option(names = "--window", description = "Window length for every model, e.g. 5m, 1h, 1d (default 5m).")
    String window;

    @Option(names = "--grace", description = "Grace for late events, e.g. 30s (default 30s).")
    String grace;

    @Option(names = "--pairing-wait", description = "How long a request waits for its response, e.g. 60s.")
    String pairingWait;

    @Option(names = "--alpha", description = "Family-wise significance level of p-value tests (default 0.002).")
    Double alpha;

    @Option(names = "--metrics-port", description = "Port of /metrics, /healthz, /readyz (default 9464; -1 off).")
    Integer metricsPort;

    @Option(names = "--startup-timeout", paramLabel = "DURATION",
            description = "How long to wait for Kafka at start-up before exiting non-zero, e.g. 30s (default 60s).")
    String startupTimeout;

    @Option(names = "--config", description = "Properties file with streams.* and kafka.* keys.")
    Path configFile;

    @Option(names = "--print-config", description = "Print the effective configuration (secrets masked) and exit.")
    boolean printConfig;

    @Override
    public Integer call() throws Exception {
        Config.Builder b = Config.builder(StreamsKeys.ALL);
        StreamsKeys.OPEN_PREFIXES.forEach(b::openPrefix);
        Config config = b.file(configFile).env(System.getenv())
                .flag(StreamsKeys.BOOTSTRAP_SERVERS, bootstrapServers).flag(StreamsKeys.TOPIC_PREFIX, prefix)
                .flag(StreamsKeys.STATE_DIR, stateDir).flag(StreamsKeys.APPLICATION_ID, applicationId)
                .flag(StreamsKeys.WINDOW, window).flag(StreamsKeys.GRACE, grace)
                .flag(StreamsKeys.PAIRING_WAIT, pairingWait).flag(StreamsKeys.DRIFT_ALPHA, alpha)
                .flag(StreamsKeys.METRICS_PORT, metricsPort)
                .flag(StreamsKeys.STARTUP_TIMEOUT, startupTimeout).build();
        if (printConfig) {
            System.out.print(config.describe());
            return 0;
        }
        StreamsSettings settings = StreamsSettings.from(config);
        KafkaStartup.await("driftline streams", settings.bootstrapServers(), settings.kafkaProperties(),
                config.get(StreamsKeys.STARTUP_TIMEOUT));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DriftlineStreams app = DriftlineStreams.start(settings, registry);
        if (!app.createdTopics().isEmpty()) {
            System.out.println("driftline streams: created topics " + app.createdTopics());
        }
        Shutdown.onSignal(app::close);
        System.out.println("driftline streams: running (" + settings.applicationId() + ", window "
                + settings.window().size() + ", grace " + settings.window().grace() + ", "
                + settings.streamThreadsPhrase() + ") from "
                + settings.topics().inferenceEvents.name()
                + (app.metricsPort() >= 0 ? "; metrics on http://" + settings.metricsHost() + ":" + app.metricsPort()
                + "/metrics" : "") + "; stop with SIGTERM");
        Shutdown.awaitSignal();
        return 0;
    }
}
