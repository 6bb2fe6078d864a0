package dev.driftline.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the demo's metrics are, for a local Prometheus: writes {@code <data-dir>/prometheus/prometheus.yml} (scrape
 * jobs {@code driftline-collector} and {@code driftline-streams} — the streams endpoint also serves the lake sink's
 * meters — every 5 s) next to a copy of the shipped alert rules ({@code deploy/prometheus/rules/driftline.rules.yaml},
 * packaged into the CLI), and the one-line command that runs Prometheus on them.
 */
public final class DemoPrometheus {
    static final String RULES = "driftline.rules.yaml";
    static final String CONFIG = "prometheus.yml";

    /** What was written: the config, the rules and the command line. */
    public record Setup(Path config, Path rules, String command, List<String> metricsUrls) {
    }

    private DemoPrometheus() {
    }

    static Setup write(Path dataDir, int collectorPort, int streamsMetricsPort) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize().resolve("prometheus");
        Files.createDirectories(dir);
        Path rules = dir.resolve(RULES);
        try (InputStream in = DemoPrometheus.class.getResourceAsStream("prometheus/" + RULES)) {
            if (in == null) {
                throw new IllegalStateException("the CLI jar lacks dev/driftline/cli/demo/prometheus/" + RULES);
            }
            Files.copy(in, rules, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String collector = "127.0.0.1:" + collectorPort;
        String streams = "127.0.0.1:" + streamsMetricsPort;
        Path config = dir.resolve(CONFIG);
        Files.writeString(config, """
                # written by `driftline demo`: scrapes the demo's services and loads driftline's shipped alert rules
                global:
                  scrape_interval: 5s
                  evaluation_interval: 5s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: driftline-collector
                    static_configs:
                      - targets: ['%s']
                  - job_name: driftline-streams   # drift, alerts, pipeline lag, Kafka Streams and the lake sink
                    static_configs:
                      - targets: ['%s']
                """.formatted(rules, collector, streams));
        String command = "prometheus --config.file=" + config + " --storage.tsdb.path=" + dir.resolve("data")
                + " --web.listen-address=127.0.0.1:9090";
        return new Setup(config, rules, command, List.of("http://" + collector + "/metrics",
                "http://" + streams + "/metrics"));
    }
}
