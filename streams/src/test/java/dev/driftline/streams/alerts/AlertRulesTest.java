package dev.driftline.streams.alerts;

import static dev.driftline.streams.alerts.AlertDriver.start;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.streams.alerts.AlertDriver.Report;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The open / resolve rules with hand-written reports in the documented schema (defaults: 2 of 3, 1, resolve 3). */
class AlertRulesTest {
    private final AlertDriver d = new AlertDriver();

    @AfterEach
    void tearDown() {
        d.close();
    }

    /** Window {@code w} (revision 1) where column x has {@code status}. */
    private void x(int w, String status) {
        x(w, 1, status);
    }

    private void x(int w, int revision, String status) {
        d.report("churn", new Report("churn", w, revision).feature("x", status).json());
    }

    @Test
    void opensAfterTwoOfThreeDriftingWindowsNotAfterOne() {
        x(0, "drift");
        assertThat(d.read()).isEmpty();
        x(1, "no_drift");
        assertThat(d.read()).isEmpty();
        x(2, "drift");
        List<JsonNode> out = d.read();
        assertThat(out).hasSize(1);
        JsonNode a = out.get(0);
        assertThat(a.get("state").asText()).isEqualTo("open");
        assertThat(a.get("kind").asText()).isEqualTo("data_drift");
        assertThat(a.get("feature").asText()).isEqualTo("x");
        assertThat(a.get("window_start").asText()).isEqualTo(start(2).toString());
        assertThat(a.get("details").get("bad_windows").asInt()).isEqualTo(2);
        assertThat(a.get("details").get("judged_windows").asInt()).isEqualTo(3);
    }

    @Test
    void driftInOnlyOneOfTheLastThreeWindowsDoesNotAlert() {
        x(0, "drift");
        x(1, "no_drift");
        x(2, "no_drift");
        x(3, "drift");
        x(4, "no_drift");
        x(5, "no_drift");
        x(6, "drift");
        assertThat(d.read()).isEmpty();
    }

    @Test
    void resolvesAfterThreeCleanWindowsNotAfterTwo() {
        x(0, "drift");
        x(1, "drift");
        JsonNode open = d.read().get(0);
        x(2, "no_drift");
        x(3, "no_drift");
        assertThat(d.read()).as("two clean windows").isEmpty();
        x(4, "no_drift");
        List<JsonNode> out = d.read();
        assertThat(out).hasSize(1);
        JsonNode resolved = out.get(0);
        assertThat(resolved.get("state").asText()).isEqualTo("resolved");
        assertThat(resolved.get("alert_id").asText()).isEqualTo(open.get("alert_id").asText());
        assertThat(resolved.get("opened_at").asText()).isEqualTo(open.get("opened_at").asText());
        assertThat(resolved.get("resolved_at").asText()).isEqualTo(start(5).toString());
        assertThat(resolved.get("window_start").asText()).isEqualTo(start(4).toString());
        assertThat(resolved.get("details").get("clean_windows").asInt()).isEqualTo(3);
        // the resolved alert's evidence does not reopen it; new drift opens a new alert with a new id
        x(5, "drift");
        assertThat(d.read()).isEmpty();
        x(6, "drift");
        JsonNode again = d.read().get(0);
        assertThat(again.get("state").asText()).isEqualTo("open");
        assertThat(again.get("alert_id").asText()).isNotEqualTo(open.get("alert_id").asText());
    }

    @Test
    void oneOpenAlertPerFeatureDespiteContinuedDrift() {
        for (int w = 0; w < 8; w++) {
            d.report("churn", new Report("churn", w, 1).feature("x", "drift").feature("y", "drift").json());
        }
        List<JsonNode> out = d.read();
        assertThat(out).extracting(n -> n.get("feature").asText() + ":" + n.get("state").asText())
                .containsExactly("x:open", "y:open");
        // a drift that stops and restarts before R clean windows does not re-emit either
        x(8, "no_drift");
        x(9, "no_drift");
        x(10, "drift");
        x(11, "drift");
        assertThat(d.read()).isEmpty();
    }

