package dev.driftline.cli.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Fixtures of the page for tests elsewhere (the command tests, the browser tests): a sample lake, and a synthetic
 * data document of any size in {@link ReportDocument}'s shape — 200 features × 2,000 windows is the scale the page
 * must still render — with {@code main} writing it as a page:
 * {@code java -cp … dev.driftline.cli.ui.ReportFixtures OUT.html [features] [windows]}.
 */
public final class ReportFixtures {
    /** Start of the sample and synthetic windows. */
    public static final long T0 = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportFixtures() {
    }

    /**
     * Writes {@code windows} windows of model {@code model} into the lake at {@code dir} with the sink's own rows
     * and Parquet files: 5 features (alcohol, hue, proline, region, prediction cultivar); alcohol and proline drift
     * in the second half.
     */
    public static void writeSampleLake(Path dir, String model, int windows) throws Exception {
        Files.createDirectories(dir);
        ReportSamples.sample(model, T0, windows).writeLake(dir);
    }

    /**
     * A synthetic document of one model {@code synthetic} with {@code features} × {@code windows} cells: scores
     * drift upwards for every 7th feature in the last third (decided as drift), details (20-bin histograms and
     * figures) for the latest cells up to {@link ReportDocument#DEFAULT_DETAIL_CELLS}, a quality series, an alert
     * per drifting feature and one remediation episode.
     */
    public static ObjectNode synthetic(int features, int windows) {
        Random r = new Random(7);
        long window = 300_000;
        ObjectNode doc = ReportDocument.envelope(List.of("synthetic"), "synthetic fixture", false, T0
                + windows * window, 0);
        ObjectNode m = ((ObjectNode) doc.get("data")).putObject("synthetic");
        m.put("model", "synthetic");
        ObjectNode ref = m.putObject("reference");
        ref.put("kind", "baseline").put("text", "Synthetic fixture: " + features + " features × " + windows
                + " windows.");
        ref.putArray("reference_modes").add("baseline");
        ref.put("baseline_created_at", T0 - 86_400_000L);
        ObjectNode ws = m.putObject("windows");
        ArrayNode start = ws.putArray("start");
        ArrayNode end = ws.putArray("end");
        ArrayNode rows = ws.putArray("rows");
        ArrayNode dataset = ws.putArray("dataset_drift");
        ArrayNode share = ws.putArray("drifted_share");
        ArrayNode status = ws.putArray("status");
        int shiftFrom = windows * 2 / 3;
        for (int w = 0; w < windows; w++) {
            start.add(T0 + w * window);
            end.add(T0 + (w + 1) * window);
            rows.add(1000);
            dataset.add(w >= shiftFrom);
            share.add(w >= shiftFrom ? 0.14 : 0.0);
            status.add("evaluated");
        }
        ArrayNode fs = m.putArray("features");
        for (int f = 0; f < features; f++) {
            fs.addObject().put("name", String.format("feature_%03d", f)).put("kind", f % 10 == 9 ? "categorical"
                    : "numeric").put("role", "feature").put("method", "wasserstein_norm").put("threshold", 0.1)
                    .put("score_metric", "jensen_shannon");
        }
        ArrayNode score = m.putArray("score");
        ArrayNode decision = m.putArray("decision");
        for (int f = 0; f < features; f++) {
            boolean drifts = f % 7 == 0;
            for (int w = 0; w < windows; w++) {
                boolean d = drifts && w >= shiftFrom;
                double s = d ? 0.4 + 0.2 * r.nextDouble() : 0.02 + 0.05 * r.nextDouble();
                score.add(Math.round(s * 1e4) / 1e4);
                decision.add(d ? 2 : 1);
            }
        }
        ObjectNode details = m.putObject("details");
        int detailWindows = Math.min(windows, Math.max(1, ReportDocument.DEFAULT_DETAIL_CELLS / features));
        details.put("first_window", windows - detailWindows);
        ArrayNode dfs = details.putArray("features");
        for (int f = 0; f < features; f++) {
            ObjectNode d = dfs.addObject();
            ArrayNode edges = d.putObject("bins").putArray("edges");
            for (int i = 0; i <= 20; i++) {
                edges.add(i * 0.5);
            }
            ArrayNode refHist = d.putArray("reference");
            gaussian(refHist, 10, 2);
            d.put("reference_n", 5000);
            ObjectNode cells = d.putObject("windows");
            for (int w = windows - detailWindows; w < windows; w++) {
                boolean shifted = f % 7 == 0 && w >= shiftFrom;
                ObjectNode c = cells.putObject(Integer.toString(w));
                c.put("n", 1000);
                gaussian(c.putArray("hist"), shifted ? 13 : 10, 2);
                c.putObject("figures").put("jensen_shannon", shifted ? 0.5 : 0.03)
                        .put("wasserstein_norm", shifted ? 0.9 : 0.02).put("ks_statistic", shifted ? 0.6 : 0.04);
            }
        }
        m.putObject("violations").put("total", 0).putArray("items");
        ArrayNode q = m.putArray("quality");
        ArrayNode alerts = m.putArray("alerts");
        for (int w = 0; w < windows; w++) {
            q.addObject().put("window_start", T0 + w * window).put("window_end", T0 + (w + 1) * window)
                    .put("model_version", "").put("metric", "accuracy").put("value", w >= shiftFrom ? 0.8 : 0.95)
                    .put("threshold", 0.9).putNull("baseline_value").put("status", w >= shiftFrom ? "degraded" : "ok")
                    .put("labelled_rows", 900);
        }
        for (int f = 0; f < features; f += 7) {
            alerts.addObject().put("alert_id", "a-" + f).put("kind", "data_drift")
                    .put("feature", String.format("feature_%03d", f)).put("severity", "warning")
                    .put("metric", "wasserstein_norm").put("value", 0.9).put("threshold", 0.1)
                    .put("window_start", T0 + shiftFrom * window).put("opened_at", T0 + (shiftFrom + 1) * window)
                    .putNull("resolved_at");
        }
        ArrayNode rem = m.putArray("remediation");
        String[] steps = {"TRIGGERED", "TRAINING", "EVALUATING", "ROLLING_OUT", "PROMOTED", "DONE"};
        for (int i = 0; i < steps.length; i++) {
            rem.addObject().put("episode_id", "ep-1").put("from_state", i == 0 ? null : steps[i - 1])
                    .put("to_state", steps[i]).put("at", T0 + (shiftFrom + 2 + i) * window)
                    .put("message", steps[i].toLowerCase()).putObject("data");
        }
        return doc;
    }

    private static void gaussian(ArrayNode out, double mean, double sd) {
        double[] h = new double[20];
        double total = 0;
        for (int i = 0; i < 20; i++) {
            double x = i * 0.5 + 0.25;
            h[i] = Math.exp(-0.5 * Math.pow((x - mean) / sd, 2));
            total += h[i];
        }
        for (double v : h) {
            out.add(Math.round(v / total * 1e4) / 1e4);
        }
    }

    /** Writes the synthetic page: {@code OUT.html [features (200)] [windows (2000)]}. */
    public static void main(String[] args) throws Exception {
        int features = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int windows = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        Path out = Path.of(args[0]);
        write(out, features, windows);
        System.out.println(out + ": " + features + " × " + windows + ", " + Files.size(out) + " bytes");
    }

    /** Writes the synthetic page of {@code features} × {@code windows} to {@code out}. */
    public static Path write(Path out, int features, int windows) throws Exception {
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, ReportPage.html(synthetic(features, windows)), StandardCharsets.UTF_8);
        return out;
    }

    static String json(ObjectNode doc) throws Exception {
        return MAPPER.writeValueAsString(doc);
    }
}
