package dev.driftline.cli.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.driftline.collector.CollectorMetrics;
import dev.driftline.collector.Rejection;
import dev.driftline.contracts.drift.DriftReport;
import dev.driftline.contracts.figures.FigureRegistry;
import dev.driftline.drift.dataquality.Violation;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.EpisodeState;
import dev.driftline.remediation.engine.RemediationMetrics;
import dev.driftline.sink.service.SinkMetrics;
import dev.driftline.streams.meters.PipelineMeters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What driftline exposes and what the shipped rules and dashboards use: the metric names of a scrape of driftline's
 * real meter classes (streams, collector, sink, remediation, each exercised once so lazily registered meters show),
 * and the metric names a PromQL expression reads.
 */
public final class Exposed {
    public static final Path DEPLOY = Path.of(System.getProperty("basedir", "."), "..", "deploy").toAbsolutePath()
            .normalize();
    public static final Path RULES = DEPLOY.resolve("prometheus/rules/driftline.rules.yaml");
    public static final Path OPERATOR_RULES = DEPLOY.resolve("prometheus/driftline-rules.yaml");
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /**
     * Serving meters another change adds to the collector (issue 14 part 1): the rules and dashboards use them; until
     * they are exposed the check lists them as pending instead of failing. Remove once they are in the scrape.
     */
    public static final Set<String> PENDING = Set.of("driftline_serving_requests_total", "driftline_serving_errors_total",
            "driftline_serving_latency_seconds_bucket", "driftline_serving_latency_seconds_count",
            "driftline_serving_latency_seconds_sum");
    /** Prometheus' own series, always there. */
    public static final Set<String> PROMETHEUS = Set.of("up", "ALERTS", "ALERTS_FOR_STATE", "scrape_duration_seconds");
    private static final Pattern WORD = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "min", "max", "avg", "count", "by", "without",
            "rate", "irate", "increase", "delta", "label_replace", "histogram_quantile", "absent", "or", "and",
            "unless", "on", "ignoring", "group_left", "group_right", "topk", "bottomk", "clamp_min", "clamp_max",
            "max_over_time", "min_over_time", "avg_over_time", "sum_over_time", "last_over_time", "changes",
            "resets", "group", "vector", "scalar", "time", "bool", "offset", "count_over_time", "sort", "sort_desc",
            "humanize", "abs", "round", "deriv", "le", "quantile", "stddev", "stdvar", "Inf", "NaN", "inf", "nan");

    private Exposed() {
    }

    /** A scrape of driftline's meter classes, each exercised so its lazily registered meters appear. */
    public static String scrape() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PipelineMeters meters = new PipelineMeters(registry);
        Map<String, Double> figures = new LinkedHashMap<>();
        FigureRegistry.all().forEach(f -> figures.put(f.name(), 0.2));
        DriftReport.FeatureDrift feature = new DriftReport.FeatureDrift("numeric", "feature", 1000, 1200, figures,
                List.of(), "fractional", 0, 0, "psi", 0.2, "drift", true);
        meters.onDriftReport(new DriftReport("churn", 0, 300_000, 1, 1200, DriftReport.Status.EVALUATED, 0L,
                DriftReport.Reference.baseline(), Map.of("alcohol", feature), true, 5, 10, 0.5,
                List.of(new Violation("alcohol", "completeness", "missing", Map.of()))), 1_000_000L);
        meters.onAlert("churn", "data_quality", "open", 1);
        meters.onDeadLetter("malformed");
        CollectorMetrics collector = new CollectorMetrics(registry, 100, new AtomicLong());
        collector.rejection(Rejection.Reason.UNAVAILABLE);
        collector.produced(1_000_000L);
        collector.bytes(10);
        new SinkMetrics(registry);
        RemediationMetrics remediation = new RemediationMetrics(registry);
        remediation.transition(new EpisodeEvent("e1", "ep1", "churn", EpisodeState.values()[0],
                EpisodeState.ROLLED_BACK, 1L, "rolled back", null), 0);
        remediation.error("churn", EpisodeState.ROLLED_BACK);
        return registry.scrape() + String.join("\n", REGISTERED_ELSEWHERE) + "\n";
    }

    /**
     * Meters registered where this scrape cannot reach them cheaply (DriftlineStreams' late-row function counters,
     * the collector's per-event counter, the sink's package-private dead-letter counter): their names as the code
     * registers them; PrometheusStackIT finds them in a real scrape of the running services.
     */
    public static final List<String> REGISTERED_ELSEWHERE = List.of("driftline_late_records_total",
            "driftline_collector_events_total", "driftline_sink_dead_letters_total");

    /** The metric names of the sample lines of a Prometheus text scrape. */
    public static Set<String> names(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = WORD.matcher(line);
                if (m.lookingAt()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }

    /** The metric names an expression reads (identifiers outside strings, braces, brackets and function names). */
    public static Set<String> metrics(String expr) {
        String plain = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "").replaceAll("(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "")
                .replaceAll("\\$\\{?\\w+}?", "");
        Set<String> out = new LinkedHashSet<>();
        Matcher m = WORD.matcher(plain);
        while (m.find()) {
            String w = m.group();
            int end = m.end();
            boolean call = plain.substring(end).stripLeading().startsWith("(");
            boolean number = m.start() > 0 && Character.isDigit(plain.charAt(m.start() - 1));
            if (!PROMQL_WORDS.contains(w) && !call && !number && !w.matches("\\d.*")) {
                out.add(w);
            }
        }
        return out;
    }

    /** Expression → metrics it reads that are neither exposed, pending nor Prometheus' own. */
    public static Map<String, Set<String>> unknown(Map<String, String> exprs, Set<String> exposed) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        exprs.forEach((name, expr) -> {
            Set<String> missing = new TreeSet<>();
            for (String m : metrics(expr)) {
                if (!exposed.contains(m) && !PENDING.contains(m) && !PROMETHEUS.contains(m)
                        && !m.startsWith("kafka_")) {
                    missing.add(m);
                }
            }
            if (!missing.isEmpty()) {
                out.put(name, missing);
            }
        });
        return out;
    }

    /** alert name → expr of the plain rule file. */
    public static Map<String, String> ruleExprs(JsonNode rulesFile) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode g : rulesFile.get("groups")) {
            for (JsonNode r : g.get("rules")) {
                out.put(r.path("alert").asText(r.path("record").asText()), r.get("expr").asText());
            }
        }
        return out;
    }

    /** "dashboard / panel / refId" → PromQL of every panel target and annotation of a dashboard. */
    public static Map<String, String> dashboardExprs(String name, JsonNode dashboard) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode t : panel.path("targets")) {
                out.put(name + " / " + panel.path("title").asText() + " / " + t.path("refId").asText(),
                        t.path("expr").asText());
            }
            for (JsonNode inner : panel.path("panels")) {
                for (JsonNode t : inner.path("targets")) {
                    out.put(name + " / " + inner.path("title").asText() + " / " + t.path("refId").asText(),
                            t.path("expr").asText());
                }
            }
        }
        for (JsonNode a : dashboard.at("/annotations/list")) {
            if (a.has("expr")) {
                out.put(name + " / annotation " + a.path("name").asText(), a.path("expr").asText());
            }
        }
        return out;
    }

    /** Every dashboard of deploy/grafana/dashboards: "name / panel / refId" → PromQL. */
    public static Map<String, String> allDashboardExprs() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String d : DASHBOARDS) {
            out.putAll(dashboardExprs(d, new ObjectMapper().readTree(DEPLOY.resolve("grafana/dashboards/" + d
                    + ".json").toFile())));
        }
        return out;
    }

    public static final List<String> DASHBOARDS = List.of("overview", "model", "pipeline");

    /** Grafana's variables replaced for a query through Prometheus' API. */
    public static String substitute(String expr, String model) {
        return expr.replace("$__rate_interval", "1m").replace("${__rate_interval}", "1m")
                .replace("$__interval", "15s").replace("${__interval}", "15s").replace("$__range", "1h")
                .replace("${model}", model).replace("$model", model).replace("${datasource}", "")
                .replace("$datasource", "");
    }

    public static JsonNode rules() throws IOException {
        return YAML.readTree(RULES.toFile());
    }

    public static List<String> list(Iterable<String> it) {
        List<String> l = new ArrayList<>();
        it.forEach(l::add);
        return l;
    }
}