    @Test
    void aLaterRevisionReplacesTheWindowsVerdictAndStaleOnesAreIgnored() {
        x(0, 1, "drift");
        x(0, 2, "no_drift"); // a straggler partial changed window 0: it is clean after all
        x(1, 1, "drift");
        assertThat(d.read()).as("window 0 counts once, as clean").isEmpty();
        x(0, 1, "drift"); // a replay of the older revision does not bring the drift back
        x(0, 2, "drift"); // nor does an equal revision
        assertThat(d.read()).isEmpty();
        x(2, 1, "drift");
        assertThat(d.read()).extracting(n -> n.get("window_start").asText()).containsExactly(start(2).toString());
        // while open, a clean window re-emitted with a higher revision counts once towards R
        x(3, 1, "no_drift");
        x(3, 2, "no_drift");
        x(4, 1, "no_drift");
        assertThat(d.read()).as("two clean windows, one of them twice").isEmpty();
        x(5, 1, "no_drift");
        assertThat(d.read()).extracting(n -> n.get("state").asText()).containsExactly("resolved");
    }

    @Test
    void windowsWithTooLittleDataNeitherCountNorBreakARun() {
        x(0, "drift");
        x(1, "insufficient_data");
        x(2, "insufficient_data");
        x(3, "drift"); // the last three judged windows are 0 and 3: two drifting
        JsonNode open = d.read().get(0);
        assertThat(open.get("window_start").asText()).isEqualTo(start(3).toString());
        x(4, "no_drift");
        x(5, "insufficient_data");
        x(6, "no_drift");
        x(7, "insufficient_data");
        assertThat(d.read()).isEmpty();
        x(8, "no_drift");
        assertThat(d.read()).extracting(n -> n.get("state").asText()).containsExactly("resolved");
    }

    @Test
    void anOutOfOrderOlderWindowTakesItsPlaceByWindowStart() {
        x(1, "no_drift");
        x(2, "no_drift");
        x(3, "no_drift");
        x(4, "drift");
        x(0, "drift"); // late: older than the last three judged windows (2, 3, 4), so it does not count
        assertThat(d.read()).isEmpty();
        x(6, "no_drift");
        x(5, "drift"); // late but within the last three judged windows: 4 drift, 5 drift, 6 clean
        assertThat(d.read()).extracting(n -> n.get("window_start").asText()).containsExactly(start(5).toString());
    }

    @Test
    void predictionColumnsGivePredictionDriftAlertsThatAreCritical() {
        for (int w = 0; w < 2; w++) {
            d.report("churn", new Report("churn", w, 1).column("score", "prediction", "drift")
                    .feature("x", "no_drift").json());
        }
        JsonNode a = d.read().get(0);
        assertThat(a.get("kind").asText()).isEqualTo("prediction_drift");
        assertThat(a.get("feature").asText()).isEqualTo("score");
        assertThat(a.get("severity").asText()).isEqualTo("critical");
    }

    @Test
    void dataDriftIsAWarningUnlessTheReportSaysTheDatasetDrifted() {
        x(0, "drift");
        x(1, "drift");
        assertThat(d.read().get(0).get("severity").asText()).isEqualTo("warning");
        d.report("churn", new Report("churn", 0, 1).feature("y", "drift").json());
        d.report("churn", new Report("churn", 1, 1).feature("y", "drift").datasetDrift().json());
        assertThat(d.read().get(0).get("severity").asText()).isEqualTo("critical");
    }

    @Test
    void dataQualityOpensOnTheFirstViolatingWindowAndResolvesAfterThreeCleanOnes() {
        d.report("churn", new Report("churn", 0, 1).feature("x", "no_drift")
                .violation("x", "completeness_check", "x: completeness 0.7 below 0.95")
                .violation("x", "baseline_range_check", "x: 14% above the baseline range")
                .violation("colour", "extra_column_check", "There are extra columns in current dataset.").json());
        List<JsonNode> open = d.read();
        assertThat(open).extracting(n -> n.get("kind").asText() + ":" + n.get("feature").asText())
                .containsExactly("data_quality:x", "data_quality:colour");
        JsonNode x = open.get(0);
        assertThat(x.get("metric").asText()).isEqualTo("completeness_check");
        assertThat(x.get("severity").asText()).isEqualTo("warning");
        assertThat(x.get("value").isNull()).isTrue();
        assertThat(x.get("details").get("violations")).hasSize(2);
        // the same violations again: no new alert; a report without a baseline is not a clean window
        d.report("churn", new Report("churn", 1, 1).feature("x", "no_drift")
                .violation("x", "completeness_check", "again").violation("colour", "extra_column_check", "again")
                .json());
        d.report("churn", new Report("churn", 2, 1).status("no_baseline").json());
        assertThat(d.read()).isEmpty();
        for (int w = 3; w < 6; w++) { // "colour" is gone from the window: clean although the report omits it
            d.report("churn", new Report("churn", w, 1).feature("x", "no_drift").json());
        }
        List<JsonNode> resolved = d.read();
        assertThat(resolved).extracting(n -> n.get("feature").asText() + ":" + n.get("state").asText())
                .containsExactlyInAnyOrder("x:resolved", "colour:resolved");
        assertThat(resolved.get(0).get("window_start").asText()).isEqualTo(start(5).toString());
    }

