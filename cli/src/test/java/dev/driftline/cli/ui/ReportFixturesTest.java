package dev.driftline.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Writes the 200 × 2,000 synthetic page under {@code target/ui-fixtures/} (for the browser tests and by hand) and
 * checks its inline document has every cell.
 */
class ReportFixturesTest {
    /** Where the fixture pages go: {@code -Ddriftline.ui.fixtures=DIR}, else {@code target/ui-fixtures}. */
    static Path fixtures() {
        return Path.of(System.getProperty("driftline.ui.fixtures", "target/ui-fixtures"));
    }

    @Test
    void syntheticPageAtScale() throws Exception {
        Path out = ReportFixtures.write(fixtures().resolve("report-200x2000.html"), 200, 2000);
        String html = Files.readString(out);
        int from = html.indexOf("id=\"driftline-data\">") + "id=\"driftline-data\">".length();
        JsonNode doc = new ObjectMapper().readTree(html.substring(from, html.indexOf("</script>", from)));
        JsonNode m = doc.path("data").path("synthetic");
        assertThat(m.path("windows").path("start").size()).isEqualTo(2000);
        assertThat(m.path("features").size()).isEqualTo(200);
        assertThat(m.path("score").size()).isEqualTo(400_000);
        assertThat(m.path("decision").size()).isEqualTo(400_000);
        assertThat(m.path("details").path("first_window").asInt()).isEqualTo(2000 - 300);
        assertThat(Files.size(out)).isLessThan(40L << 20);
    }
}
