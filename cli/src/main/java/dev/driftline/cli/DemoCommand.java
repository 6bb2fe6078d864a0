package dev.driftline.cli;

import dev.driftline.cli.bench.BrokerProcess;
import dev.driftline.cli.bench.KServeEvents;
import dev.driftline.cli.bench.LoadGenerator;
import dev.driftline.collector.Collector;
import dev.driftline.collector.CollectorKeys;
import dev.driftline.collector.CollectorSettings;
import dev.driftline.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code driftline demo}: the platform on one machine with nothing installed but a JDK. Today: a real Kafka
 * broker process and the collector, fed a burst of KServe-style traffic to show the path works, then left
 * running for your own requests. The streaming drift jobs join it as they land.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run driftline locally: a real Kafka broker (child process, data in --data-dir) and the",
            "collector on --port, fed sample KServe traffic; then serve until Ctrl-C / SIGTERM."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "demo-data", description = "Broker data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "8080", description = "Collector HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--kafka-port", defaultValue = "19092", description = "Broker port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--sample-events", defaultValue = "2000",
            description = "Sample events sent at start (default: ${DEFAULT-VALUE}); 0 sends none.")
    int sampleEvents;

    @Option(names = "--exit-after-sample", description = "Stop after the sample instead of serving.")
    boolean exitAfterSample;

    @Override
    public Integer call() throws Exception {
        System.out.println("demo: starting Kafka (KRaft) on 127.0.0.1:" + kafkaPort + ", data in "
                + dataDir.toAbsolutePath().resolve("broker"));
        try (BrokerProcess broker = BrokerProcess.start(dataDir.resolve("broker"), kafkaPort, kafkaPort + 1,
                Duration.ofSeconds(90))) {
            CollectorSettings settings = CollectorSettings.from(Config.builder(CollectorKeys.ALL)
                    .openPrefix(CollectorKeys.REDACTION_MODEL_PREFIX).env(System.getenv())
                    .flag(CollectorKeys.BOOTSTRAP_SERVERS, broker.bootstrapServers()).flag(CollectorKeys.PORT, port)
                    .flag(CollectorKeys.HOST, "127.0.0.1").flag(CollectorKeys.PRINT_CONFIG, false).build());
            try (Collector collector = Collector.start(settings)) {
                if (!collector.awaitReady(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("Kafka did not become ready within 60 s");
                }
                System.out.println("demo: collector on http://127.0.0.1:" + collector.port() + "/ -> topic "
                        + settings.eventsTopic());
                if (sampleEvents > 0) {
                    sample(collector);
                }
                if (exitAfterSample) {
                    return 0;
                }
                System.out.println("demo: try it:");
                System.out.println("  curl -i http://127.0.0.1:" + collector.port() + "/ -H 'Ce-Specversion: 1.0' "
                        + "-H 'Ce-Id: my-1' -H 'Ce-Source: curl' -H 'Ce-Type: org.kubeflow.serving.inference.request' "
                        + "-H 'Ce-Inferenceservicename: iris' -H 'Content-Type: application/json' "
                        + "-d '{\"instances\": [[6.8, 2.8, 4.8, 1.4]]}'");
                System.out.println("  curl -s http://127.0.0.1:" + collector.port() + "/metrics | grep driftline_");
                System.out.println("demo: running; stop with Ctrl-C (broker data is kept in " + dataDir + ")");
                Shutdown.onSignal(() -> { });
                Shutdown.awaitSignal();
                System.out.println("demo: stopping ...");
            }
        }
        return 0;
    }

    private void sample(Collector collector) throws InterruptedException {
        try (LoadGenerator gen = new LoadGenerator("127.0.0.1", collector.port(), 8, new KServeEvents(350, 16, 7))) {
            LoadGenerator.Result r = gen.count(sampleEvents, Duration.ofSeconds(60));
            System.out.printf("demo: sent %d KServe V2 request/response events over HTTP: %d accepted (202, on Kafka),"
                    + " %d refused; latency p50 %.1f ms, p99 %.1f ms (cold JVM)%n", r.accepted() + r.failed(),
                    r.accepted(), r.failed(), r.percentileMillis(50), r.percentileMillis(99));
        }
    }
}
