package dev.driftline.sink.cloudwatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;

/**
 * Where a model's metrics go in CloudWatch: namespaces, dimension names, and the model → endpoint / schedule map
 * (default endpoint = the model's name, schedule = {@code scheduleprefix + model}).
 *
 * @param versionDimension "" = per-version model-quality windows are skipped; else the dimension carrying the version
 * @param violationCounts  whether to publish {@code constraint_violations_<check>} too
 */
public record MetricNaming(String dataNamespace, String qualityNamespace, String endpointDimension,
                           String scheduleDimension, String schedulePrefix, Map<String, String> endpoints,
                           Map<String, String> schedules, String versionDimension, boolean violationCounts) {
    public static final String DRIFT_PREFIX = "feature_baseline_drift_";
    public static final String NON_NULL_PREFIX = "feature_non_null_";
    public static final String VIOLATIONS_PREFIX = "constraint_violations_";

    public MetricNaming {
        endpoints = Map.copyOf(endpoints);
        schedules = Map.copyOf(schedules);
    }

    /** Model Monitor's defaults: real-time endpoint namespaces, {@code EndpointName} and {@code ScheduleName}. */
    public static MetricNaming defaults() {
        return new MetricNaming("/aws/sagemaker/Endpoints/data-metric", "/aws/sagemaker/Endpoints/model-metrics",
                "EndpointName", "ScheduleName", "driftline-", Map.of(), Map.of(), "", true);
    }

    public String endpoint(String model) {
        return endpoints.getOrDefault(model, model);
    }

    public String schedule(String model) {
        return schedules.getOrDefault(model, schedulePrefix + model);
    }

    /** The dimensions of a model's metrics, in Model Monitor's order: endpoint, then schedule. */
    public List<Dimension> dimensions(String model) {
        List<Dimension> d = new ArrayList<>(2);
        d.add(Dimension.builder().name(endpointDimension).value(endpoint(model)).build());
        if (!scheduleDimension.isEmpty()) {
            d.add(Dimension.builder().name(scheduleDimension).value(schedule(model)).build());
        }
        return d;
    }

    /** The deterministic alarm name of a model's metric: {@code driftline-<model>-<metric>}. */
    public static String alarmName(String model, String metric) {
        return "driftline-" + model + "-" + metric;
    }
}
