package dev.driftline.remediation.episode;

/**
 * One model version's model quality in one window, as the guardrail needs it (from the pipeline's per-version
 * model-quality windows, which exist only while two or more versions serve).
 *
 * @param version     the version the traffic reported
 * @param windowStart window start (event time, epoch ms)
 * @param windowEnd   window end
 * @param metric      the primary metric ({@code accuracy} or {@code rmse})
 * @param value       its value (NaN when undefined)
 * @param rows        labelled rows
 * @param status      the pipeline's own verdict ({@code ok}, {@code degraded}, …)
 */
public record VersionWindow(String version, long windowStart, long windowEnd, String metric, double value,
                            long rows, String status) {
}
