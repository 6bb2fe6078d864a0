package dev.driftline.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.alerts.Alert;
import dev.driftline.contracts.alerts.AlertCodec;
import dev.driftline.contracts.drift.DriftReport;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The end of a demo run as one JSON document (also printed, shorter, to the console): what was sent, how many
 * windows were evaluated and drifted, every alert opened (kind, feature, window, figure), which features were
 * shifted and whether any untouched feature raised an alert, and where to look next.
 */
final class DemoSummary {
    private DemoSummary() {
    }

    record Run(Instant simStart, Instant simEnd, Duration window, Instant driftStart, long inferences,
               long accepted, long refused, long retried, long labels, long malformedAccepted, int expectedWindows, List<String> features,
               String collectorUrl, String metricsUrl, Duration took) {
    }

    static ObjectNode build(Run run, DemoWatcher w, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("model", DemoScenario.MODEL);
        ObjectNode sim = root.putObject("simulated");
        sim.put("start", run.simStart().toString());
        sim.put("end", run.simEnd().toString());
        sim.put("window", run.window().toString());
        sim.put("drift_start", run.driftStart().toString());
        ObjectNode sent = root.putObject("sent");
        sent.put("inferences", run.inferences());
        sent.put("rows", run.inferences() * DemoScenario.BATCH);
        sent.put("events_accepted", run.accepted());
        sent.put("events_refused", run.refused());
        // a 503 means "not acknowledged in time", not "not written": a retried event may be on Kafka twice, and
        // when the retry comes after the dedupe horizon (event time, fast in the demo) its rows count twice
        sent.put("events_retried", run.retried());
        sent.put("labels", run.labels());
        // a deliberate client bug (response shorter than the batch): accepted, then dead-lettered by the pipeline
        sent.put("malformed_events_accepted", run.malformedAccepted());
        int windows = 0;
        int drifted = 0;
        long rows = 0;
        for (DriftReport r : w.windows().values()) {
            if (r.evaluated()) {
                windows++;
                rows += r.rows();
                drifted += r.driftedFeatures() > 0 ? 1 : 0;
            }
        }
        root.put("windows_expected", run.expectedWindows());
        root.put("windows_evaluated", windows);
        root.put("windows_with_drift", drifted);
        root.put("rows_evaluated", rows);
        root.put("model_quality_windows", w.quality.size());
        ArrayNode alerts = root.putArray("alerts");
        TreeSet<String> alerted = new TreeSet<>();
        for (Alert a : opened(w)) {
            alerts.add(AlertCodec.INSTANCE.summary(a));
            if (a.feature() != null) {
                alerted.add(a.feature());
            }
        }
        root.set("shifted_features", mapper.valueToTree(DemoScenario.SHIFTED));
        List<String> untouched = new ArrayList<>(run.features());
        untouched.removeAll(DemoScenario.SHIFTED);
        root.set("untouched_features", mapper.valueToTree(untouched));
        root.set("alerted_features", mapper.valueToTree(alerted));
        List<String> missed = new ArrayList<>(DemoScenario.SHIFTED);
        missed.removeAll(alerted);
        root.set("shifted_without_alert", mapper.valueToTree(missed));
        List<String> falseAlarms = new ArrayList<>(untouched);
        falseAlarms.retainAll(alerted);
        root.set("untouched_with_alert", mapper.valueToTree(falseAlarms));
        root.put("collector", run.collectorUrl());
        root.put("metrics", run.metricsUrl());
        root.put("seconds", run.took().toMillis() / 1000.0);
        return root;
    }

    /** The alerts that opened, in the order they were read. */
    static List<Alert> opened(DemoWatcher w) {
        return w.alerts.stream().filter(Alert::open).toList();
    }

    static void print(JsonNode s, List<Alert> opened, Topics topics, PrintStream out) {
        out.println();
        out.println("demo: summary");
        out.printf("  sent           %d inferences (%d rows) as %d CloudEvents accepted by the collector, %d refused;"
                        + " %d labels; %d malformed events (dead letters)%n", s.at("/sent/inferences").asLong(),
                s.at("/sent/rows").asLong(), s.at("/sent/events_accepted").asLong(),
                s.at("/sent/events_refused").asLong(), s.at("/sent/labels").asLong(),
                s.at("/sent/malformed_events_accepted").asLong());
        out.printf("  simulated      %s .. %s, windows of %s, covariate shift from %s on %s%n",
                s.at("/simulated/start").asText(), s.at("/simulated/end").asText(), s.at("/simulated/window").asText(),
                s.at("/simulated/drift_start").asText(), s.path("shifted_features"));
        out.printf("  windows        %d of %d evaluated (%d rows), %d with drift; model quality for %d windows%n",
                s.path("windows_evaluated").asInt(), s.path("windows_expected").asInt(),
                s.path("rows_evaluated").asLong(), s.path("windows_with_drift").asInt(),
                s.path("model_quality_windows").asInt());
        out.printf("  alerts opened  %d%n", s.path("alerts").size());
        for (Alert a : opened) {
            out.printf("    %-17s %-20s window %s  %s%n", a.kind(), a.feature() == null ? "-" : a.feature(),
                    Instant.ofEpochMilli(a.windowStart()), a.value() != null
                            ? String.format(java.util.Locale.ROOT, "%s %.4g (threshold %.4g)", a.metric(),
                            a.value(), a.threshold() == null ? Double.NaN : a.threshold())
                            : a.metric());
        }
        out.printf("  features with an alert: %s; untouched features with an alert: %s%n",
                s.path("alerted_features"), s.path("untouched_with_alert"));
        out.printf("  collector      %s%n  metrics        %s%n", s.path("collector").asText(),
                s.path("metrics").asText());
        out.printf("  %-14s %s%n", "topics", String.join(", ", topics.drift.name(), topics.alerts.name(),
                topics.modelQuality.name(), topics.profiles.name()));
    }
}
