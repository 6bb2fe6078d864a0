package dev.driftline.cli.ui;

import dev.driftline.contracts.Topics;
import dev.driftline.contracts.window.MergedWindow;
import dev.driftline.contracts.window.MergedWindowCodec;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.FeatureProfile;
import dev.driftline.drift.profile.NumericProfile;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.ObjectKeys;
import dev.driftline.sink.rows.LakeRow;
import dev.driftline.sink.rows.SourceRecord;
import dev.driftline.sink.rows.TableRows;
import dev.driftline.sink.write.FileLakeStore;
import dev.driftline.sink.write.ParquetSettings;
import dev.driftline.sink.write.TableFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Topic values as the pipeline writes them (real profiles through {@link MergedWindowCodec}; drift, quality, alert
 * and episode JSON in their codecs' v1 shapes) and a lake of them written with the sink's own {@link TableRows},
 * {@link TableFile} and {@link FileLakeStore}, for the page's tests.
 */
final class ReportSamples {
    static final Topics TOPICS = new Topics(Topics.DEFAULT_PREFIX);
    static final List<String> NUMERIC = List.of("alcohol", "proline", "hue");
    static final String CATEGORICAL = "region";
    static final long WINDOW = 300_000;

    private ReportSamples() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    /** Real profiles of a window: NUMERIC features ~ N(10, 1) (N(13, 1) when shifted), region in {a, b, c}. */
    static byte[] profile(String model, long start, int revision, boolean shifted, long seed) {
        Random r = new Random(seed);
        Map<String, FeatureProfile> profiles = new LinkedHashMap<>();
        for (String f : NUMERIC) {
            NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
            for (int i = 0; i < 200; i++) {
                p.update(r.nextGaussian() + (shifted && !f.equals("hue") ? 13 : 10));
            }
            profiles.put(f, p);
        }
        CategoricalProfile c = new CategoricalProfile(FeatureType.STRING);
        for (int i = 0; i < 200; i++) {
            c.update(shifted && i % 2 == 0 ? "c" : (i % 3 == 0 ? "a" : "b"));
        }
        profiles.put(CATEGORICAL, c);
        NumericProfile pred = new NumericProfile(FeatureType.INTEGRAL);
        for (int i = 0; i < 200; i++) {
            pred.update((long) (i % 3));
        }
        profiles.put("prediction:cultivar", pred);
        return MergedWindowCodec.INSTANCE.encode(MergedWindow.of(model, start, start + WINDOW, revision, 200, 2,
                profiles, Map.of()));
    }

    /** A drift report (DriftReportCodec v1): NUMERIC by ks, region by chi2, cultivar by wasserstein_norm. */
    static byte[] drift(String model, long start, int revision, boolean shifted) {
        StringBuilder f = new StringBuilder();
        for (String n : NUMERIC) {
            boolean d = shifted && !n.equals("hue");
            f.append("\"").append(n).append("\":{\"type\":\"numeric\",\"role\":\"feature\",\"n_reference\":2000,")
                    .append("\"n_current\":200,\"ks_statistic\":").append(d ? 0.82 : 0.05)
                    .append(",\"ks_pvalue\":").append(d ? 1.0E-12 : 0.6).append(",\"psi\":").append(d ? 2.1 : 0.01)
                    .append(",\"wasserstein\":").append(d ? 3.0 : 0.1).append(",\"wasserstein_norm\":")
                    .append(d ? 1.5 : 0.04).append(",\"jensen_shannon\":").append(d ? 0.61 : 0.03)
                    .append(",\"hellinger\":").append(d ? 0.7 : 0.02).append(",\"bin_edges\":[1.0,2.0],")
                    .append("\"feature_type\":\"fractional\",\"missing_current\":0,\"type_mismatches_current\":0,")
                    .append("\"method\":\"ks\",\"threshold\":0.001,\"status\":\"").append(d ? "drift" : "no_drift")
                    .append("\",\"drift\":").append(d).append("},");
        }
        f.append("\"region\":{\"type\":\"categorical\",\"role\":\"feature\",\"n_reference\":2000,")
                .append("\"n_current\":200,\"chi2_statistic\":1.5,\"chi2_pvalue\":0.47,\"chi2_dof\":2,")
                .append("\"linf\":0.05,\"psi\":\"NaN\",\"jensen_shannon\":0.03,\"hellinger\":0.02,")
                .append("\"feature_type\":\"string\",\"missing_current\":0,\"type_mismatches_current\":0,")
                .append("\"method\":\"chi2\",\"threshold\":0.001,\"status\":\"no_drift\",\"drift\":false},");
        f.append("\"cultivar\":{\"type\":\"numeric\",\"role\":\"prediction\",\"n_reference\":2000,")
                .append("\"n_current\":200,\"ks_statistic\":0.1,\"ks_pvalue\":0.2,\"psi\":0.05,\"wasserstein\":0.1,")
                .append("\"wasserstein_norm\":0.05,\"jensen_shannon\":0.04,\"hellinger\":0.03,\"bin_edges\":[],")
                .append("\"feature_type\":\"integral\",\"missing_current\":0,\"type_mismatches_current\":0,")
                .append("\"method\":\"wasserstein_norm\",\"threshold\":0.1,\"status\":\"no_drift\",")
                .append("\"drift\":false}");
        return utf8("{\"schema_version\":1,\"model\":\"" + model + "\",\"window_start\":\"" + iso(start)
                + "\",\"window_end\":\"" + iso(start + WINDOW) + "\",\"revision\":" + revision + ",\"rows\":200,"
                + "\"status\":\"evaluated\",\"baseline_created_at\":\"2026-11-01T00:00:00Z\","
                + "\"reference\":{\"mode\":\"baseline\"},\"features\":{" + f + "},"
                + "\"dataset_drift\":" + shifted + ",\"drifted_features\":" + (shifted ? 2 : 0)
                + ",\"judged_features\":5,\"drifted_share\":" + (shifted ? 0.4 : 0.0) + ",\"violations\":["
                + (shifted ? "{\"feature_name\":\"alcohol\",\"constraint_check_type\":\"baseline_range_check\","
                        + "\"description\":\"alcohol out of range\"}" : "") + "]}");
    }

    static byte[] quality(String model, long start, String version, int emission, double accuracy) {
        return utf8("{\"schema_version\":1,\"model\":\"" + model + "\",\"window_start\":\"" + iso(start)
                + "\",\"window_end\":\"" + iso(start + WINDOW) + "\",\"version\":" + emission
                + (version == null ? "" : ",\"model_version\":\"" + version + "\"")
                + ",\"problem_type\":\"multiclass_classification\",\"labelled_rows\":180,\"dropped_labels\":0,"
                + "\"metrics\":{\"accuracy\":" + accuracy + "},\"metric\":\"accuracy\",\"value\":" + accuracy
                + ",\"threshold\":0.9,\"status\":\"" + (accuracy < 0.9 ? "degraded" : "ok")
                + "\",\"updated_at\":\"" + iso(start + WINDOW + 1000) + "\"}");
    }

    static byte[] alert(String model, String id, String state, long start, long openedEnd, Long resolvedEnd) {
        return utf8("{\"schema_version\":1,\"alert_id\":\"" + id + "\",\"model\":\"" + model
                + "\",\"kind\":\"data_drift\",\"feature\":\"alcohol\",\"state\":\"" + state
                + "\",\"severity\":\"warning\",\"window_start\":\"" + iso(start) + "\",\"window_end\":\""
                + iso(start + WINDOW) + "\",\"metric\":\"ks_pvalue\",\"value\":1.0E-12,\"threshold\":0.001,"
                + "\"opened_at\":\"" + iso(openedEnd) + "\",\"resolved_at\":"
                + (resolvedEnd == null ? "null" : "\"" + iso(resolvedEnd) + "\"")
                + ",\"details\":{\"revision\":1,\"method\":\"ks\"}}");
    }

    static byte[] episodeEvent(String model, String episode, int seq, String from, String to, long at) {
        return utf8("{\"schema_version\":1,\"event_id\":\"" + episode + "/" + seq + "\",\"episode_id\":\"" + episode
                + "\",\"model\":\"" + model + "\",\"from\":" + (from == null ? "null" : "\"" + from + "\"")
                + ",\"to\":\"" + to + "\",\"at\":\"" + iso(at) + "\",\"message\":\"" + from + " -> " + to
                + "\",\"data\":{\"step\":" + seq + "}}");
    }

    /** Records for a lake: one topic value each, in offset order per topic (partition 0). */
    static final class Records {
        final List<SourceRecord> records = new ArrayList<>();
        private final Map<String, Long> offsets = new LinkedHashMap<>();

        Records add(LakeTable table, String model, long timestamp, byte[] value) {
            String topic = table.topic(TOPICS);
            long offset = offsets.merge(topic, 1L, Long::sum) - 1;
            records.add(new SourceRecord(topic, 0, offset, timestamp, utf8(model), value, List.of()));
            return this;
        }

        /** Writes them as the sink does: rows by TableRows, one file per (table, model, dt, hour). */
        void writeLake(Path dir) throws Exception {
            Map<String, TableFile> files = new LinkedHashMap<>();
            try (FileLakeStore store = new FileLakeStore(dir)) {
                for (SourceRecord r : records) {
                    LakeTable table = null;
                    for (LakeTable t : LakeTable.values()) {
                        if (t.topic(TOPICS).equals(r.topic())) {
                            table = t;
                        }
                    }
                    for (LakeRow row : TableRows.of(table).rows(r)) {
                        String group = ObjectKeys.partitionPath(row.table(), row.model(), row.partitionTime());
                        TableFile f = files.get(group);
                        if (f == null) {
                            f = new TableFile(row.table(), store.create(ObjectKeys.key(row.table(), row.model(),
                                    row.partitionTime(), r.topic(), r.partition(), r.offset())),
                                    ParquetSettings.DEFAULTS, Map.of());
                            files.put(group, f);
                        }
                        f.write(row);
                    }
                }
                for (TableFile f : files.values()) {
                    f.commit();
                }
            }
        }
    }

    /**
     * The sample model's lake records: {@code windows} windows from {@code t0} (the last half shifted: alcohol and
     * proline drift), window 1 re-emitted as revision 2, quality per window (plus a canary version in the last two),
     * one alert opened and resolved, a remediation episode of three steps.
     */
    static Records sample(String model, long t0, int windows) {
        Records rs = new Records();
        for (int w = 0; w < windows; w++) {
            long start = t0 + w * WINDOW;
            boolean shifted = w >= windows / 2;
            rs.add(LakeTable.FEATURE_PROFILES, model, start + WINDOW, profile(model, start, 1, shifted, w));
            rs.add(LakeTable.DRIFT_METRICS, model, start + WINDOW, drift(model, start, 1, shifted));
            rs.add(LakeTable.MODEL_QUALITY, model, start + WINDOW, quality(model, start, "", 1,
                    shifted ? 0.7 : 0.97));
            if (w >= windows - 2) {
                rs.add(LakeTable.MODEL_QUALITY, model, start + WINDOW, quality(model, start, "v2", 1, 0.95));
            }
        }
        // window 1 re-emitted (late data): revision 2, shifted figures; the report keeps revision 2
        rs.add(LakeTable.FEATURE_PROFILES, model, t0 + 3 * WINDOW, profile(model, t0 + WINDOW, 2, true, 99));
        rs.add(LakeTable.DRIFT_METRICS, model, t0 + 3 * WINDOW, drift(model, t0 + WINDOW, 2, true));
        long open = t0 + (windows / 2) * WINDOW;
        rs.add(LakeTable.ALERTS, model, open + WINDOW, alert(model, "a-1", "open", open, open + WINDOW, null));
        rs.add(LakeTable.ALERTS, model, open + 3 * WINDOW, alert(model, "a-1", "resolved", open + 2 * WINDOW,
                open + WINDOW, open + 3 * WINDOW));
        rs.add(LakeTable.REMEDIATION_EVENTS, model, open + WINDOW, episodeEvent(model, "ep-1", 0, null,
                "TRIGGERED", open + WINDOW + 1000));
        rs.add(LakeTable.REMEDIATION_EVENTS, model, open + WINDOW, episodeEvent(model, "ep-1", 1, "TRIGGERED",
                "TRAINING", open + WINDOW + 2000));
        rs.add(LakeTable.REMEDIATION_EVENTS, model, open + WINDOW, episodeEvent(model, "ep-1", 2, "TRAINING",
                "DONE", open + 2 * WINDOW));
        return rs;
    }
}
