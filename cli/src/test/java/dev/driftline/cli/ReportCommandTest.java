package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.cli.ui.ReportFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code driftline report} writes one self-contained file whose inline data is the lake's. */
class ReportCommandTest {
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"driftline-data\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    /** The page without comments (licence texts, banners): what a browser could fetch from. */
    static String withoutComments(String html) {
        return html.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?s)<!--.*?-->", "");
    }

    static JsonNode data(String html) throws Exception {
        Matcher m = DATA.matcher(html);
        assertThat(m.find()).as("inline data element").isTrue();
        return new ObjectMapper().readTree(m.group(1));
    }

    @Test
    void writesASelfContainedReport() throws Exception {
        Path lake = dir.resolve("lake");
        ReportFixtures.writeSampleLake(lake, "wine", 8);
        Path out = dir.resolve("r.html");
        CliRun run = CliRun.of("report", "--lake", lake.toUri().toString(), "--model", "wine", "--out",
                out.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote", "model wine", "8 window(s)", "5 feature(s)");
        String html = Files.readString(out);

        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html).doesNotContainPattern("(?i)\\b(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//");
        assertThat(html).doesNotContainPattern("(?i)<link\\b");
        assertThat(withoutComments(html)).doesNotContainPattern("(?i)https?://");
        assertThat(html).contains("Chart.js v4", "chartjs-chart-matrix", "MIT License", "id=\"heatmap\"",
                "id=\"distribution\"");
        JsonNode doc = data(html);
        assertThat(doc.path("format").asText()).isEqualTo("driftline-report");
        assertThat(doc.path("models").toString()).isEqualTo("[\"wine\"]");
        JsonNode wine = doc.path("data").path("wine");
        assertThat(wine.path("windows").path("start").size()).isEqualTo(8);
        assertThat(wine.path("score").size()).isEqualTo(8 * 5);
    }

    @Test
    void everyModelWithoutModelAndClearErrors() throws Exception {
        Path lake = dir.resolve("lake");
        ReportFixtures.writeSampleLake(lake, "wine", 4);
        ReportFixtures.writeSampleLake(lake, "fraud/v2", 3);
        Path out = dir.resolve("all.html");
        CliRun run = CliRun.of("report", "--lake", lake.toString(), "--out", out.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode doc = data(Files.readString(out));
        assertThat(doc.path("models").toString()).isEqualTo("[\"fraud/v2\",\"wine\"]");
        assertThat(doc.path("data").path("fraud/v2").path("windows").path("start").size()).isEqualTo(3);

        CliRun missing = CliRun.of("report", "--lake", lake.toString(), "--model", "nope", "--out", out.toString());
        assertThat(missing.exit()).isEqualTo(2);
        CliRun s3 = CliRun.of("report", "--lake", "s3://bucket/lake", "--model", "wine", "--out", out.toString());
        assertThat(s3.exit()).isEqualTo(2);
        CliRun badTime = CliRun.of("report", "--lake", lake.toString(), "--from", "yesterday", "--out",
                out.toString());
        assertThat(badTime.exit()).isEqualTo(2);
    }
}
