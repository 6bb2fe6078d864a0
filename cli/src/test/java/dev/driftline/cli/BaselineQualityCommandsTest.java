package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code baseline build --label --prediction} keeps the training-time quality; {@code export-sagemaker} writes it as
 * SageMaker's model-quality files and {@code import-sagemaker} reads them back; the unseen-category settings.
 */
class BaselineQualityCommandsTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static Path training(Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("x,city,price,predicted\n");
        for (int i = 0; i < 200; i++) {
            double y = 10 + i % 7 + 0.5;
            csv.append(i % 13).append(',').append(i < 195 ? "c" + i % 4 : "rare-" + i).append(',').append(y)
                    .append(',').append(i % 2 == 0 ? y + 2.0 : y - 2.0).append('\n');
        }
        Path f = dir.resolve("train.csv");
        Files.writeString(f, csv);
        return f;
    }

    @Test
    void buildExportAndImportCarryTheModelQuality(@TempDir Path dir) throws Exception {
        Path b = dir.resolve("b.json");
        assertThat(run("baseline", "build", "--input", training(dir).toString(), "--model", "reg", "--label", "price",
                "--prediction", "predicted", "--output", b.toString())).isZero();
        JsonNode built = mapper.readTree(b.toFile());
        assertThat(built.get("model_quality").get("problem_type").asText()).isEqualTo("regression");
        assertThat(built.get("model_quality").get("value").asDouble()).isEqualTo(2.0);
        assertThat(built.get("monitoring_config").get("categorical_values_check").asText())
                .isEqualTo("expected_unseen");
        JsonNode city = built.get("features").get(1);
        assertThat(city.get("constraints").get("expected_unseen_share").asDouble()).isEqualTo(5.0 / 200);

        Path out = dir.resolve("sm");
        assertThat(run("baseline", "export-sagemaker", b.toString(), "--out-dir", out.toString())).isZero();
        JsonNode limits = mapper.readTree(out.resolve("model-quality/constraints.json").toFile());
        assertThat(limits.get("regression_constraints").get("rmse").get("threshold").asDouble()).isEqualTo(2.4);
        JsonNode stats = mapper.readTree(out.resolve("model-quality/statistics.json").toFile());
        assertThat(stats.get("regression_metrics").get("rmse").get("value").asDouble()).isEqualTo(2.0);

        Path back = dir.resolve("back.json");
        assertThat(run("baseline", "import-sagemaker", "--statistics", out.resolve("statistics.json").toString(),
                "--constraints", out.resolve("constraints.json").toString(), "--model", "reg",
                "--model-quality-statistics", out.resolve("model-quality/statistics.json").toString(),
                "--model-quality-constraints", out.resolve("model-quality/constraints.json").toString(),
                "--categorical-values", "strict", "--output", back.toString())).isZero();
        JsonNode imported = mapper.readTree(back.toFile());
        assertThat(imported.get("model_quality").get("value").asDouble()).isEqualTo(2.0);
        assertThat(imported.get("model_quality").get("thresholds").get("rmse").asDouble()).isEqualTo(2.4);
        assertThat(imported.get("monitoring_config").get("categorical_values_check").asText()).isEqualTo("strict");
        // SageMaker's buckets list every value: the same Good–Turing share
        assertThat(imported.get("features").get(1).get("constraints").get("expected_unseen_share").asDouble())
                .isEqualTo(5.0 / 200);
    }

    @Test
    void badSettingsExit2NamingTheOption(@TempDir Path dir) throws Exception {
        Path b = dir.resolve("b.json");
        assertThat(run("baseline", "build", "--input", training(dir).toString(), "--model", "reg",
                "--categorical-values", "lenient", "--output", b.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--categorical-values").contains("lenient");
        assertThat(run("baseline", "build", "--input", training(dir).toString(), "--model", "reg",
                "--unseen-floor", "2", "--output", b.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--unseen-floor");
        assertThat(b).doesNotExist();
        assertThat(run("baseline", "import-sagemaker", "--statistics", "s.json", "--constraints", "c.json",
                "--model-quality-constraints", "mq.json", "--output", b.toString())).isEqualTo(2);
    }
}
