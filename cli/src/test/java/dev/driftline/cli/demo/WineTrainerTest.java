package dev.driftline.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's trainer on the kind of export the remediation service writes (header, features, then the label): a
 * model fitted to shifted traffic is accurate on it where the bundled model is not, and its artifact predicts as
 * it did when it was measured.
 */
class WineTrainerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An export of {@code n} inferences of shifted traffic, as {@code train.csv} in an episode directory. */
    private static Path shiftedExport(Path dir, int n) throws Exception {
        WineModel model = WineModel.load();
        DemoScenario s = new DemoScenario(model, 7, Instant.EPOCH);
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", model.features()) + "," + WineModel.LABEL);
        for (int i = 0; i < n; i++) {
            DemoScenario.Inference inf = s.next("x" + i, Instant.EPOCH.plusSeconds(i));
            for (int r = 0; r < inf.rows().size(); r++) {
                StringBuilder b = new StringBuilder();
                for (double v : inf.rows().get(r)) {
                    b.append(String.format(Locale.ROOT, "%.4f,", v));
                }
                lines.add(b.append(inf.labels()[r]).toString());
            }
        }
        lines.add(",".repeat(model.features().size())); // an unlabelled row: skipped
        Path episode = Files.createDirectories(dir.resolve("wine-ep"));
        Files.write(episode.resolve("train.csv"), lines);
        return episode;
    }

    @Test
    void retrainingOnShiftedRowsRecoversTheAccuracyAndWritesTheTrainerContract(@TempDir Path dir) throws Exception {
        Path export = shiftedExport(dir, 500);
        Path out = dir.resolve("out");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit = WineTrainer.run(new String[] {"--data", export.toString(), "--out", out.toString(), "--version",
                "wine-ep"}, new PrintStream(console, true, StandardCharsets.UTF_8), System.err);

        assertThat(exit).isZero();
        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        assertThat(metrics.path("accuracy").asDouble()).isGreaterThanOrEqualTo(0.90);
        assertThat(metrics.path("serving_accuracy").asDouble()).isLessThan(metrics.path("accuracy").asDouble() - 0.1);
        assertThat(metrics.path("train_rows").asInt() + metrics.path("holdout_rows").asInt()).isEqualTo(2000);
        URI artifact = URI.create(Files.readString(out.resolve("artifact.txt")).trim());
        WineModel back = WineModel.fromJson(JSON.readTree(Path.of(artifact).toFile()));
        // the artifact is the measured model: it answers the bundled table's rows as the fitted one would
        DemoScenario s = new DemoScenario(WineModel.load(), 11, Instant.EPOCH);
        int right = 0;
        int rows = 0;
        for (int i = 0; i < 200; i++) {
            DemoScenario.Inference inf = s.next("y" + i, Instant.EPOCH, back);
            for (int r = 0; r < inf.labels().length; r++, rows++) {
                right += inf.predictions()[r] == inf.labels()[r] ? 1 : 0;
            }
        }
        assertThat((double) right / rows).isGreaterThanOrEqualTo(0.90);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("version wine-ep fitted on 1600 rows");
    }

    @Test
    void badInputNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("train.csv");
        Files.write(csv, List.of("alcohol,cultivar", "13.2,1", "abc,2"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = WineTrainer.run(new String[] {"--data", csv.toString(), "--out", dir.resolve("o").toString()},
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(csv + ":3: column alcohol: not a number: abc");

        Files.write(csv, List.of("alcohol,proline", "13.2,1"));
        err.reset();
        assertThat(WineTrainer.run(new String[] {"--data", csv.toString(), "--out", dir.toString()}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(":1: no cultivar column");
    }
}
