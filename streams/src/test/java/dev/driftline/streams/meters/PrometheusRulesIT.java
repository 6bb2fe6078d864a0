package dev.driftline.streams.meters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.driftline.contracts.drift.DriftReport;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PrometheusRule shipped in {@code deploy/prometheus/} runs on what driftline really exposes: every metric its
 * rules name is in a scrape of driftline's own meters ({@link PipelineMeters}), Debian's real {@code promtool}
 * accepts the rules, and, fed that scrape as input series, fires ModelDriftDetected for the drifting model only, with
 * the {@code model_name} label users' existing rules and templates expect. Needs promtool
 * ({@code apt-get install -y prometheus}); without it the test fails saying so.
 */
class PrometheusRulesIT {
    private static final Path RULES = Path.of(System.getProperty("basedir", "."), "..", "deploy", "prometheus",
            "driftline-rules.yaml").normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern METRIC = Pattern.compile("\\b(driftline_[a-z0-9_]+)");

    /** A scrape after two reports (churn: half its features drift; iris: a tenth) and an open data_quality alert. */
    private static String scrape() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PipelineMeters meters = new PipelineMeters(registry);
        meters.onDriftReport(report("churn", 0.5), 1_000_000L);
        meters.onDriftReport(report("iris", 0.1), 1_000_000L);
        meters.onAlert("iris", "data_quality", "open", 1);
        return registry.scrape();
    }

    private static DriftReport report(String model, double driftedShare) {
        return new DriftReport(model, 0, 300_000, 1, 1200, DriftReport.Status.EVALUATED, 0L,
                DriftReport.Reference.baseline(), Map.of(), driftedShare > 0.3, (int) (driftedShare * 10), 10,
                driftedShare, List.of());
    }

    /** The {@code spec} of the PrometheusRule: a plain Prometheus rules file. */
    private static JsonNode rulesFile() throws IOException {
        JsonNode rule = YAML.readTree(RULES.toFile());
        assertThat(rule.path("kind").asText()).isEqualTo("PrometheusRule");
        return rule.get("spec");
    }

    @Test
    void everyMetricTheRulesUseIsOneDriftlineExposes() throws IOException {
        String scrape = scrape();
        Set<String> used = new LinkedHashSet<>();
        for (JsonNode g : rulesFile().get("groups")) {
            for (JsonNode r : g.get("rules")) {
                Matcher m = METRIC.matcher(r.get("expr").asText());
                while (m.find()) {
                    used.add(m.group(1));
                }
                assertThat(r.get("expr").asText()).as(r.get("alert").asText() + " maps model to model_name")
                        .contains("label_replace(").contains("\"model_name\", \"$1\", \"model\"");
            }
        }
        assertThat(used).isNotEmpty();
        for (String metric : used) {
            assertThat(scrape).as("driftline exposes " + metric).containsPattern("(?m)^" + metric + "\\{");
        }
    }

    @Test
    void promtoolFiresModelDriftDetectedWithTheModelNameLabel(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yml");
        YAML.writeValue(rules.toFile(), rulesFile());
        assertThat(promtool(dir, "check", "rules", rules.toString())).contains("SUCCESS");

        ObjectNode test = YAML.createObjectNode();
        test.putArray("rule_files").add("rules.yml");
        test.put("evaluation_interval", "1m");
        ObjectNode t = test.putArray("tests").addObject();
        t.put("interval", "1m");
        ArrayNode series = t.putArray("input_series");
        for (Map.Entry<String, String> s : series(scrape()).entrySet()) {
            series.addObject().put("series", s.getKey()).put("values", s.getValue() + "x20");
        }
        ArrayNode expected = t.putArray("alert_rule_test");
        ObjectNode drift = expected.addObject().put("eval_time", "15m").put("alertname", "ModelDriftDetected");
        ObjectNode churn = drift.putArray("exp_alerts").addObject();
        churn.putObject("exp_labels").put("severity", "warning").put("model", "churn").put("model_name", "churn");
        churn.putObject("exp_annotations").put("summary", "Input drift in model churn").put("description",
                "Model churn: 0.5 of its judged features drift in the latest window (driftline).");
        ObjectNode dq = expected.addObject().put("eval_time", "5m").put("alertname", "DataQualityViolation");
        ObjectNode iris = dq.putArray("exp_alerts").addObject();
        iris.putObject("exp_labels").put("severity", "warning").put("model", "iris").put("model_name", "iris")
                .put("kind", "data_quality");
        iris.putObject("exp_annotations").put("summary", "Data-quality violation: iris").put("description",
                "Model iris has 1 open data_quality alert(s) (see the driftline.alerts topic).");
        expected.addObject().put("eval_time", "15m").put("alertname", "ModelQualityDegraded").putArray("exp_alerts");
        Path tests = dir.resolve("tests.yml");
        YAML.writeValue(tests.toFile(), test);
        assertThat(promtool(dir, "test", "rules", tests.toString())).contains("SUCCESS");
    }

    /** {@code series → value} of the scrape's samples of the metrics the rules use. */
    private static Map<String, String> series(String scrape) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("driftline_model_drift_score{") || line.startsWith("driftline_alerts_open{")) {
                int space = line.lastIndexOf(' ');
                out.put(line.substring(0, space).replace(",}", "}"), line.substring(space + 1));
            }
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    private static String promtool(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("promtool"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool (Prometheus) is needed by this test and was not found: install it "
                    + "with `apt-get update && apt-get install -y prometheus` (.ci/run does)", e);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ":\n" + out).isZero();
        return out;
    }
}
