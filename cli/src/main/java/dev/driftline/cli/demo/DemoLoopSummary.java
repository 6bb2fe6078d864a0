package dev.driftline.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.alerts.Alert;
import dev.driftline.contracts.modelquality.ModelQualityWindow;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.EpisodeState;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The closed loop in the demo's summary: the episode's timeline (every transition, in simulated time), the rollout
 * steps the simulated KServe carried out, the model's accuracy before the shift, during it (until the promotion)
 * and after the promotion, and which drift alerts were resolved once windows were judged against the new baseline.
 */
final class DemoLoopSummary {
    private DemoLoopSummary() {
    }

    static ObjectNode build(DemoWatcher w, List<DemoKServe.Step> steps, Instant driftStart, Duration window,
                            ObjectMapper mapper) {
        ObjectNode r = mapper.createObjectNode();
        List<EpisodeEvent> events = List.copyOf(w.episodeEvents);
        ArrayNode timeline = r.putArray("timeline");
        Long promotedAt = null;
        for (EpisodeEvent e : events) {
            ObjectNode t = timeline.addObject();
            t.put("at", Instant.ofEpochMilli(e.at()).toString());
            t.put("from", e.from() == null ? null : e.from().name());
            t.put("to", e.to().name());
            t.put("message", e.message());
            if (e.to() == EpisodeState.PROMOTED && promotedAt == null) {
                promotedAt = e.at();
            }
            if (e.to() == EpisodeState.EVALUATING && e.data().path("metrics").has("accuracy")) {
                r.put("candidate_accuracy", e.data().path("metrics").path("accuracy").asDouble());
                r.put("serving_accuracy_on_holdout", e.data().path("metrics").path("serving_accuracy").asDouble());
            }
        }
        r.put("episode", events.isEmpty() ? null : events.get(0).episodeId());
        r.put("final_state", events.isEmpty() ? null : events.get(events.size() - 1).to().name());
        r.put("promoted", promotedAt != null);
        r.put("promoted_at", promotedAt == null ? null : Instant.ofEpochMilli(promotedAt).toString());
        ArrayNode rollout = r.putArray("rollout_steps");
        for (DemoKServe.Step s : steps) {
            rollout.addObject().put("at", s.at().toString()).put("action", s.action()).put("percent", s.percent())
                    .put("version", s.version());
        }
        // accuracy of the model as served (all versions), weighted by labelled rows, per phase
        long drift = driftStart.toEpochMilli();
        long promoted = promotedAt == null ? Long.MAX_VALUE : promotedAt;
        double[][] phases = new double[3][2]; // right, labelled
        for (ModelQualityWindow q : w.quality.values()) {
            Number acc = q.metrics().get("accuracy");
            if (acc == null || q.labelledRows() == 0) {
                continue;
            }
            int phase = q.windowStart() < drift ? 0 : q.windowStart() < promoted ? 1 : 2;
            phases[phase][0] += acc.doubleValue() * q.labelledRows();
            phases[phase][1] += q.labelledRows();
        }
        ObjectNode accuracy = r.putObject("accuracy");
        String[] names = {"before_shift", "during_shift", "after_promotion"};
        for (int i = 0; i < 3; i++) {
            accuracy.put(names[i], phases[i][1] == 0 ? null : phases[i][0] / phases[i][1]);
            accuracy.put(names[i] + "_labelled_rows", (long) phases[i][1]);
        }
        // drift alerts: each (kind, feature) opened, and whether its last record is a resolve
        Map<String, Alert> last = new TreeMap<>();
        TreeSet<String> opened = new TreeSet<>();
        for (Alert a : w.alerts) {
            String key = a.kind() + (a.feature() == null ? "" : ":" + a.feature());
            last.put(key, a);
            if (a.open()) {
                opened.add(key);
            }
        }
        w.alerts.stream().filter(Alert::open).findFirst().ifPresent(a -> r.put("first_alert_window",
                Instant.ofEpochMilli(a.windowStart()).toString()).put("first_alert", a.kind()
                + (a.feature() == null ? "" : " " + a.feature())));
        w.alerts.stream().filter(a -> !a.open()).map(Alert::windowStart).max(Long::compare).ifPresent(t ->
                r.put("last_resolve_window", Instant.ofEpochMilli(t).toString()));
        ArrayNode resolved = r.putArray("alerts_resolved");
        ArrayNode stillOpen = r.putArray("alerts_still_open");
        for (String key : opened) {
            (last.get(key).open() ? stillOpen : resolved).add(key);
        }
        r.put("window", window.toString());
        return r;
    }

    static void print(JsonNode r, PrintStream out) {
        out.println();
        out.println("demo: remediation (the loop closed, simulated time)");
        if (r.path("episode").isNull()) {
            out.println("  no episode started: the trigger did not hold (see the alerts above)");
            return;
        }
        out.printf("  episode        %s, %s%n", r.path("episode").asText(), r.path("final_state").asText());
        if (r.has("first_alert_window")) {
            out.printf("    %s  %-17s %s%n", r.path("first_alert_window").asText().substring(11, 16), "ALERT",
                    "first alert opened (" + r.path("first_alert").asText() + "), window start");
        }
        for (JsonNode t : r.path("timeline")) {
            out.printf("    %s  %-17s %s%n", t.path("at").asText().substring(11, 16), t.path("to").asText(),
                    t.path("message").asText());
        }
        if (r.has("last_resolve_window") && r.path("alerts_still_open").isEmpty()) {
            out.printf("    %s  %-17s %s%n", r.path("last_resolve_window").asText().substring(11, 16), "RESOLVED",
                    "last of the episode's alerts resolved (" + r.path("alerts_resolved").size() + " in all)");
        }
        if (r.has("candidate_accuracy")) {
            out.printf("  candidate      holdout accuracy %.3f (the serving model on the same rows: %.3f)%n",
                    r.path("candidate_accuracy").asDouble(), r.path("serving_accuracy_on_holdout").asDouble());
        }
        StringBuilder steps = new StringBuilder();
        for (JsonNode s : r.path("rollout_steps")) {
            steps.append(steps.length() == 0 ? "" : " → ").append(s.path("action").asText()).append(' ')
                    .append(s.path("percent").asInt()).append(" %");
        }
        out.printf("  rollout        %s%n", steps.length() == 0 ? "(none)" : steps);
        JsonNode a = r.path("accuracy");
        out.printf("  accuracy       before the shift %s · during %s · after the promotion %s%n",
                pct(a.path("before_shift")), pct(a.path("during_shift")), pct(a.path("after_promotion")));
        out.printf("  alerts         resolved %s; still open %s%n", r.path("alerts_resolved"),
                r.path("alerts_still_open"));
    }

    private static String pct(JsonNode v) {
        return v.isNull() || v.isMissingNode() ? "n/a" : String.format(Locale.ROOT, "%.3f", v.asDouble());
    }
}
