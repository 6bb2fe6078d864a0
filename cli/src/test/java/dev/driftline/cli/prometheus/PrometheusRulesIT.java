package dev.driftline.cli.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 part 2: the shipped alert rules. The plain rule file {@code deploy/prometheus/rules/driftline.rules.yaml} is
 * the source of truth and the PrometheusRule holds exactly its groups; every rule has a summary, a description and a
 * runbook; every metric a rule reads is one driftline exposes (a scrape of its real meter classes); Debian's real
 * {@code promtool} accepts the rules ({@code check rules}) and passes the unit tests of
 * {@code deploy/prometheus/tests/} (a positive and a negative case per rule). Needs promtool
 * ({@code apt-get install -y prometheus}; {@code .ci/run} installs it); without it the test fails saying so.
 */
class PrometheusRulesIT {
    static final List<String> RULES = List.of("ModelDriftDetected", "PredictionDriftDetected", "ModelQualityDegraded",
            "DataQualityViolation", "ServingErrorRateHigh", "ServingLatencyHigh", "PipelineLagHigh",
            "CollectorRefusing", "DeadLettersRising", "SinkBehind", "StreamsDown", "RemediationRolledBack");

    @Test
    void theOperatorRuleHoldsExactlyThePlainRuleFilesGroups() throws IOException {
        JsonNode operator = Exposed.YAML.readTree(Exposed.OPERATOR_RULES.toFile());
        assertThat(operator.path("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(operator.at("/apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(operator.get("spec")).as("spec of " + Exposed.OPERATOR_RULES + " = " + Exposed.RULES)
                .isEqualTo(Exposed.rules());
    }

    @Test
    void everyRuleIsThereWithARunbookAndModelName() throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode g : Exposed.rules().get("groups")) {
            for (JsonNode r : g.get("rules")) {
                String name = r.get("alert").asText();
                names.add(name);
                for (String a : List.of("summary", "description", "runbook")) {
                    assertThat(r.at("/annotations/" + a).asText()).as(name + " " + a).isNotBlank();
                }
                assertThat(r.at("/annotations/runbook").asText()).as(name + " runbook")
                        .contains("Meaning:", "First checks:", "Commands:");
                assertThat(r.at("/labels/severity").asText()).as(name).isIn("warning", "critical");
                if (r.get("expr").asText().contains("model")) {
                    assertThat(r.get("expr").asText()).as(name + " maps model to model_name")
                            .contains("label_replace(").contains("\"model_name\", \"$1\", \"model\"");
                }
            }
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(RULES);
        assertThat(Exposed.ruleExprs(Exposed.rules()).get("ModelDriftDetected"))
                .contains("driftline_model_drift_score").endsWith("> 0.3");
    }

    @Test
    void everyMetricTheRulesReadIsOneDriftlineExposes() throws IOException {
        Set<String> exposed = Exposed.names(Exposed.scrape());
        Map<String, String> exprs = Exposed.ruleExprs(Exposed.rules());
        exprs.forEach((n, e) -> System.out.println("rule " + n + " reads " + Exposed.metrics(e)));
        assertThat(Exposed.unknown(exprs, exposed)).as("metrics not exposed (scrape names: " + exposed + ")")
                .isEmpty();
    }

    /** Acceptance 1: a rule reading a misspelt metric fails the check above. */
    @Test
    void aMisspeltMetricInARuleIsCaught() throws IOException {
        Set<String> exposed = Exposed.names(Exposed.scrape());
        String broken = Exposed.ruleExprs(Exposed.rules()).get("ModelDriftDetected")
                .replace("driftline_model_drift_score", "driftline_model_drift_scores");
        assertThat(Exposed.unknown(Map.of("ModelDriftDetected", broken), exposed))
                .containsEntry("ModelDriftDetected", Set.of("driftline_model_drift_scores"));
    }

    @Test
    void promtoolChecksTheRulesAndPassesTheirUnitTests(@TempDir Path dir) throws Exception {
        assertThat(promtool(dir, 0, "check", "rules", Exposed.RULES.toString())).contains("SUCCESS: 12 rules found");
        Path tests = Exposed.DEPLOY.resolve("prometheus/tests/driftline.rules.test.yaml");
        Files.copy(tests, dir.resolve("t.yaml"));
        // promtool compares annotations exactly: the unit tests run on the rules without them (checked above)
        JsonNode rules = Exposed.rules().deepCopy();
        for (JsonNode g : rules.get("groups")) {
            for (JsonNode r : g.get("rules")) {
                ((ObjectNode) r).remove("annotations");
            }
        }
        Exposed.YAML.writeValue(dir.resolve("rules.yaml").toFile(), rules);
        String out = promtool(dir, 0, "test", "rules", "t.yaml");
        assertThat(out).contains("SUCCESS");
        JsonNode t = Exposed.YAML.readTree(tests.toFile());
        for (String rule : RULES) {
            int positive = 0;
            int negative = 0;
            for (JsonNode test : t.get("tests")) {
                for (JsonNode a : test.get("alert_rule_test")) {
                    if (a.get("alertname").asText().equals(rule)) {
                        if (a.get("exp_alerts").isEmpty()) {
                            negative++;
                        } else {
                            positive++;
                        }
                    }
                }
            }
            System.out.println("promtool test " + rule + ": " + positive + " positive, " + negative + " negative");
            assertThat(positive).as(rule + " positive cases").isPositive();
            assertThat(negative).as(rule + " negative cases").isPositive();
        }
        // the tests can fail: with ModelDriftDetected's threshold raised, its positive case does
        Files.writeString(dir.resolve("rules.yaml"), Files.readString(dir.resolve("rules.yaml"))
                .replace("> 0.3", "> 0.6"));
        assertThat(promtool(dir, 1, "test", "rules", "t.yaml")).contains("FAILED", "ModelDriftDetected");
    }

    static String promtool(Path dir, int expectedExit, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("promtool"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool (Prometheus) is needed by this test and was not found: install it "
                    + "with `apt-get update && apt-get install -y prometheus` (.ci/run does)", e);
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ":\n" + out).isEqualTo(expectedExit);
        return out;
    }
}
