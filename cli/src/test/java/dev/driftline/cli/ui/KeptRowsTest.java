package dev.driftline.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.sink.LakeTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live page's bounded rows: the latest windows, older ones trimmed to what the heatmap needs. */
class KeptRowsTest {
    static final List<String> METRICS = List.of("ks_statistic", "ks_pvalue", "jensen_shannon", "psi");

    private static Map<String, Object> drift(long start, String feature, String metric) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("window_start", start);
        r.put("window_end", start + 10);
        r.put("revision", 1);
        r.put("rows", 100L);
        r.put("report_status", "evaluated");
        r.put("feature", feature);
        r.put("feature_kind", "numeric");
        r.put("role", "feature");
        r.put("metric", metric);
        r.put("value", metric.equals("jensen_shannon") ? 0.2 : 0.5);
        r.put("method", "ks");
        r.put("is_decision_metric", metric.equals("ks_pvalue"));
        r.put("threshold", 0.01);
        r.put("decision", "no_drift");
        r.put("dataset_drift", false);
        r.put("violations_json", "[]");
        return r;
    }

    @Test
    void keepsTheLatestWindowsAndTrimsOlderOnes() {
        KeptRows k = new KeptRows(6, 10); // 5 features: every row of the latest 2 windows
        for (long w = 0; w < 10; w++) {
            for (int f = 0; f < 5; f++) {
                for (String m : METRICS) {
                    k.add(LakeTable.DRIFT_METRICS, drift(w * 10, "f" + f, m));
                }
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("window_start", w * 10);
                p.put("revision", 1);
                p.put("feature", "f" + f);
                p.put("profile", null);
                k.add(LakeTable.FEATURE_PROFILES, p);
            }
        }
        var drift = k.windowed.get(LakeTable.DRIFT_METRICS);
        assertThat(drift.keySet()).containsExactly(40L, 50L, 60L, 70L, 80L, 90L);
        assertThat(drift.get(90L)).hasSize(20);
        assertThat(drift.get(80L)).hasSize(20);
        assertThat(drift.get(70L)).hasSize(10); // ks_pvalue (decides) and jensen_shannon (the score) per feature
        assertThat(drift.get(40L)).hasSize(10);
        var profiles = k.windowed.get(LakeTable.FEATURE_PROFILES);
        assertThat(profiles.get(90L)).hasSize(5);
        assertThat(profiles.get(70L)).isEmpty();

        // a window re-emitted after trimming is trimmed again
        for (String m : METRICS) {
            k.add(LakeTable.DRIFT_METRICS, drift(40L, "f0", m));
        }
        assertThat(drift.get(40L)).hasSize(12);

        ObjectNode part = ReportDocument.model(k.rows("m"), ReportDocument.Reference.none(), 10);
        assertThat(part.path("windows").path("start").size()).isEqualTo(6);
        assertThat(part.path("score").size()).isEqualTo(30);
        part.path("score").forEach(s -> assertThat(s.asDouble()).isEqualTo(0.2));
        assertThat(part.path("features").get(0).path("score_metric").asText()).isEqualTo("jensen_shannon");
    }
}
