package dev.driftline.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, acceptance 4: the Prometheus config the demo writes scrapes its collector and streams endpoints, loads the
 * shipped rules (a verbatim copy of deploy/prometheus/rules/driftline.rules.yaml), and Debian's {@code promtool check
 * config} accepts it; the printed command names it.
 */
class DemoPrometheusTest {
    @Test
    void theDemosPrometheusConfigLoadsTheShippedRulesAndScrapesItsServices(@TempDir Path dir) throws Exception {
        DemoPrometheus.Setup s = DemoPrometheus.write(dir, 18080, 19464);
        Path shipped = Path.of(System.getProperty("basedir", "."), "..", "deploy/prometheus/rules/driftline.rules.yaml");
        assertThat(Files.readString(s.rules())).isEqualTo(Files.readString(shipped));
        String config = Files.readString(s.config());
        assertThat(config).contains("- " + s.rules(), "job_name: driftline-collector", "targets: ['127.0.0.1:18080']",
                "job_name: driftline-streams", "targets: ['127.0.0.1:19464']");
        assertThat(s.command()).isEqualTo("prometheus --config.file=" + s.config() + " --storage.tsdb.path="
                + dir.toAbsolutePath().normalize().resolve("prometheus/data") + " --web.listen-address=127.0.0.1:9090");
        assertThat(s.metricsUrls()).containsExactly("http://127.0.0.1:18080/metrics", "http://127.0.0.1:19464/metrics");
        Process p;
        try {
            p = new ProcessBuilder("promtool", "check", "config", s.config().toString()).redirectErrorStream(true)
                    .start();
        } catch (java.io.IOException e) {
            throw new AssertionError("promtool is needed: apt-get update && apt-get install -y prometheus", e);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("SUCCESS: 12 rules found");
    }
}
