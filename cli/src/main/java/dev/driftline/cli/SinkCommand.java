package dev.driftline.cli;

import dev.driftline.config.Config;
import dev.driftline.sink.service.SinkKeys;
import dev.driftline.sink.service.SinkService;
import dev.driftline.sink.service.SinkSettings;
import dev.driftline.streams.app.MetricsHttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code driftline sink}: copies the driftline topics into the lake as Parquet, exactly once. */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = {"Copy driftline's topics into the lake as Parquet, exactly once, until SIGTERM.",
            "%nWrites inference_log, feature_profiles, drift_metrics, model_quality, alerts, labels, "
                    + "remediation_events and dead_letters as ZSTD Parquet under "
                    + "<table>/model=<m>/dt=YYYY-MM-DD/hour=HH/, exactly once (deterministic keys, offsets committed "
                    + "after the upload, multipart uploads aborted, temp files renamed). Records it cannot read go to "
                    + "dead_letters. At start-up it waits up to --startup-timeout (default 60s) for Kafka, saying what "
                    + "it waits for, then exits 1.",
            "%nConfiguration: defaults < --config file < DRIFTLINE_*/KAFKA_* variables < flags; `driftline "
                    + "config keys` lists every key."})
public final class SinkCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers, host:port[,...].")
    String bootstrapServers;

    @Option(names = "--lake", description = "s3://BUCKET/PREFIX, file:///DIR or a directory (default driftline-lake).")
    String lake;

    @Option(names = "--endpoint-url", description = "S3 endpoint instead of AWS's (moto, MinIO); path-style.")
    String endpointUrl;

    @Option(names = "--region", description = "AWS region (default: the SDK's chain, else us-east-1).")
    String region;

    @Option(names = "--sse-kms-key-id", description = "SSE-KMS key id or ARN for the objects (S3 lakes).")
    String kmsKeyId;

    @Option(names = "--topic-prefix", description = "Topic prefix (default driftline.).")
    String prefix;

    @Option(names = "--group-id", description = "Consumer group (default driftline-sink).")
    String groupId;

    @Option(names = "--tables", description = "Tables to write, comma-separated (default: all eight).")
    String tables;

    @Option(names = "--max-open", description = "Write a partition's open batch after this long, e.g. 1m (default).")
    String maxOpen;

    @Option(names = "--metrics-port", description = "Port of /metrics, /healthz, /readyz (default 9465; -1 off).")
    Integer metricsPort;

    @Option(names = "--startup-timeout", paramLabel = "DURATION",
            description = "How long to wait for Kafka at start-up before exiting non-zero, e.g. 30s (default 60s).")
    String startupTimeout;

    @Option(names = "--config", description = "Properties file with sink.* and kafka.* keys.")
    Path configFile;

    @Option(names = "--print-config", description = "Print the effective configuration (secrets masked) and exit.")
    boolean printConfig;

    @Override
    public Integer call() throws Exception {
        Config config = Config.builder(SinkKeys.ALL).file(configFile).env(System.getenv())
                .flag(SinkKeys.BOOTSTRAP_SERVERS, bootstrapServers).flag(SinkKeys.LAKE, lake)
                .flag(SinkKeys.ENDPOINT_URL, endpointUrl).flag(SinkKeys.REGION, region)
                .flag(SinkKeys.SSE_KMS_KEY_ID, kmsKeyId)
                .flag(SinkKeys.TOPIC_PREFIX, prefix).flag(SinkKeys.GROUP_ID, groupId).flag(SinkKeys.TABLES, tables)
                .flag(SinkKeys.ROTATE_MAX_OPEN, maxOpen).flag(SinkKeys.METRICS_PORT, metricsPort)
                .flag(SinkKeys.STARTUP_TIMEOUT, startupTimeout).build();
        if (printConfig) {
            System.out.print(config.describe());
            return 0;
        }
        SinkSettings settings = SinkSettings.from(config);
        KafkaStartup.await("driftline sink", settings.bootstrapServers(), settings.kafkaProperties(),
                config.get(SinkKeys.STARTUP_TIMEOUT));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SinkService sink = SinkService.start(settings, registry);
        MetricsHttpServer http = settings.metricsPort() < 0 ? null
                : MetricsHttpServer.start(settings.metricsHost(), settings.metricsPort(), registry, sink::isRunning,
                        "the sink loop is not running");
        Shutdown.onSignal(() -> {
            sink.close(Duration.ofSeconds(60));
            if (http != null) {
                http.close();
            }
            registry.close();
        });
        System.out.println("driftline sink: writing " + settings.tables().size() + " tables from "
                + settings.topicPrefix() + "* to " + sink.lake()
                + (http != null ? "; metrics on http://" + settings.metricsHost() + ":" + http.port() + "/metrics" : "")
                + "; stop with SIGTERM");
        return Shutdown.runUntilSignal("driftline sink", sink::isRunning, sink::failure, () -> {
            if (http != null) {
                http.close();
            }
        });
    }
}
