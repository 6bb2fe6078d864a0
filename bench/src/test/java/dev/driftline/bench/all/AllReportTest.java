package dev.driftline.bench.all;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.bench.all.AllReport.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllReportTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return M.readTree(s.replace('\'', '"'));
    }

    private static Map<String, Outcome> canned() throws Exception {
        Map<String, Outcome> o = new LinkedHashMap<>();
        o.put("drift", Outcome.ok(json("{'features':20,'windows':[{'rows':1000,'eval_us_per_feature':2.0,"
                + "'scipy_us_per_feature':200.0,'ratio_scipy_to_driftline_eval':100.0},"
                + "{'rows':100000,'eval_us_per_feature':3.0,'scipy_us_per_feature':null}]}"), 12));
        o.put("ingest", Outcome.ok(json("{'collector_events_per_s':9000,'raw_producer_events_per_s':12000,"
                + "'bare_http_events_per_s':30000,'ratio_to_raw_producer':0.75,'ratio_to_http':0.3,'p99_ms':4.5}"), 40));
        o.put("pipeline", Outcome.ok(json("{'benchmark':'pipeline','pipeline_events_per_s':5000,"
                + "'parse_only_events_per_s':10000,'raw_consumer_events_per_s':50000,'ratio_to_parse_only':0.5,"
                + "'ratio_to_raw_consumer':0.1,'goal_ratio_to_parse_only':0.5,'pipeline_feature_values_per_s':200000,"
                + "'goal_feature_values_per_s':400000,'detection_latency_p50_ms':3000,'detection_latency_p99_ms':3900,"
                + "'detection_latency_goal_p99_ms':4000,'latency_window_s':10,'alert_latency_p99_ms':3900,"
                + "'state_bytes_per_model_feature_window':1200,'changelog_bytes_per_model_feature_window':2400,"
                + "'partials_per_window':6,'models':50,'pipeline_child_jvm':true,'pipeline_max_rss_mib':700,"
                + "'pipeline_max_rss_bytes':734003200}"), 150));
        o.put("sink", Outcome.ok(json("{'bench':'sink','sink':{'rows_per_s':40000},'duckdb_copy':{'rows_per_s':80000},"
                + "'duckdb_copy_partitioned':{'rows_per_s':60000},'ratio_to_duckdb':0.5,'ratio_to_duckdb_partitioned':0.667}"), 30));
        return o;
    }

    private static JsonNode row(JsonNode doc, String figurePrefix) {
        for (JsonNode r : doc.path("summary")) {
            if (r.path("figure").asText().startsWith(figurePrefix)) {
                return r;
            }
        }
        throw new AssertionError("no summary row " + figurePrefix + " in " + doc.path("summary"));
    }

    @Test
    void everyBenchmarkUnderItsNameAndTheSummaryCopiesTheirOwnRatios() throws Exception {
        Map<String, Outcome> outcomes = canned();
        ObjectNode doc = AllReport.merge(M.createObjectNode().put("cores", 2), M.createObjectNode(), outcomes);

        assertThat(AllReport.allOk(outcomes)).isTrue();
        assertThat(doc.path("benchmark").asText()).isEqualTo("all");
        assertThat(doc.path("ok").asBoolean()).isTrue();
        assertThat(doc.path("failed")).isEmpty();
        assertThat(doc.path("machine").path("cores").asInt()).isEqualTo(2);
        assertThat(doc.path("runs").path("pipeline").path("seconds").asDouble()).isEqualTo(150.0);
        assertThat(doc.path("ingest").path("collector_events_per_s").asInt()).isEqualTo(9000);
        assertThat(doc.path("sink").path("sink").path("rows_per_s").asInt()).isEqualTo(40000);

        JsonNode ingest = row(doc, "ingest.collector_events_per_s vs raw_producer");
        assertThat(ingest.path("value").asDouble()).isEqualTo(9000);
        assertThat(ingest.path("reference").asDouble()).isEqualTo(12000);
        assertThat(ingest.path("ratio").asDouble()).isEqualTo(0.75);
        assertThat(ingest.path("goal").isNull()).isTrue();
        assertThat(ingest.has("error")).isFalse();

        JsonNode pipeline = row(doc, "pipeline.pipeline_events_per_s vs parse_only");
        assertThat(pipeline.path("ratio").asDouble()).isEqualTo(0.5);
        assertThat(pipeline.path("goal").asDouble()).isEqualTo(0.5);
        assertThat(row(doc, "detection_latency.").path("value").asInt()).isEqualTo(3900);
        assertThat(row(doc, "detection_latency.").path("goal").asInt()).isEqualTo(4000);
        assertThat(row(doc, "memory_at_models.").path("figure").asText()).contains("models 50");
        assertThat(row(doc, "memory_at_models.").path("value").asInt()).isEqualTo(700);
        assertThat(row(doc, "sink.sink.rows_per_s vs duckdb_copy.").path("reference").asInt()).isEqualTo(80000);
        assertThat(row(doc, "sink.sink.rows_per_s vs duckdb_copy.").path("ratio").asDouble()).isEqualTo(0.5);

        // one row per drift window; without scipy the reference and ratio stay null, nothing is made up
        assertThat(row(doc, "drift.eval_us_per_feature vs scipy_us_per_feature (rows 1000").path("ratio").asDouble())
                .isEqualTo(100.0);
        JsonNode noScipy = row(doc, "drift.eval_us_per_feature vs scipy_us_per_feature (rows 100000");
        assertThat(noScipy.path("value").asDouble()).isEqualTo(3.0);
        assertThat(noScipy.path("reference").isNull()).isTrue();
        assertThat(noScipy.path("ratio").isNull()).isTrue();
    }

    @Test
    void thePipelineJsonIsSplitWithoutLosingOrDuplicatingKeys() throws Exception {
        Map<String, Outcome> outcomes = canned();
        ObjectNode doc = AllReport.merge(M.createObjectNode(), M.createObjectNode(), outcomes);

        assertThat(doc.path("detection_latency").path("detection_latency_p99_ms").asInt()).isEqualTo(3900);
        assertThat(doc.path("detection_latency").has("latency_window_s")).isTrue();
        assertThat(doc.path("detection_latency").has("alert_latency_p99_ms")).isTrue();
        assertThat(doc.path("state").path("state_bytes_per_model_feature_window").asInt()).isEqualTo(1200);
        assertThat(doc.path("state").has("changelog_bytes_per_model_feature_window")).isTrue();
        assertThat(doc.path("state").has("partials_per_window")).isTrue();
        assertThat(doc.path("memory_at_models").path("models").asInt()).isEqualTo(50);
        assertThat(doc.path("memory_at_models").path("pipeline_max_rss_mib").asInt()).isEqualTo(700);
        assertThat(doc.path("pipeline").has("detection_latency_p99_ms")).isFalse();
        assertThat(doc.path("pipeline").has("state_bytes_per_model_feature_window")).isFalse();
        assertThat(doc.path("pipeline").has("pipeline_max_rss_mib")).isFalse();
        assertThat(doc.path("pipeline").path("ratio_to_parse_only").asDouble()).isEqualTo(0.5);

        int split = doc.path("pipeline").size() + doc.path("detection_latency").size() + doc.path("state").size()
                + doc.path("memory_at_models").size();
        assertThat(split).isEqualTo(outcomes.get("pipeline").result().size());
    }

    @Test
    void aFailedBenchmarkKeepsItsErrorInItsSectionsAndSummaryRowsAndTheOthersStay() throws Exception {
        Map<String, Outcome> outcomes = canned();
        outcomes.put("pipeline", Outcome.failed(new IllegalStateException("broker gone"), 7));
        ObjectNode doc = AllReport.merge(M.createObjectNode(), M.createObjectNode(), outcomes);

        assertThat(AllReport.allOk(outcomes)).isFalse();
        assertThat(doc.path("ok").asBoolean()).isFalse();
        assertThat(doc.path("failed").toString()).isEqualTo("[\"pipeline\"]");
        assertThat(doc.path("runs").path("pipeline").path("ok").asBoolean()).isFalse();
        assertThat(doc.path("runs").path("pipeline").path("error").asText())
                .isEqualTo("IllegalStateException: broker gone");
        for (String section : new String[] {"pipeline", "detection_latency", "state", "memory_at_models"}) {
            assertThat(doc.path(section).path("error").asText()).as(section).isEqualTo("IllegalStateException: broker gone");
        }
        for (String figure : new String[] {"pipeline.", "detection_latency.", "state.", "memory_at_models."}) {
            JsonNode r = row(doc, figure);
            assertThat(r.path("value").isNull()).as(figure).isTrue();
            assertThat(r.path("ratio").isNull()).as(figure).isTrue();
            assertThat(r.path("error").asText()).as(figure).contains("broker gone");
        }
        // the rest is all there
        assertThat(row(doc, "sink.sink.rows_per_s vs duckdb_copy.").path("ratio").asDouble()).isEqualTo(0.5);
        assertThat(row(doc, "ingest.collector_events_per_s vs raw_producer").path("ratio").asDouble()).isEqualTo(0.75);
        assertThat(doc.path("runs").path("sink").path("ok").asBoolean()).isTrue();
    }

    @Test
    void aBenchmarkThatNeverRanIsAnErrorNotAGap() throws Exception {
        Map<String, Outcome> outcomes = canned();
        outcomes.remove("sink");
        ObjectNode doc = AllReport.merge(M.createObjectNode(), M.createObjectNode(), outcomes);

        assertThat(AllReport.allOk(outcomes)).isFalse();
        assertThat(doc.path("sink").path("error").asText()).isEqualTo("not run");
        assertThat(row(doc, "sink.").path("error").asText()).isEqualTo("not run");
        assertThat(doc.path("failed").toString()).isEqualTo("[\"sink\"]");
    }
}
