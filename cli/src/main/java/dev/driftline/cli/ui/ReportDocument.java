package dev.driftline.cli.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.FeatureProfile;
import dev.driftline.drift.profile.NumericProfile;
import dev.driftline.drift.profile.ProfileCodec;
import dev.driftline.drift.profile.StepCdf;
import dev.driftline.sink.LakeTable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One job: a model's rows ({@link ModelRows}) and, when known, its baseline → the page's data document (JSON), the
 * same for {@code driftline report} (inlined as {@code <script type="application/json" id="driftline-data">}) and
 * {@code driftline ui} ({@code GET /api/data?model=M}). Shape (version 1):
 *
 * <pre>
 * {"format": "driftline-report", "version": 1, "generated_at": ms, "source": "file:///…", "live": false,
 *  "revision": n,                              live: changes whenever the data does (the page re-renders then)
 *  "models": ["wine", …],                      every model the source has
 *  "data": {"wine": {                          the models this document carries
 *    "model": "wine",
 *    "reference": {"kind": "baseline|earliest_window|none", "text": "what the distributions compare against",
 *                  "reference_modes": ["baseline"], "baseline_created_at": ms|null},
 *    "windows": {"start": [ms…], "end": [ms…], "rows": [n…], "dataset_drift": [bool…], "drifted_share": [x…],
 *                "status": ["evaluated"|"no_baseline"…]},          W windows, sorted, highest revision each
 *    "features": [{"name", "kind", "role", "method", "threshold", "score_metric"}…],   F features
 *    "score": [F×W numbers or null, feature-major: index f*W + w], "decision": [F×W: 0 none, 1 no_drift, 2 drift,
 *              3 insufficient_data],
 *    "details": {"first_window": k, "features": [{"bins": {"edges": […]} | {"labels": […]}, "reference": [fraction…],
 *                "reference_n": n, "windows": {"w": {"n": n, "hist": [fraction…], "figures": {"ks_statistic": x…}}}}…]},
 *    "violations": {"total": n, "items": [{"window_start", "feature_name", "constraint_check_type", "description"}…]},
 *    "quality": [{"window_start", "window_end", "model_version", "metric", "value", "threshold", "baseline_value",
 *                 "status", "labelled_rows"}…],
 *    "alerts": [{"alert_id", "kind", "feature", "severity", "metric", "value", "threshold", "window_start",
 *                "opened_at", "resolved_at"}…],
 *    "remediation": [{"episode_id", "from_state", "to_state", "at", "message", "data"}…]}}}
 * </pre>
 *
 * The score of a cell is a distance in [0, 1] the heatmap colours by: the first of {@link #SCORE_METRICS} the
 * feature has; the decision (the pipeline's verdict on its own decision figure) is separate. Details (figures and
 * distributions) are kept for the latest windows only when F × W exceeds {@code detailCellLimit}
 * ({@code first_window} says from where), so a 200 × 2,000 document stays a few MB.
 */
public final class ReportDocument {
    public static final String FORMAT = "driftline-report";
    public static final int VERSION = 1;
    /** Heatmap colour: the first of these distances (all in [0, 1]) a feature has. */
    public static final List<String> SCORE_METRICS = List.of("jensen_shannon", "hellinger", "ks_statistic", "linf");
    /** Default cap of F × W cells with figures and distributions. */
    public static final int DEFAULT_DETAIL_CELLS = 60_000;
    static final int NUMERIC_BINS = 20;
    static final int CATEGORIES = 12;
    static final int VIOLATIONS_KEPT = 1_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportDocument() {
    }

    /** The reference the distributions compare against, for one model. */
    public record Reference(Optional<Baseline> baseline, String origin) {
        public static Reference none() {
            return new Reference(Optional.empty(), "");
        }
    }

    /** The document's envelope around the models' parts. */
    public static ObjectNode envelope(List<String> models, String source, boolean live, long generatedAt,
            long revision) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("format", FORMAT).put("version", VERSION).put("generated_at", generatedAt).put("source", source)
                .put("live", live).put("revision", revision);
        ArrayNode m = doc.putArray("models");
        models.forEach(m::add);
        doc.putObject("data");
        return doc;
    }

    /** The part of one model (the value under {@code data.<model>}). */
    public static ObjectNode model(ModelRows rows, Reference reference, int detailCellLimit) {
        return new Builder(rows, reference, detailCellLimit).build();
    }

    private static final class Builder {
        final ModelRows in;
        final Reference reference;
        final int detailCellLimit;
        final ObjectNode out = MAPPER.createObjectNode();

        Builder(ModelRows in, Reference reference, int detailCellLimit) {
            this.in = in;
            this.reference = reference;
            this.detailCellLimit = detailCellLimit;
        }

        ObjectNode build() {
            out.put("model", in.model());
            // drift_metrics: per window the rows of its highest revision
            Map<Long, List<Map<String, Object>>> drift = latestRevision(in.rows(LakeTable.DRIFT_METRICS), "revision");
            List<Long> starts = new ArrayList<>(drift.keySet());
            int w = starts.size();
            Map<String, ObjectNode> features = new LinkedHashMap<>();
            Map<String, Map<Integer, Map<String, Object>>> decisionRows = new HashMap<>();
            Map<String, Map<Integer, Map<String, Double>>> figures = new HashMap<>();
            ObjectNode windows = out.putObject("windows");
            ArrayNode wStart = windows.putArray("start");
            ArrayNode wEnd = windows.putArray("end");
            ArrayNode wRows = windows.putArray("rows");
            ArrayNode wDataset = windows.putArray("dataset_drift");
            ArrayNode wShare = windows.putArray("drifted_share");
            ArrayNode wStatus = windows.putArray("status");
            Set<String> referenceModes = new LinkedHashSet<>();
            Long baselineCreatedAt = null;
            List<ObjectNode> violations = new ArrayList<>();
            int violationTotal = 0;
            for (int wi = 0; wi < w; wi++) {
                List<Map<String, Object>> rs = drift.get(starts.get(wi));
                Map<String, Object> first = rs.get(0);
                wStart.add(starts.get(wi));
                wEnd.add(lng(first.get("window_end")));
                wRows.add(lng(first.get("rows")));
                wDataset.add(Boolean.TRUE.equals(bool(first.get("dataset_drift"))));
                putNumber(wShare, dbl(first.get("drifted_share")));
                wStatus.add(str(first.get("report_status")));
                if (first.get("reference_mode") != null) {
                    referenceModes.add(str(first.get("reference_mode")));
                }
                if (first.get("baseline_created_at") != null) {
                    baselineCreatedAt = lng(first.get("baseline_created_at"));
                }
                JsonNode vs = json(first.get("violations_json"));
                if (vs != null && vs.isArray()) {
                    for (JsonNode v : vs) {
                        violationTotal++;
                        ObjectNode o = MAPPER.createObjectNode();
                        o.put("window_start", starts.get(wi));
                        o.put("feature_name", v.path("feature_name").asText(null));
                        o.put("constraint_check_type", v.path("constraint_check_type").asText(null));
                        o.put("description", v.path("description").asText(null));
                        violations.add(o);
                    }
                }
                for (Map<String, Object> r : rs) {
                    String feature = str(r.get("feature"));
                    if (feature == null) {
                        continue;
                    }
                    features.computeIfAbsent(feature, f -> {
                        ObjectNode o = MAPPER.createObjectNode();
                        o.put("name", f).put("kind", str(r.get("feature_kind"))).put("role", str(r.get("role")))
                                .put("method", str(r.get("method")));
                        putNumber(o, "threshold", dbl(r.get("threshold")));
                        return o;
                    });
                    String metric = str(r.get("metric"));
                    if (metric != null) {
                        figures.computeIfAbsent(feature, f -> new HashMap<>()).computeIfAbsent(wi,
                                x -> new LinkedHashMap<>()).put(metric, dbl(r.get("value")));
                    }
                    Map<Integer, Map<String, Object>> byWindow = decisionRows.computeIfAbsent(feature,
                            f -> new HashMap<>());
                    if (!byWindow.containsKey(wi) || Boolean.TRUE.equals(bool(r.get("is_decision_metric")))) {
                        byWindow.put(wi, r);
                    }
                }
            }
            // features: model inputs first, then outputs, each by name
            List<String> names = new ArrayList<>(features.keySet());
            names.sort(Comparator.comparing((String n) -> "prediction".equals(features.get(n).path("role").asText())
                    ? 1 : 0).thenComparing(Comparator.naturalOrder()));
            int f = names.size();
            ArrayNode featureArray = out.putArray("features");
            ArrayNode score = out.putArray("score");
            ArrayNode decision = out.putArray("decision");
            List<String> scoreMetric = new ArrayList<>();
            for (String n : names) {
                ObjectNode o = features.get(n);
                String sm = null;
                for (String candidate : SCORE_METRICS) {
                    boolean has = figures.getOrDefault(n, Map.of()).values().stream()
                            .anyMatch(m -> m.containsKey(candidate));
                    if (has) {
                        sm = candidate;
                        break;
                    }
                }
                o.put("score_metric", sm);
                scoreMetric.add(sm);
                featureArray.add(o);
            }
            for (int fi = 0; fi < f; fi++) {
                String n = names.get(fi);
                Map<Integer, Map<String, Double>> fig = figures.getOrDefault(n, Map.of());
                Map<Integer, Map<String, Object>> dec = decisionRows.getOrDefault(n, Map.of());
                for (int wi = 0; wi < w; wi++) {
                    Map<String, Double> m = fig.get(wi);
                    putNumber(score, m == null || scoreMetric.get(fi) == null ? null : m.get(scoreMetric.get(fi)));
                    Map<String, Object> d = dec.get(wi);
                    decision.add(d == null ? 0 : decisionCode(str(d.get("decision"))));
                }
            }
            // reference, details
            Map<Long, Map<String, String>> profiles = profilesByWindow();
            int detailWindows = f == 0 ? w : Math.max(1, Math.min(w, detailCellLimit / f));
            int firstDetail = w - detailWindows;
            ObjectNode ref = out.putObject("reference");
            ArrayNode modes = ref.putArray("reference_modes");
            referenceModes.forEach(modes::add);
            if (baselineCreatedAt != null) {
                ref.put("baseline_created_at", baselineCreatedAt);
            } else {
                ref.putNull("baseline_created_at");
            }
            Long earliest = null;
            for (Long s : starts) {
                if (profiles.containsKey(s)) {
                    earliest = s;
                    break;
                }
            }
            if (reference.baseline().isPresent()) {
                Baseline b = reference.baseline().get();
                ref.put("kind", "baseline").put("text", "Distributions compare each window with the baseline of "
                        + b.model() + " created " + Instant.ofEpochMilli(b.createdAt().toEpochMilli()) + " from "
                        + b.source() + " (" + b.rows() + " rows; " + reference.origin() + ").");
            } else if (earliest != null) {
                ref.put("kind", "earliest_window").put("text", "No baseline was given: distributions compare each "
                        + "window with the earliest window shown (" + Instant.ofEpochMilli(earliest) + "). The "
                        + "drift figures and decisions are the pipeline's, computed against its reference ("
                        + (referenceModes.isEmpty() ? "unknown" : String.join(", ", referenceModes)) + ").");
            } else {
                ref.put("kind", "none").put("text", "No baseline and no window profiles: no distributions to show.");
            }
            ObjectNode details = out.putObject("details");
            details.put("first_window", firstDetail);
            ArrayNode detailFeatures = details.putArray("features");
            for (int fi = 0; fi < f; fi++) {
                String n = names.get(fi);
                Map<Integer, FeatureProfile> current = new TreeMap<>();
                for (int wi = firstDetail; wi < w; wi++) {
                    Map<String, String> p = profiles.get(starts.get(wi));
                    FeatureProfile fp = p == null ? null : decode(lookup(p, n));
                    if (fp != null) {
                        current.put(wi, fp);
                    }
                }
                FeatureProfile refProfile = null;
                if (reference.baseline().isPresent()) {
                    refProfile = baselineProfile(reference.baseline().get(), n);
                } else if (earliest != null) {
                    refProfile = decode(lookup(profiles.get(earliest), n));
                }
                ObjectNode d = distributions(refProfile, current);
                ObjectNode ws = d.putObject("windows");
                Map<Integer, Map<String, Double>> fig = figures.getOrDefault(n, Map.of());
                for (int wi = firstDetail; wi < w; wi++) {
                    JsonNode cell = d.path("hists").path(Integer.toString(wi));
                    Map<String, Double> m = fig.get(wi);
                    if (cell.isMissingNode() && m == null) {
                        continue;
                    }
                    ObjectNode c = ws.putObject(Integer.toString(wi));
                    if (cell instanceof ObjectNode o) {
                        c.setAll(o);
                    }
                    if (m != null) {
                        ObjectNode fo = c.putObject("figures");
                        m.forEach((k, v) -> putNumber(fo, k, v));
                    }
                }
                d.remove("hists");
                detailFeatures.add(d);
            }
            ObjectNode v = out.putObject("violations");
            v.put("total", violationTotal);
            ArrayNode items = v.putArray("items");
            violations.subList(Math.max(0, violations.size() - VIOLATIONS_KEPT), violations.size()).forEach(items::add);
            quality();
            alerts();
            remediation();
            return out;
        }

        /** window start → feature → base64 profile, of each window's highest revision. */
        Map<Long, Map<String, String>> profilesByWindow() {
            Map<Long, Map<String, String>> out = new HashMap<>();
            latestRevision(in.rows(LakeTable.FEATURE_PROFILES), "revision").forEach((start, rows) -> {
                Map<String, String> m = new HashMap<>();
                for (Map<String, Object> r : rows) {
                    if (r.get("profile") != null) {
                        m.put(str(r.get("feature")), str(r.get("profile")));
                    }
                }
                out.put(start, m);
            });
            return out;
        }

        void quality() {
            Map<String, Map<String, Object>> latest = new TreeMap<>();
            for (Map<String, Object> r : in.rows(LakeTable.MODEL_QUALITY)) {
                String version = r.get("model_version") == null ? "" : str(r.get("model_version"));
                String key = String.format("%020d|%s", lng(r.get("window_start")), version);
                Map<String, Object> old = latest.get(key);
                if (old == null || lng(r.get("version")) >= lng(old.get("version"))) {
                    latest.put(key, r);
                }
            }
            ArrayNode q = out.putArray("quality");
            for (Map<String, Object> r : latest.values()) {
                ObjectNode o = q.addObject();
                o.put("window_start", lng(r.get("window_start"))).put("window_end", lng(r.get("window_end")))
                        .put("model_version", r.get("model_version") == null ? "" : str(r.get("model_version")))
                        .put("metric", str(r.get("metric")));
                putNumber(o, "value", dbl(r.get("value")));
                putNumber(o, "threshold", dbl(r.get("threshold")));
                putNumber(o, "baseline_value", dbl(r.get("baseline_value")));
                o.put("status", str(r.get("status"))).put("labelled_rows", lng(r.get("labelled_rows")));
            }
        }

        void alerts() {
            Map<String, ObjectNode> byId = new LinkedHashMap<>();
            List<Map<String, Object>> rows = new ArrayList<>(in.rows(LakeTable.ALERTS));
            rows.sort(Comparator.comparing(r -> lng(r.get("opened_at"))));
            for (Map<String, Object> r : rows) {
                String id = str(r.get("alert_id"));
                ObjectNode o = byId.get(id);
                boolean resolved = "resolved".equals(str(r.get("state")));
                if (o == null) {
                    o = MAPPER.createObjectNode();
                    o.put("alert_id", id).put("kind", str(r.get("kind"))).put("feature", str(r.get("feature")))
                            .put("severity", str(r.get("severity"))).put("metric", str(r.get("metric")));
                    putNumber(o, "value", dbl(r.get("value")));
                    putNumber(o, "threshold", dbl(r.get("threshold")));
                    o.put("window_start", lng(r.get("window_start"))).put("opened_at", lng(r.get("opened_at")));
                    o.putNull("resolved_at");
                    byId.put(id, o);
                }
                if (resolved && r.get("resolved_at") != null) {
                    o.put("resolved_at", lng(r.get("resolved_at")));
                }
            }
            ArrayNode a = out.putArray("alerts");
            byId.values().forEach(a::add);
        }

        void remediation() {
            Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
            for (Map<String, Object> r : in.rows(LakeTable.REMEDIATION_EVENTS)) {
                byId.put(str(r.get("event_id")), r);
            }
            List<Map<String, Object>> rows = new ArrayList<>(byId.values());
            rows.sort(Comparator.comparing(r -> lng(r.get("at"))));
            ArrayNode a = out.putArray("remediation");
            for (Map<String, Object> r : rows) {
                ObjectNode o = a.addObject();
                o.put("episode_id", str(r.get("episode_id"))).put("from_state", str(r.get("from_state")))
                        .put("to_state", str(r.get("to_state"))).put("at", lng(r.get("at")))
                        .put("message", str(r.get("message")));
                JsonNode data = json(r.get("data_json"));
                o.set("data", data == null ? MAPPER.createObjectNode() : data);
            }
        }
    }

    // ---- distributions

    /**
     * {@code {"bins": …, "reference": […], "reference_n": n, "hists": {"w": {"n": n, "hist": […]}}}}: numeric
     * profiles on {@value #NUMERIC_BINS} equal bins spanning the 1st to 99th percentiles of the reference and the
     * windows (the outer bins take the tails), categorical ones on the {@value #CATEGORIES} most frequent
     * categories plus {@code (other)}; every histogram as fractions of its present values.
     */
    static ObjectNode distributions(FeatureProfile reference, Map<Integer, FeatureProfile> windows) {
        ObjectNode d = MAPPER.createObjectNode();
        List<FeatureProfile> all = new ArrayList<>();
        if (reference != null) {
            all.add(reference);
        }
        all.addAll(windows.values());
        boolean numeric = all.stream().anyMatch(p -> p instanceof NumericProfile);
        ObjectNode hists = d.putObject("hists");
        if (all.isEmpty()) {
            d.putNull("bins");
            d.putNull("reference");
            d.put("reference_n", 0);
            return d;
        }
        if (numeric) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (FeatureProfile p : all) {
                if (p instanceof NumericProfile np && np.present() > 0) {
                    StepCdf c = np.distribution();
                    if (c.n() > 0) {
                        lo = Math.min(lo, c.quantileType7(0.01));
                        hi = Math.max(hi, c.quantileType7(0.99));
                    }
                }
            }
            if (!(lo <= hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
                lo = 0;
                hi = 1;
            }
            if (lo == hi) {
                lo -= 0.5;
                hi += 0.5;
            }
            double[] edges = new double[NUMERIC_BINS + 1];
            for (int i = 0; i <= NUMERIC_BINS; i++) {
                edges[i] = lo + (hi - lo) * i / NUMERIC_BINS;
            }
            ArrayNode e = d.putObject("bins").putArray("edges");
            for (double x : edges) {
                e.add(round(x));
            }
            putHist(d, "reference", reference instanceof NumericProfile np ? numericHist(np, edges) : null);
            d.put("reference_n", reference == null ? 0 : reference.present());
            windows.forEach((wi, p) -> {
                if (p instanceof NumericProfile np) {
                    ObjectNode c = hists.putObject(Integer.toString(wi));
                    c.put("n", np.present());
                    putHist(c, "hist", numericHist(np, edges));
                }
            });
        } else {
            Map<String, Long> totals = new HashMap<>();
            for (FeatureProfile p : all) {
                if (p instanceof CategoricalProfile cp) {
                    long n = Math.max(1, cp.present());
                    // weigh each profile equally, so a shifted window's new category can make the list
                    cp.frequencies().forEach((k, v) -> totals.merge(k, v * 1_000_000L / n, Long::sum));
                }
            }
            List<String> labels = new ArrayList<>(totals.keySet());
            labels.sort(Comparator.comparing((String k) -> -totals.get(k)).thenComparing(Comparator.naturalOrder()));
            boolean other = labels.size() > CATEGORIES;
            if (other) {
                labels = new ArrayList<>(labels.subList(0, CATEGORIES));
            }
            List<String> shown = List.copyOf(labels);
            ArrayNode l = d.putObject("bins").putArray("labels");
            shown.forEach(l::add);
            l.add("(other)");
            putHist(d, "reference", reference instanceof CategoricalProfile cp ? categoricalHist(cp, shown) : null);
            d.put("reference_n", reference == null ? 0 : reference.present());
            windows.forEach((wi, p) -> {
                if (p instanceof CategoricalProfile cp) {
                    ObjectNode c = hists.putObject(Integer.toString(wi));
                    c.put("n", cp.present());
                    putHist(c, "hist", categoricalHist(cp, shown));
                }
            });
        }
        return d;
    }

    static double[] numericHist(NumericProfile p, double[] edges) {
        StepCdf c = p.distribution();
        int bins = edges.length - 1;
        double[] h = new double[bins];
        if (c.n() == 0) {
            return h;
        }
        double prev = 0;
        for (int i = 0; i < bins; i++) {
            double upTo = i == bins - 1 ? 1.0 : c.cdf(edges[i + 1]);
            h[i] = Math.max(0, upTo - prev);
            prev = upTo;
        }
        return h;
    }

    static double[] categoricalHist(CategoricalProfile p, List<String> labels) {
        double[] h = new double[labels.size() + 1];
        double n = p.present();
        if (n <= 0) {
            return h;
        }
        Map<String, Long> freq = p.frequencies();
        double shown = 0;
        for (int i = 0; i < labels.size(); i++) {
            h[i] = freq.getOrDefault(labels.get(i), 0L) / n;
            shown += h[i];
        }
        h[labels.size()] = Math.max(0, 1 - shown);
        return h;
    }

    private static void putHist(ObjectNode o, String field, double[] h) {
        if (h == null) {
            o.putNull(field);
            return;
        }
        ArrayNode a = o.putArray(field);
        for (double x : h) {
            a.add(round(x));
        }
    }

    static FeatureProfile baselineProfile(Baseline b, String feature) {
        Optional<BaselineFeature> bf = b.feature(feature);
        if (bf.isEmpty() && feature.startsWith("prediction:")) {
            bf = b.feature(feature.substring("prediction:".length()));
        }
        return bf.map(BaselineFeature::profile).orElse(null);
    }

    private static String lookup(Map<String, String> profiles, String feature) {
        if (profiles == null) {
            return null;
        }
        String p = profiles.get(feature);
        return p != null ? p : profiles.get("prediction:" + feature);
    }

    private static FeatureProfile decode(String base64) {
        if (base64 == null) {
            return null;
        }
        try {
            return ProfileCodec.fromBytes(Base64.getDecoder().decode(base64));
        } catch (RuntimeException e) {
            return null; // a profile this build cannot read: the cell shows no distribution
        }
    }

    // ---- rows

    /** Rows grouped by window start (sorted), keeping those of the highest revision, de-duplicated by source. */
    static TreeMap<Long, List<Map<String, Object>>> latestRevision(List<Map<String, Object>> rows, String revision) {
        TreeMap<Long, List<Map<String, Object>>> out = new TreeMap<>();
        Map<Long, Long> best = new HashMap<>();
        for (Map<String, Object> r : rows) {
            long start = lng(r.get("window_start"));
            long rev = lng(r.get(revision));
            Long b = best.get(start);
            if (b == null || rev > b) {
                best.put(start, rev);
                out.put(start, new ArrayList<>());
            }
            if (rev >= best.get(start)) {
                out.get(start).add(r);
            }
        }
        // a replayed record repeats its rows (same kafka partition and offset): keep one
        out.replaceAll((k, list) -> {
            Map<String, Map<String, Object>> seen = new LinkedHashMap<>();
            for (Map<String, Object> r : list) {
                seen.putIfAbsent(r.get("feature") + "|" + r.get("metric") + "|" + r.get("kafka_partition") + "|"
                        + r.get("kafka_offset"), r);
            }
            // the same window re-emitted with the same revision at another offset: keep the last record's rows
            Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
            for (Map<String, Object> r : seen.values()) {
                byKey.put(r.get("feature") + "|" + r.get("metric"), r);
            }
            return new ArrayList<>(byKey.values());
        });
        return out;
    }

    static int decisionCode(String decision) {
        if (decision == null) {
            return 0;
        }
        return switch (decision) {
            case "no_drift" -> 1;
            case "drift" -> 2;
            case "insufficient_data" -> 3;
            default -> 0;
        };
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }

    static long lng(Object o) {
        if (o == null) {
            return 0;
        }
        if (o instanceof Number n) {
            return n.longValue();
        }
        if (o instanceof Instant i) {
            return i.toEpochMilli();
        }
        return Long.parseLong(o.toString());
    }

    static Double dbl(Object o) {
        if (o == null) {
            return null;
        }
        double d = o instanceof Number n ? n.doubleValue() : Double.parseDouble(o.toString());
        return Double.isFinite(d) ? d : null;
    }

    static Boolean bool(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof Boolean b ? b : Boolean.parseBoolean(o.toString());
    }

    static JsonNode json(Object o) {
        if (o == null) {
            return null;
        }
        try {
            return MAPPER.readTree(o.toString());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Four significant digits: the page shows three, and 400,000 cells stay small. */
    static double round(double x) {
        if (x == 0 || !Double.isFinite(x)) {
            return x;
        }
        return new BigDecimal(x).round(new MathContext(4)).doubleValue();
    }

    private static void putNumber(ArrayNode a, Double v) {
        if (v == null) {
            a.addNull();
        } else {
            a.add(round(v));
        }
    }

    private static void putNumber(ObjectNode o, String field, Double v) {
        if (v == null) {
            o.putNull(field);
        } else {
            o.put(field, round(v));
        }
    }
}
