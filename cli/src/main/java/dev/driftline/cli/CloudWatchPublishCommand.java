package dev.driftline.cli;

import dev.driftline.config.Config;
import dev.driftline.sink.cloudwatch.CloudWatchKeys;
import dev.driftline.sink.cloudwatch.CloudWatchService;
import dev.driftline.sink.cloudwatch.CloudWatchSettings;
import dev.driftline.streams.app.MetricsHttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code driftline cloudwatch publish}: the drift and model-quality topics into CloudWatch until SIGTERM. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publish each evaluated window to CloudWatch until SIGTERM, in Model Monitor's names.",
            "%nReads <prefix>drift and <prefix>model-quality with its own consumer group (driftline-cloudwatch, "
                    + "read_committed) and publishes feature_baseline_drift_<f>, feature_non_null_<f> and "
                    + "constraint_violations_<check> under /aws/sagemaker/Endpoints/data-metric, model quality "
                    + "(accuracy, f1, rmse, ...) under /aws/sagemaker/Endpoints/model-metrics, dimensions "
                    + "EndpointName and ScheduleName, timestamped at the window's end. Offsets are committed after "
                    + "CloudWatch accepted the data; the pipeline never waits for CloudWatch.",
            "Configuration: defaults < --config file < DRIFTLINE_*/KAFKA_* variables < flags;"
                    + " `driftline config keys` lists every cloudwatch.* key."})
public final class CloudWatchPublishCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers, host:port[,...].")
    String bootstrapServers;

    @Option(names = "--endpoint-url", description = "CloudWatch endpoint instead of AWS's (e.g. moto).")
    String endpointUrl;

    @Option(names = "--region", description = "AWS region (default: the SDK's chain, else us-east-1).")
    String region;

    @Option(names = "--topic-prefix", description = "Topic prefix (default driftline.).")
    String prefix;

    @Option(names = "--group-id", description = "Consumer group (default driftline-cloudwatch).")
    String groupId;

    @Option(names = "--metrics-port", description = "Port of /metrics, /healthz, /readyz (default 9467; -1 off).")
    Integer metricsPort;

    @Option(names = "--config", description = "Properties file with cloudwatch.* and kafka.* keys.")
    Path configFile;

    @Option(names = "--print-config", description = "Print the effective configuration (secrets masked) and exit.")
    boolean printConfig;

    /** The layered configuration of the publisher and the alarms command. */
    static Config config(Path file, String bootstrapServers, String endpointUrl, String region, String prefix,
                         String groupId, Integer metricsPort) {
        Config.Builder b = Config.builder(CloudWatchKeys.ALL);
        CloudWatchKeys.OPEN_PREFIXES.forEach(b::openPrefix);
        return b.file(file).env(System.getenv()).flag(CloudWatchKeys.BOOTSTRAP_SERVERS, bootstrapServers)
                .flag(CloudWatchKeys.ENDPOINT_URL, endpointUrl).flag(CloudWatchKeys.REGION, region)
                .flag(CloudWatchKeys.TOPIC_PREFIX, prefix).flag(CloudWatchKeys.GROUP_ID, groupId)
                .flag(CloudWatchKeys.METRICS_PORT, metricsPort).build();
    }

    @Override
    public Integer call() throws Exception {
        Config config = config(configFile, bootstrapServers, endpointUrl, region, prefix, groupId, metricsPort);
        if (printConfig) {
            System.out.print(config.describe());
            return 0;
        }
        CloudWatchSettings settings = CloudWatchSettings.from(config);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CloudWatchService service = CloudWatchService.start(settings, registry);
        MetricsHttpServer http = settings.metricsPort() < 0 ? null
                : MetricsHttpServer.start(settings.metricsHost(), settings.metricsPort(), registry,
                        service::isRunning, "the CloudWatch publisher is not running");
        Shutdown.onSignal(() -> {
            service.close(Duration.ofSeconds(30));
            if (http != null) {
                http.close();
            }
            registry.close();
        });
        System.out.println("driftline cloudwatch: publishing " + settings.topicPrefix() + "drift and "
                + settings.topicPrefix() + "model-quality to " + settings.naming().dataNamespace() + " and "
                + settings.naming().qualityNamespace()
                + (http != null ? "; metrics on http://" + settings.metricsHost() + ":" + http.port() + "/metrics" : "")
                + "; stop with SIGTERM");
        return Shutdown.runUntilSignal("driftline cloudwatch", service::isRunning, service::failure, () -> {
            if (http != null) {
                http.close();
            }
        });
    }
}
