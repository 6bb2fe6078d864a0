package dev.driftline.system;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.bench.support.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's real {@code prometheus} scraping driftline's services every second with the shipped alert rules (the
 * CLI jar's copy of {@code deploy/prometheus/rules/driftline.rules.yaml}), every {@code for:} shortened to 10 s so a
 * test sees a rule fire in seconds. Without {@code prometheus} on the PATH the test fails saying how to install it.
 */
public final class PrometheusProcess implements AutoCloseable {
    private static final String RULES = "/dev/driftline/cli/demo/prometheus/driftline.rules.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Process process;
    private final URI api;
    private final Path log;

    private PrometheusProcess(Process process, URI api, Path log) {
        this.process = process;
        this.api = api;
        this.log = log;
    }

    /** Starts Prometheus in {@code dir} scraping {@code targets} (job name → host:port) and waits until ready. */
    public static PrometheusProcess start(Path dir, Map<String, List<String>> targets) throws Exception {
        Files.createDirectories(dir);
        Path rules = dir.resolve("rules-fast.yaml");
        try (InputStream in = PrometheusProcess.class.getResourceAsStream(RULES)) {
            if (in == null) {
                throw new IllegalStateException("the CLI jar lacks " + RULES);
            }
            String shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Files.writeString(rules, shipped.replaceAll("(?m)^(\\s+for: )\\d+m$", "$110s"));
        }
        StringBuilder config = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                """.formatted(rules));
        targets.forEach((job, hosts) -> config.append("  - job_name: ").append(job)
                .append("\n    static_configs:\n      - targets: ['").append(String.join("', '", hosts))
                .append("']\n"));
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, config);
        int port = Ports.freeLoopbackPort();
        Path log = dir.resolve("prometheus.log");
        Process p;
        try {
            p = new ProcessBuilder("prometheus", "--config.file=" + file, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("prometheus is needed by this test and was not found: install it with "
                    + "`apt-get update && apt-get install -y prometheus` (.ci/run does)", e);
        }
        PrometheusProcess prometheus = new PrometheusProcess(p, URI.create("http://127.0.0.1:" + port), log);
        Await.until("Prometheus ready", Duration.ofSeconds(60), prometheus::ready, prometheus::logTail);
        return prometheus;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            fail("prometheus exited: %s", logTail());
        }
        try {
            return http.send(HttpRequest.newBuilder(api.resolve("/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** An instant query's result vector ({@code data.result}). */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.resolve("/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("data").path("result");
    }

    /** The values of {@code label} over a query's result series. */
    public List<String> labels(String promql, String label) throws IOException, InterruptedException {
        return java.util.stream.StreamSupport.stream(query(promql).spliterator(), false)
                .map(s -> s.path("metric").path(label).asText()).toList();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