    @Test
    void dataQualityOpenAfterIsConfigurable() {
        try (AlertDriver two = new AlertDriver(new AlertConfig(2, 3, 2, 3))) {
            two.report("churn", new Report("churn", 0, 1).violation("x", "non_negative_check", "neg").json());
            assertThat(two.read()).isEmpty();
            two.report("churn", new Report("churn", 1, 1).violation("x", "non_negative_check", "neg").json());
            assertThat(two.read()).extracting(n -> n.get("kind").asText()).containsExactly("data_quality");
        }
    }

    @Test
    void modelQualityAlertsOpenOnDegradedWindowsAndResolve() {
        d.quality("churn", 0, 1, "degraded", 0.71);
        d.quality("churn", 1, 1, "insufficient_labels", 0.0);
        assertThat(d.read()).isEmpty();
        d.quality("churn", 2, 1, "ok", 0.9);
        d.quality("churn", 2, 2, "degraded", 0.74); // more labels arrived: version 2 of window 2 replaces it
        JsonNode a = d.read().get(0);
        assertThat(a.get("kind").asText()).isEqualTo("model_quality");
        assertThat(a.get("feature").isNull()).isTrue();
        assertThat(a.get("severity").asText()).isEqualTo("critical");
        assertThat(a.get("metric").asText()).isEqualTo("accuracy");
        assertThat(a.get("value").asDouble()).isEqualTo(0.74);
        assertThat(a.get("threshold").asDouble()).isEqualTo(0.8);
        assertThat(a.get("details").get("version").asInt()).isEqualTo(2);
        assertThat(a.get("details").get("metrics").get("accuracy").asDouble()).isEqualTo(0.74);
        d.quality("churn", 3, 1, "ok", 0.9);
        d.quality("churn", 4, 1, "no_reference", 0.9);
        d.quality("churn", 5, 1, "ok", 0.9);
        assertThat(d.read()).isEmpty();
        d.quality("churn", 6, 1, "ok", 0.91);
        JsonNode r = d.read().get(0);
        assertThat(r.get("state").asText()).isEqualTo("resolved");
        assertThat(r.get("alert_id").asText()).isEqualTo(a.get("alert_id").asText());
        assertThat(r.get("value").asDouble()).isEqualTo(0.91);
    }

    @Test
    void oneVersionsWindowsNeitherOpenNorResolveTheModelsAlert() {
        for (int w = 0; w < 3; w++) { // a degraded canary, window after window: the rollout's business
            d.quality("churn", "v2", w, 1, "degraded", 0.5);
        }
        assertThat(d.read()).isEmpty();
        d.quality("churn", "", 3, 1, "degraded", 0.6);
        d.quality("churn", "v1", 3, 2, "ok", 0.95); // same window, higher number: must not replace the verdict
        d.quality("churn", "", 4, 1, "degraded", 0.6);
        assertThat(d.read()).extracting(a -> a.get("state").asText()).containsExactly("open");
        for (int w = 5; w < 8; w++) { // clean stable-version windows do not resolve it either
            d.quality("churn", "v1", w, 1, "ok", 0.95);
        }
        assertThat(d.read()).isEmpty();
        for (int w = 5; w < 8; w++) {
            d.quality("churn", "", w, 1, "ok", 0.9);
        }
        assertThat(d.read()).extracting(a -> a.get("state").asText()).containsExactly("resolved");
    }

    @Test
    void modelsAreIndependentAndUnreadableValuesAreDropped() {
        d.drift.pipeInput("churn", "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        d.quality.pipeInput("churn", "{\"status\":\"degraded\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        x(0, "drift");
        d.report("iris", new Report("iris", 1, 1).feature("x", "drift").json());
        assertThat(d.read()).isEmpty();
        x(1, "drift");
        assertThat(d.read()).extracting(n -> n.get("model").asText()).containsExactly("churn");
    }
}
