package dev.driftline.bench.all;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.bench.support.Figures;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The document of {@code driftline bench all}: each benchmark's own JSON under its name, the pipeline's JSON split
 * into {@code pipeline}, {@code detection_latency}, {@code state} and {@code memory_at_models}, and a {@code summary}
 * of each benchmark's headline figures with the reference and ratio that benchmark measured itself. A benchmark that
 * failed keeps its section as {@code {"error": …}} and its summary rows with null values and the same error.
 */
public final class AllReport {
    /** The benchmarks, in the order they run and appear. */
    public static final List<String> BENCHMARKS = List.of("drift", "ingest", "pipeline", "sink");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One benchmark's result, or the error that stopped it; {@code seconds} is its wall time. */
    public record Outcome(JsonNode result, String error, double seconds) {
        public static Outcome ok(JsonNode result, double seconds) {
            return new Outcome(result, null, seconds);
        }

        public static Outcome failed(Throwable t, double seconds) {
            return failed(t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()), seconds);
        }

        public static Outcome failed(String error, double seconds) {
            return new Outcome(null, error, seconds);
        }

        public boolean failed() {
            return error != null;
        }
    }

    private AllReport() {
    }

    /** True when every benchmark in {@code outcomes} succeeded and none of {@link #BENCHMARKS} is missing. */
    public static boolean allOk(Map<String, Outcome> outcomes) {
        return BENCHMARKS.stream().allMatch(b -> outcomes.containsKey(b) && !outcomes.get(b).failed());
    }

    /** Merges the outcomes (a benchmark absent from the map is recorded as not run, an error) into one document. */
    public static ObjectNode merge(ObjectNode machine, ObjectNode options, Map<String, Outcome> outcomes) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("benchmark", "all");
        doc.set("machine", machine);
        doc.set("options", options);
        ObjectNode runs = doc.putObject("runs");
        ArrayNode failed = MAPPER.createArrayNode();
        for (String b : BENCHMARKS) {
            Outcome o = outcomes.getOrDefault(b, Outcome.failed("not run", 0));
            ObjectNode r = runs.putObject(b);
            r.put("ok", !o.failed());
            r.put("seconds", Figures.round1(o.seconds()));
            if (o.failed()) {
                r.put("error", o.error());
                failed.add(b);
            }
        }
        doc.put("ok", failed.isEmpty());
        doc.set("failed", failed);

        Outcome ingest = outcomes.getOrDefault("ingest", Outcome.failed("not run", 0));
        Outcome drift = outcomes.getOrDefault("drift", Outcome.failed("not run", 0));
        Outcome pipeline = outcomes.getOrDefault("pipeline", Outcome.failed("not run", 0));
        Outcome sink = outcomes.getOrDefault("sink", Outcome.failed("not run", 0));
        doc.set("ingest", section(ingest));
        doc.set("drift", section(drift));
        if (pipeline.failed()) {
            for (String s : List.of("pipeline", "detection_latency", "state", "memory_at_models")) {
                doc.set(s, error(pipeline.error()));
            }
        } else {
            ObjectNode rest = pipeline.result().deepCopy();
            ObjectNode latency = MAPPER.createObjectNode();
            ObjectNode state = MAPPER.createObjectNode();
            ObjectNode memory = MAPPER.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> it = pipeline.result().fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                ObjectNode to = latencyKey(e.getKey()) ? latency : stateKey(e.getKey()) ? state
                        : memoryKey(e.getKey()) ? memory : null;
                if (to != null) {
                    to.set(e.getKey(), e.getValue());
                    rest.remove(e.getKey());
                }
            }
            doc.set("pipeline", rest);
            doc.set("detection_latency", latency);
            doc.set("state", state);
            doc.set("memory_at_models", memory);
        }
        doc.set("sink", section(sink));

        ArrayNode summary = doc.putArray("summary");
        ingestRows(summary, ingest);
        driftRows(summary, drift);
        pipelineRows(summary, pipeline);
        sinkRows(summary, sink);
        return doc;
    }

    static boolean latencyKey(String k) {
        return k.startsWith("detection_latency_") || k.startsWith("latency_") || k.startsWith("drift_report_latency_")
                || k.startsWith("alert_latency_");
    }

    static boolean stateKey(String k) {
        return k.startsWith("state_bytes_") || k.startsWith("changelog_bytes_") || k.equals("merged_profile_bytes_per_feature")
                || k.equals("partials_per_window");
    }

    static boolean memoryKey(String k) {
        return k.equals("models") || k.equals("pipeline_child_jvm") || k.equals("pipeline_child_max_heap")
                || k.startsWith("pipeline_max_rss_") || k.equals("pipeline_instances")
                || k.equals("pipeline_instance_figures") || k.equals("pipeline_instance_definition");
    }

    private static JsonNode section(Outcome o) {
        return o.failed() ? error(o.error()) : o.result();
    }

    private static ObjectNode error(String message) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("error", message);
        return e;
    }

    private static void ingestRows(ArrayNode summary, Outcome o) {
        JsonNode r = o.result();
        row(summary, o, "ingest.collector_events_per_s vs raw_producer_events_per_s", "events/s",
                r, "collector_events_per_s", r, "raw_producer_events_per_s", r, "ratio_to_raw_producer", null, null);
        row(summary, o, "ingest.collector_events_per_s vs bare_http_events_per_s", "events/s",
                r, "collector_events_per_s", r, "bare_http_events_per_s", r, "ratio_to_http", null, null);
        row(summary, o, "ingest.p99_ms at latency_rate_events_per_s", "ms", r, "p99_ms", null, null, null, null, null, null);
    }

    private static void driftRows(ArrayNode summary, Outcome o) {
        if (o.failed() || !o.result().path("windows").isArray()) {
            row(summary, o.failed() ? o : Outcome.failed("no windows in the drift result", o.seconds()),
                    "drift.eval_us_per_feature vs scipy_us_per_feature", "µs/feature", null, null, null, null, null,
                    null, null, null);
            return;
        }
        for (JsonNode w : o.result().path("windows")) {
            row(summary, o, "drift.eval_us_per_feature vs scipy_us_per_feature (rows " + w.path("rows").asText()
                    + ", ratio = scipy / driftline)", "µs/feature", w, "eval_us_per_feature", w, "scipy_us_per_feature",
                    w, "ratio_scipy_to_driftline_eval", null, null);
        }
    }

    private static void pipelineRows(ArrayNode summary, Outcome o) {
        JsonNode r = o.result();
        row(summary, o, "pipeline.pipeline_events_per_s vs parse_only_events_per_s", "events/s", r,
                "pipeline_events_per_s", r, "parse_only_events_per_s", r, "ratio_to_parse_only", r, "goal_ratio_to_parse_only");
        row(summary, o, "pipeline.pipeline_events_per_s vs raw_consumer_events_per_s", "events/s", r,
                "pipeline_events_per_s", r, "raw_consumer_events_per_s", r, "ratio_to_raw_consumer", null, null);
        row(summary, o, "pipeline.pipeline_feature_values_per_s", "feature values/s", r,
                "pipeline_feature_values_per_s", null, null, null, null, r, "goal_feature_values_per_s");
        row(summary, o, "detection_latency.detection_latency_p99_ms", "ms", r, "detection_latency_p99_ms", null, null,
                null, null, r, "detection_latency_goal_p99_ms");
        row(summary, o, "state.state_bytes_per_model_feature_window", "bytes", r, "state_bytes_per_model_feature_window",
                null, null, null, null, null, null);
        row(summary, o, "memory_at_models.pipeline_max_rss_mib (models " + (r == null ? "?" : r.path("models").asText())
                + ")", "MiB", r, "pipeline_max_rss_mib", null, null, null, null, null, null);
    }

    private static void sinkRows(ArrayNode summary, Outcome o) {
        JsonNode r = o.result();
        JsonNode s = r == null ? null : r.path("sink");
        row(summary, o, "sink.sink.rows_per_s vs duckdb_copy.rows_per_s", "rows/s", s, "rows_per_s",
                r == null ? null : r.path("duckdb_copy"), "rows_per_s", r, "ratio_to_duckdb", null, null);
        row(summary, o, "sink.sink.rows_per_s vs duckdb_copy_partitioned.rows_per_s", "rows/s", s, "rows_per_s",
                r == null ? null : r.path("duckdb_copy_partitioned"), "rows_per_s", r, "ratio_to_duckdb_partitioned", null, null);
    }

    /** One summary row; every figure is copied from the benchmark's own JSON (null when absent), never computed. */
    private static void row(ArrayNode summary, Outcome o, String figure, String unit, JsonNode valueIn, String value,
                            JsonNode refIn, String ref, JsonNode ratioIn, String ratio, JsonNode goalIn, String goal) {
        ObjectNode row = summary.addObject();
        row.put("figure", figure);
        row.put("unit", unit);
        row.set("value", pick(o, valueIn, value));
        row.set("reference", pick(o, refIn, ref));
        row.set("ratio", pick(o, ratioIn, ratio));
        row.set("goal", pick(o, goalIn, goal));
        if (o.failed()) {
            row.put("error", o.error());
        }
    }

    private static JsonNode pick(Outcome o, JsonNode in, String key) {
        if (o.failed() || in == null || key == null) {
            return MAPPER.nullNode();
        }
        JsonNode v = in.get(key);
        return v == null ? MAPPER.nullNode() : v;
    }
}
