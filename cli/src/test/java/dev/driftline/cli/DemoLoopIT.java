package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.bench.support.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, acceptance 1: {@code driftline demo} on its defaults closes the loop — the shift raises alerts, the
 * remediation service retrains the wine model on the lake's recent labelled rows (command trainer), the local
 * registry's rule approves it, the simulated KServe takes it through 10, 50 and 100 %, the new baseline is published,
 * the model's accuracy is back over 0.90 and every drift alert the shift opened is resolved.
 */
class DemoLoopIT {
    @Test
    void theDemoRetrainsPromotesAndResolvesItsAlerts(@TempDir Path dir) throws Exception {
        Path summary = dir.resolve("s.json");
        PrintStream stderr = System.err;
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        CliRun run;
        try {
            // the demo moves library logs off System.err to its log file; whatever still reaches this buffer leaked
            System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
            run = CliRun.of("demo", "--summary-json", summary.toString(),
                    "--data-dir", dir.resolve("data").toString(), "--lake", dir.resolve("lake").toUri().toString(),
                    "--port", Integer.toString(Ports.freeLoopbackPort()),
                    "--kafka-port", Integer.toString(Ports.freeLoopbackPortPair()), "--metrics-port", "0",
                    "--ui-port", "0");
        } finally {
            System.setErr(stderr);
        }
        String out = run.out();
        System.out.println(out);
        assertThat(run.exit()).as(out + run.err()).isZero();
        assertThat(out).contains("demo: remediation (the loop closed, simulated time)");
        // issue 16, acceptance 1: only driftline's own lines on the console, the library logs in the log file
        assertThat(errors.toString(StandardCharsets.UTF_8)).as("standard error").isBlank();
        assertThat(out.lines().filter(l -> !l.isBlank()))
                .allMatch(l -> l.startsWith("demo: ") || l.startsWith("driftline ") || l.startsWith("  "),
                        "a driftline line (demo: …, driftline …, or an indented summary line)");
        assertThat(Files.readString(dir.resolve("data/driftline.log"))).contains("INFO");
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        JsonNode r = s.path("remediation");

        List<String> states = new ArrayList<>();
        r.path("timeline").forEach(t -> states.add(t.path("to").asText()));
        assertThat(states).as(r.toPrettyString()).containsSubsequence("TRIGGERED", "PREPARING_DATA", "TRAINING",
                "EVALUATING", "REGISTERED", "ROLLING_OUT", "BAKING", "ROLLING_OUT", "BAKING", "ROLLING_OUT",
                "PROMOTED", "DONE");
        assertThat(r.path("final_state").asText()).isEqualTo("DONE");
        assertThat(r.path("candidate_accuracy").asDouble()).isGreaterThanOrEqualTo(0.90);
        List<String> steps = new ArrayList<>();
        r.path("rollout_steps").forEach(t -> steps.add(t.path("action").asText() + " " + t.path("percent").asInt()));
        assertThat(steps).containsExactly("shift 10", "shift 50", "promote 100");

        JsonNode acc = r.path("accuracy");
        assertThat(acc.path("before_shift").asDouble()).isGreaterThanOrEqualTo(0.90);
        assertThat(acc.path("during_shift").asDouble()).isLessThan(0.90);
        assertThat(acc.path("after_promotion").asDouble()).isGreaterThanOrEqualTo(0.90);
        assertThat(acc.path("after_promotion_labelled_rows").asLong()).isGreaterThan(1000);

        // every alert the shift opened on a shifted column, the prediction or the quality is resolved
        List<String> stillOpen = new ArrayList<>();
        r.path("alerts_still_open").forEach(a -> stillOpen.add(a.asText()));
        List<String> resolved = new ArrayList<>();
        r.path("alerts_resolved").forEach(a -> resolved.add(a.asText()));
        assertThat(resolved).contains("model_quality", "prediction_drift:predicted_cultivar", "data_drift:alcohol",
                "data_drift:color_intensity", "data_drift:flavanoids", "data_drift:proline");
        assertThat(stillOpen).as("alerts left open").noneMatch(a -> a.startsWith("model_quality")
                || a.startsWith("prediction_drift") || a.matches("data_drift:(alcohol|color_intensity|flavanoids|proline)"));
        // the run's figures are the lake's too: one remediation_events row per transition
        assertThat(s.at("/lake/rows/remediation_events").asLong()).isEqualTo(states.size());
        assertThat(Files.exists(dir.resolve("data/remediation-registry/wine.json"))).isTrue();
    }
}
