package dev.driftline.cli.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * A scrape of driftline's meter classes, each exercised so its lazily registered meters appear: the registries
     * of {@link dev.driftline.cli.docs.MetricCatalogue}, the same the generated docs/metrics.md is made from.
     */
    public static String scrape() {
        StringBuilder out = new StringBuilder();
        dev.driftline.cli.docs.MetricCatalogue.services().values().forEach(r -> out.append(r.scrape()).append('\n'));
        return out.toString();
    }

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
                if (!exposed.contains(m) && !PROMETHEUS.contains(m)
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
