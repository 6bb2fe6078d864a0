package dev.driftline.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.sink.query.LocalLake;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lake (written by the sink's own rows and files) → the page's data document, checked against the lake's rows. */
class ReportDocumentTest {
    static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    static final int WINDOWS = 8;

    @TempDir
    Path dir;

    private long scalar(LocalLake lake, String sql) {
        return ((Number) lake.query(sql).rows().get(0).get(0)).longValue();
    }

    @Test
    void cellsAreWindowsTimesFeaturesOfTheLake() throws Exception {
        ReportSamples.sample("wine", T0, WINDOWS).writeLake(dir);
        ReportSamples.sample("other", T0, 3).writeLake(dir);
        try (LocalLake lake = LocalLake.open(dir)) {
            LakeReportSource source = new LakeReportSource(lake);
            assertThat(source.models()).containsExactly("other", "wine");
            ObjectNode part = ReportDocument.model(source.read("wine", null, null), ReportDocument.Reference.none(),
                    ReportDocument.DEFAULT_DETAIL_CELLS);

            long windows = scalar(lake, "SELECT count(DISTINCT window_start) FROM drift_metrics WHERE model = 'wine'");
            long features = scalar(lake, "SELECT count(DISTINCT feature) FROM drift_metrics WHERE model = 'wine'");
            assertThat(windows).isEqualTo(WINDOWS);
            assertThat(features).isEqualTo(5);
            assertThat(part.path("windows").path("start").size()).isEqualTo((int) windows);
            assertThat(part.path("features").size()).isEqualTo((int) features);
            assertThat(part.path("score").size()).isEqualTo((int) (windows * features));
            assertThat(part.path("decision").size()).isEqualTo((int) (windows * features));

            // drift decisions: those of each window's highest revision in the lake
            long driftCells = scalar(lake, "SELECT count(*) FROM drift_metrics d WHERE model = 'wine' "
                    + "AND is_decision_metric AND decision = 'drift' AND revision = (SELECT max(revision) FROM "
                    + "drift_metrics e WHERE e.model = d.model AND e.window_start = d.window_start)");
            int counted = 0;
            for (JsonNode d : part.path("decision")) {
                counted += d.asInt() == 2 ? 1 : 0;
            }
            assertThat(counted).isEqualTo(driftCells).isEqualTo(2 * (WINDOWS / 2 + 1)); // + window 1, revision 2

            // features: inputs by name, then the prediction; score = jensen_shannon of the lake row
            List<String> names = new ArrayList<>();
            part.path("features").forEach(f -> names.add(f.path("name").asText()));
            assertThat(names).containsExactly("alcohol", "hue", "proline", "region", "cultivar");
            assertThat(part.path("features").get(0).path("score_metric").asText()).isEqualTo("jensen_shannon");
            int alcohol = 0;
            assertThat(part.path("score").get(alcohol * WINDOWS + WINDOWS - 1).asDouble()).isEqualTo(0.61);
            assertThat(part.path("score").get(alcohol * WINDOWS).asDouble()).isEqualTo(0.03);
            assertThat(part.path("decision").get(alcohol * WINDOWS + 1).asInt()).isEqualTo(2); // revision 2 wins

            // distributions: real profiles, each histogram sums to 1; reference = earliest window without baseline
            assertThat(part.path("reference").path("kind").asText()).isEqualTo("earliest_window");
            JsonNode det = part.path("details").path("features").get(alcohol);
            assertThat(det.path("bins").path("edges").size()).isEqualTo(ReportDocument.NUMERIC_BINS + 1);
            JsonNode last = det.path("windows").path(Integer.toString(WINDOWS - 1));
            assertThat(last.path("n").asLong()).isEqualTo(200);
            assertThat(sum(last.path("hist"))).isCloseTo(1.0, within(0.01));
            assertThat(sum(det.path("reference"))).isCloseTo(1.0, within(0.01));
            assertThat(last.path("figures").path("ks_pvalue").asDouble()).isEqualTo(1.0E-12);
            JsonNode region = part.path("details").path("features").get(3);
            assertThat(region.path("bins").path("labels").toString()).contains("\"a\"", "\"b\"", "\"c\"",
                    "(other)");
            assertThat(sum(region.path("windows").path("0").path("hist"))).isCloseTo(1.0, within(0.01));
            // the prediction's profile is stored as prediction:cultivar
            assertThat(part.path("details").path("features").get(4).path("windows").path("0").path("n").asLong())
                    .isEqualTo(200);

            // violations, quality (per version), alerts (open + resolve = one), remediation
            assertThat(part.path("violations").path("total").asInt()).isEqualTo(WINDOWS / 2 + 1);
            long qualityRows = scalar(lake, "SELECT count(*) FROM model_quality WHERE model = 'wine'");
            assertThat(part.path("quality").size()).isEqualTo((int) qualityRows).isEqualTo(WINDOWS + 2);
            assertThat(part.path("alerts").size()).isEqualTo(1);
            assertThat(part.path("alerts").get(0).path("resolved_at").isNumber()).isTrue();
            assertThat(part.path("remediation").size()).isEqualTo(3);
            assertThat(part.path("remediation").get(2).path("to_state").asText()).isEqualTo("DONE");
        }
    }

    @Test
    void timeRangeAndDetailLimit() throws Exception {
        ReportSamples.sample("wine", T0, WINDOWS).writeLake(dir);
        try (LocalLake lake = LocalLake.open(dir)) {
            ModelRows rows = new LakeReportSource(lake).read("wine", Instant.ofEpochMilli(T0 + 2 * ReportSamples.WINDOW),
                    Instant.ofEpochMilli(T0 + 6 * ReportSamples.WINDOW));
            ObjectNode part = ReportDocument.model(rows, ReportDocument.Reference.none(), 10);
            assertThat(part.path("windows").path("start").size()).isEqualTo(4);
            assertThat(part.path("windows").path("start").get(0).asLong()).isEqualTo(T0 + 2 * ReportSamples.WINDOW);
            // 10 cells of details for 5 features: the latest 2 windows
            assertThat(part.path("details").path("first_window").asInt()).isEqualTo(2);
            assertThat(part.path("details").path("features").get(0).path("windows").has("1")).isFalse();
            assertThat(part.path("details").path("features").get(0).path("windows").has("3")).isTrue();
        }
    }

    @Test
    void trimmedReadGivesTheSameDocument() throws Exception {
        ReportSamples.sample("wine", T0, WINDOWS).writeLake(dir);
        try (LocalLake lake = LocalLake.open(dir)) {
            LakeReportSource source = new LakeReportSource(lake);
            ModelRows all = source.read("wine", null, null);
            ModelRows trimmed = source.read("wine", null, null, 10); // 5 features: details of the latest 2 windows
            assertThat(trimmed.rows(dev.driftline.sink.LakeTable.DRIFT_METRICS).size())
                    .isLessThan(all.rows(dev.driftline.sink.LakeTable.DRIFT_METRICS).size() / 2);
            assertThat(trimmed.rows(dev.driftline.sink.LakeTable.FEATURE_PROFILES)).hasSize(3 * 5); // 2 + earliest
            ObjectNode a = ReportDocument.model(all, ReportDocument.Reference.none(), 10);
            ObjectNode t = ReportDocument.model(trimmed, ReportDocument.Reference.none(), 10);
            assertThat(t).isEqualTo(a);
        }
    }

    private static double sum(JsonNode a) {
        double s = 0;
        for (JsonNode x : a) {
            s += x.asDouble();
        }
        return s;
    }
}
