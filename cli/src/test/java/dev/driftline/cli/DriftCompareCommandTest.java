package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DriftCompareCommandTest {
    private static Path csv(Path dir, String name, double shift, String extraCity) throws Exception {
        Random rnd = new Random(name.hashCode());
        StringBuilder sb = new StringBuilder("amount,city\n");
        String[] cities = {"Oslo", "Lima", "Pune"};
        for (int i = 0; i < 600; i++) {
            sb.append(String.format(java.util.Locale.ROOT, "%.4f", 100 + 10 * (rnd.nextGaussian() + shift))).append(',')
                    .append(extraCity != null && i % 20 == 0 ? extraCity : cities[rnd.nextInt(3)]).append('\n');
        }
        Path f = dir.resolve(name);
        Files.writeString(f, sb);
        return f;
    }

    @Test
    void jsonReportAndSageMakerViolationsFile(@TempDir Path dir) throws Exception {
        Path ref = csv(dir, "ref.csv", 0, null);
        Path cur = csv(dir, "cur.csv", 1.0, "Kyiv");
        Path violations = dir.resolve("constraint_violations.json");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int rc;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            rc = cl.execute("drift", "compare", "--reference", ref.toString(), "--current", cur.toString(),
                    "--format", "json", "--violations-out", violations.toString());
        } finally {
            System.setOut(stdout);
        }
        assertThat(rc).as(err.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8));
        assertThat(report.at("/features/amount/type").asText()).isEqualTo("numeric");
        assertThat(report.at("/features/amount/method").asText()).isEqualTo("ks");
        assertThat(report.at("/features/amount/drift").asBoolean()).isTrue();
        assertThat(report.at("/features/city/type").asText()).isEqualTo("categorical");
        assertThat(report.get("dataset_drift").isBoolean()).isTrue();
        JsonNode v = new ObjectMapper().readTree(violations.toFile()).get("violations");
        assertThat(v).anySatisfy(n -> {
            assertThat(n.get("feature_name").asText()).isEqualTo("amount");
            assertThat(n.get("constraint_check_type").asText()).isEqualTo("baseline_drift_check");
        });
        assertThat(v).anySatisfy(n -> {
            assertThat(n.get("feature_name").asText()).isEqualTo("city");
            assertThat(n.get("constraint_check_type").asText()).isEqualTo("categorical_values_check");
            assertThat(n.get("description").asText()).contains("Kyiv");
        });
    }

    @Test
    void unreadableInputExits2NamingFileAndLine(@TempDir Path dir) throws Exception {
        Path ref = csv(dir, "ref.csv", 0, null);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "amount,city\n1.0,Oslo\n2.0\n");
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("drift", "compare", "--reference", ref.toString(), "--current", bad.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("bad.csv:3");
    }
}
