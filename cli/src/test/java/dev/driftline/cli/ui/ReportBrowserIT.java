package dev.driftline.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.cli.Main;
import dev.driftline.sink.query.LocalLake;
import dev.driftline.testkit.browser.BrowserPage;
import dev.driftline.testkit.browser.ConsoleError;
import dev.driftline.testkit.browser.WithChromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, part 5: {@code driftline report} in Debian's real headless Chromium (1280×800). The report of a lake
 * written by the sink's own rows loads with no console error and no request outside the file, its heatmap has one
 * cell per window × feature of the lake, a click on a cell shows that feature's distribution, and the page still
 * renders at 200 features × 2,000 windows (time to first paint printed, not asserted). Screenshots go to
 * {@code target/screenshots/}. A page with a script error is caught by the same checks.
 */
@WithChromium(width = 1280, height = 800)
class ReportBrowserIT {
    private static final Duration READY = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static Path report(Path lake, String model) {
        Path html = dir.resolve(model + "-report.html");
        int exit = Main.commandLine().execute("report", "--lake", lake.toUri().toString(), "--model", model,
                "--out", html.toString());
        assertThat(exit).isZero();
        return html;
    }

    private static void assertClean(BrowserPage page) {
        assertThat(page.consoleErrors()).as("console errors").isEmpty();
        assertThat(page.externalRequests()).as("requests outside the file").isEmpty();
    }

    @Test
    void theReportOfALakeRendersOfflineWithOneCellPerWindowAndFeature(BrowserPage page) throws Exception {
        Path lake = dir.resolve("lake");
        ReportFixtures.writeSampleLake(lake, "wine", 24);
        page.open(report(lake, "wine"));
        page.waitFor("window.driftline && window.driftline.ready === true", READY);
        assertClean(page);

        List<List<Object>> counts;
        try (LocalLake l = LocalLake.open(lake)) {
            counts = l.query("SELECT count(DISTINCT window_start), count(DISTINCT feature) FROM drift_metrics "
                    + "WHERE model = 'wine'").rows();
        }
        long windows = ((Number) counts.get(0).get(0)).longValue();
        long features = ((Number) counts.get(0).get(1)).longValue();
        JsonNode hook = page.evaluate("({cells: driftline.cells, windows: driftline.windows, "
                + "features: driftline.features, drawn: driftline.drawn})");
        assertThat(hook.path("windows").asLong()).isEqualTo(windows).isEqualTo(24);
        assertThat(hook.path("features").asLong()).isEqualTo(features);
        assertThat(hook.path("cells").asLong()).isEqualTo(windows * features);
        assertThat(hook.path("drawn").asLong()).isEqualTo(windows * features);
        page.screenshot("report-wine");

        // a real click in the canvas on row f, column w of the chart area
        for (int[] cell : new int[][] {{0, 3}, {2, 20}}) {
            JsonNode at = page.evaluate("(function () { var c = document.getElementById('heatmap');"
                    + " c.scrollIntoView({block: 'center'});"
                    + " var a = Chart.getChart(c).chartArea; var r = c.getBoundingClientRect();"
                    + " var m = JSON.parse(document.getElementById('driftline-data').textContent).data[driftline.model];"
                    + " return {x: r.left + a.left + (" + cell[1] + " + 0.5) * a.width / driftline.windows,"
                    + " y: r.top + a.top + (" + cell[0] + " + 0.5) * a.height / driftline.features,"
                    + " feature: m.features[" + cell[0] + "].name, window: m.windows.start[" + cell[1] + "]}; })()");
            page.clickAt(at.path("x").asDouble(), at.path("y").asDouble());
            page.waitFor("document.getElementById('distribution').dataset.feature === '"
                    + at.path("feature").asText() + "'", Duration.ofSeconds(10));
            assertThat(page.evaluate("document.getElementById('distribution').dataset.window").asText())
                    .isNotEmpty();
            assertThat(page.evaluate("document.querySelectorAll('table#figures tr').length").asInt())
                    .isGreaterThan(1);
        }
        page.screenshot("report-wine-clicked");
        assertClean(page);
    }

    @Test
    void twoHundredFeaturesByTwoThousandWindowsStillRender(BrowserPage page) throws Exception {
        Path html = ReportFixtures.write(dir.resolve("big.html"), 200, 2000);
        page.open(html.toUri(), Duration.ofSeconds(120));
        page.waitFor("window.driftline && window.driftline.ready === true", Duration.ofSeconds(120));
        assertClean(page);
        JsonNode hook = page.evaluate("({cells: driftline.cells, drawn: driftline.drawn, renderMs: "
                + "driftline.renderMs})");
        assertThat(hook.path("cells").asLong()).isEqualTo(400_000);
        page.screenshot("report-200x2000");
        System.out.printf("report 200 features × 2,000 windows: %,d bytes, first paint %s ms, heatmap render %s ms, "
                + "%d matrix elements drawn%n", Files.size(html), page.timeToFirstPaint(), hook.path("renderMs"),
                hook.path("drawn").asLong());
    }

    /** The checks are not blind: the same report with a script error and a broken tag fails them. */
    @Test
    void aScriptErrorInThePageIsCaught(BrowserPage page) throws Exception {
        Path lake = dir.resolve("lake-broken");
        ReportFixtures.writeSampleLake(lake, "wine", 4);
        String html = Files.readString(report(lake, "wine"), StandardCharsets.UTF_8);
        Path broken = dir.resolve("broken.html");
        Files.writeString(broken, html.replace("</body>", "<script>undefinedFunction();</script><div></body>"),
                StandardCharsets.UTF_8);
        page.open(broken);
        List<ConsoleError> errors = page.consoleErrors();
        assertThat(errors).extracting(ConsoleError::text).anyMatch(t -> t.contains("undefinedFunction"));
    }
}
