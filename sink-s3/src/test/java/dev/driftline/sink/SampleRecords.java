package dev.driftline.sink;

import java.nio.charset.StandardCharsets;

/**
 * Values of the driftline topics as the pipeline writes them (shapes from InferenceRecordCodec, MergedWindowJson,
 * DriftReportCodec, ModelQualityCodec and AlertCodec v1), for the sink's tests. {@code %s}-free: callers vary the ids
 * and times with the small builders below.
 */
public final class SampleRecords {
    private SampleRecords() {
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** An inference record of model {@code model}, id {@code id}, row {@code row}, at {@code time}. */
    public static String inference(String model, String id, int row, String time, double x) {
        return "{\"schema_version\":1,\"model\":\"" + model + "\",\"model_version\":\"v3\",\"inference_id\":\"" + id
                + "\",\"row\":" + row + ",\"event_time\":\"" + time + "\",\"features\":{\"x\":" + x
                + ",\"city\":\"Oslo\",\"note\":null},\"predictions\":{\"output-0\":1},\"label\":null}";
    }

    /** A merged window profile with a numeric feature, a string feature, a prediction and an untyped feature. */
    public static String profile(String model, String start, String end, int revision) {
        return "{\"schema_version\":1,\"model\":\"" + model + "\",\"window_start\":\"" + start
                + "\",\"window_end\":\"" + end + "\",\"revision\":" + revision + ",\"rows\":120,\"partials\":3,"
                + "\"features\":{\"x\":{\"type\":\"fractional\",\"count\":120,\"present\":118,\"missing\":2,"
                + "\"type_mismatches\":0,\"mean\":41.5,\"std_dev\":9.75,\"min\":18,\"max\":90,\"profile\":\"AAEC\"},"
                + "\"city\":{\"type\":\"string\",\"count\":120,\"present\":120,\"missing\":0,\"type_mismatches\":1,"
                + "\"profile\":\"AQID\"},"
                + "\"prediction:output-0\":{\"type\":\"integral\",\"count\":120,\"present\":120,\"missing\":0,"
                + "\"type_mismatches\":0,\"mean\":0.5,\"std_dev\":null,\"min\":0,\"max\":1,\"profile\":\"AgME\"}},"
                + "\"untyped_missing\":{\"note\":120}}";
    }

    /**
     * A drift report: numeric x (ks, drift), categorical city (chi2, psi NaN), prediction output-0
     * (wasserstein_norm); one violation.
     */
    public static String drift(String model, String start, String end, int revision) {
        return "{\"schema_version\":1,\"model\":\"" + model + "\",\"window_start\":\"" + start
                + "\",\"window_end\":\"" + end + "\",\"revision\":" + revision + ",\"rows\":120,"
                + "\"status\":\"evaluated\",\"baseline_created_at\":\"2026-11-01T00:00:00Z\","
                + "\"reference\":{\"mode\":\"baseline\"},\"features\":{"
                + "\"x\":{\"type\":\"numeric\",\"role\":\"feature\",\"n_reference\":2000,\"n_current\":118,"
                + "\"ks_statistic\":0.31,\"ks_pvalue\":1.0E-9,\"psi\":0.42,\"wasserstein\":3.1,"
                + "\"wasserstein_norm\":0.35,\"jensen_shannon\":0.2,\"hellinger\":0.19,\"bin_edges\":[1.0,2.0],"
                + "\"feature_type\":\"fractional\",\"missing_current\":2,\"type_mismatches_current\":0,"
                + "\"method\":\"ks\",\"threshold\":0.001,\"status\":\"drift\",\"drift\":true},"
                + "\"city\":{\"type\":\"categorical\",\"role\":\"feature\",\"n_reference\":2000,\"n_current\":120,"
                + "\"chi2_statistic\":1.5,\"chi2_pvalue\":0.47,\"chi2_dof\":2,\"linf\":0.05,\"psi\":\"NaN\","
                + "\"jensen_shannon\":0.03,\"hellinger\":0.02,\"feature_type\":\"string\",\"missing_current\":0,"
                + "\"type_mismatches_current\":1,\"method\":\"chi2\",\"threshold\":0.001,\"status\":\"no_drift\","
                + "\"drift\":false},"
                + "\"output-0\":{\"type\":\"numeric\",\"role\":\"prediction\",\"n_reference\":2000,"
                + "\"n_current\":120,\"ks_statistic\":0.1,\"ks_pvalue\":0.2,\"psi\":0.05,\"wasserstein\":0.1,"
                + "\"wasserstein_norm\":0.12,\"jensen_shannon\":0.04,\"hellinger\":0.03,\"bin_edges\":[],"
                + "\"feature_type\":\"integral\",\"missing_current\":0,\"type_mismatches_current\":0,"
                + "\"method\":\"wasserstein_norm\",\"threshold\":0.1,\"status\":\"drift\",\"drift\":true}},"
                + "\"dataset_drift\":true,\"drifted_features\":1,\"judged_features\":2,\"drifted_share\":0.5,"
                + "\"violations\":[{\"feature_name\":\"x\",\"constraint_check_type\":\"baseline_range_check\","
                + "\"description\":\"x out of range\"}]}";
    }

    /** Figures of a numeric feature: ks_statistic … hellinger = 7 rows; categorical 7 (psi null); prediction 7. */
    public static final int DRIFT_ROWS = 21;

    public static String noBaseline(String model, String start, String end) {
        return "{\"schema_version\":1,\"model\":\"" + model + "\",\"window_start\":\"" + start
                + "\",\"window_end\":\"" + end + "\",\"revision\":1,\"rows\":10,\"status\":\"no_baseline\","
                + "\"features\":{},\"violations\":[],\"dataset_drift\":false,\"drifted_features\":0,"
                + "\"judged_features\":0,\"drifted_share\":0.0}";
    }

    public static String quality(String model, String start, String end, int version, double accuracy) {
        return "{\"schema_version\":1,\"model\":\"" + model + "\",\"window_start\":\"" + start
                + "\",\"window_end\":\"" + end + "\",\"version\":" + version
                + ",\"problem_type\":\"multiclass_classification\",\"labelled_rows\":412,\"dropped_labels\":0,"
                + "\"metrics\":{\"accuracy\":" + accuracy + ",\"weighted_f1\":0.8},\"metric\":\"accuracy\","
                + "\"value\":" + accuracy + ",\"threshold\":0.9,\"status\":\"" + (accuracy < 0.9 ? "degraded" : "ok")
                + "\",\"updated_at\":\"2026-11-21T12:00:01.250Z\"}";
    }

    public static String alert(String model, String id, String state, String start, String end) {
        return "{\"schema_version\":1,\"alert_id\":\"" + id + "\",\"model\":\"" + model + "\",\"kind\":\"data_drift\","
                + "\"feature\":\"x\",\"state\":\"" + state + "\",\"severity\":\"warning\",\"window_start\":\""
                + start + "\",\"window_end\":\"" + end + "\",\"metric\":\"ks_pvalue\",\"value\":1.0E-9,"
                + "\"threshold\":0.001,\"opened_at\":\"" + end + "\",\"resolved_at\":"
                + ("resolved".equals(state) ? "\"" + end + "\"" : "null")
                + ",\"details\":{\"revision\":1,\"method\":\"ks\"}}";
    }

    /** A label (LabelCodec) of row {@code row} of request {@code id}; {@code model} and {@code time} may be null. */
    public static String label(String id, int row, String model, String label, String time) {
        return "{\"inference_id\":\"" + id + "\",\"row\":" + row
                + (model == null ? "" : ",\"model\":\"" + model + "\"") + ",\"label\":" + label
                + (time == null ? "" : ",\"event_time\":\"" + time + "\"") + "}";
    }

    /** An episode transition (EpisodeEventCodec v1) {@code from} → {@code to}, {@code seq}-th of the episode. */
    public static String episodeEvent(String model, String episode, int seq, String from, String to, String at) {
        return "{\"schema_version\":1,\"event_id\":\"" + episode + "/" + seq + "\",\"episode_id\":\"" + episode
                + "\",\"model\":\"" + model + "\",\"from\":" + (from == null ? "null" : "\"" + from + "\"")
                + ",\"to\":\"" + to + "\",\"at\":\"" + at + "\",\"message\":\"" + from + " -> " + to
                + "\",\"data\":{\"step\":" + seq + "}}";
    }
}
