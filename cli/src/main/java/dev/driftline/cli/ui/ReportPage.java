package dev.driftline.cli.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The page, as one self-contained HTML text: {@code ui/index.html} with {@code ui/app.css}, the vendored Chart.js and
 * chartjs-chart-matrix (each after its licence text, in a comment), {@code ui/app.js} and the data document inlined.
 * Nothing in it refers to the network; the same page is the report file and the live UI's {@code /} (which then
 * polls {@code /api/data}).
 */
public final class ReportPage {
    /** The vendored libraries: script, licence (resources under {@code ui/vendor/}). */
    static final List<String[]> VENDORED = List.of(
            new String[] {"chart.umd.min.js", "chart.js.LICENSE.md"},
            new String[] {"chartjs-chart-matrix.min.js", "chartjs-chart-matrix.LICENSE"});
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportPage() {
    }

    /** The page with {@code data} (a {@link ReportDocument}) inlined. */
    public static String html(JsonNode data) {
        String template = resource("ui/index.html");
        StringBuilder scripts = new StringBuilder();
        for (String[] v : VENDORED) {
            scripts.append("<script>/*! ").append(v[0]).append(" — licence (").append(v[1]).append("):\n")
                    .append(resource("ui/vendor/" + v[1]).replace("*/", "* /")).append("\n*/\n")
                    .append(resource("ui/vendor/" + v[0])).append("\n</script>\n");
        }
        scripts.append("<script>\n").append(resource("ui/app.js")).append("\n</script>\n");
        return template
                .replace("<!--driftline:style-->", "<style>\n" + resource("ui/app.css") + "\n</style>")
                .replace("<!--driftline:data-->", "<script type=\"application/json\" id=\"driftline-data\">"
                        + inlineJson(data) + "</script>")
                .replace("<!--driftline:scripts-->", scripts.toString());
    }

    /**
     * JSON safe inside a {@code <script>} element: every {@code <} (only ever inside strings) as {@code \u003c},
     * so no {@code </script>} or {@code <!--} can end or change the element.
     */
    static String inlineJson(JsonNode data) {
        try {
            return MAPPER.writeValueAsString(data).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the driftline jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
