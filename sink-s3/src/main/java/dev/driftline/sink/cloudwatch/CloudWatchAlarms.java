package dev.driftline.sink.cloudwatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The CloudWatch alarms ML teams put on Model Monitor's metrics, for one model: {@code feature_baseline_drift_<f>}
 * above the drift threshold per feature, and {@code accuracy} below a minimum (or {@code rmse} above a maximum). Names
 * are deterministic ({@code driftline-<model>-<metric>}), so {@link #apply} can describe them first and only create
 * or update what differs.
 *
 * @param period            seconds per evaluated period (the window length: an hour by default)
 * @param evaluationPeriods periods that must breach before the alarm fires
 */
public record CloudWatchAlarms(MetricNaming naming, String model, String snsTopicArn, List<String> features,
                               double driftThreshold, Double minAccuracy, Double maxRmse, int period,
                               int evaluationPeriods) {
    public CloudWatchAlarms {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(snsTopicArn, "snsTopicArn");
        features = List.copyOf(features);
    }

    /** What {@link #apply} did to one alarm. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    /** The PutMetricAlarm calls of this model's alarms, in a fixed order: drift per feature, then model quality. */
    public List<PutMetricAlarmRequest> requests() {
        List<PutMetricAlarmRequest> out = new ArrayList<>();
        for (String f : features) {
            String metric = MetricNaming.DRIFT_PREFIX + f;
            out.add(request(naming.dataNamespace(), metric, Statistic.MAXIMUM,
                    ComparisonOperator.GREATER_THAN_THRESHOLD, driftThreshold,
                    "Data drift of feature " + f + " of model " + model + " (SageMaker Model Monitor metric " + metric
                            + ", published by driftline) above " + driftThreshold));
        }
        if (minAccuracy != null) {
            out.add(request(naming.qualityNamespace(), "accuracy", Statistic.MINIMUM,
                    ComparisonOperator.LESS_THAN_THRESHOLD, minAccuracy,
                    "Model quality of " + model + ": accuracy below " + minAccuracy));
        }
        if (maxRmse != null) {
            out.add(request(naming.qualityNamespace(), "rmse", Statistic.MAXIMUM,
                    ComparisonOperator.GREATER_THAN_THRESHOLD, maxRmse,
                    "Model quality of " + model + ": rmse above " + maxRmse));
        }
        return out;
    }

    private PutMetricAlarmRequest request(String namespace, String metric, Statistic stat, ComparisonOperator op,
                                          double threshold, String description) {
        return PutMetricAlarmRequest.builder().alarmName(MetricNaming.alarmName(model, metric))
                .alarmDescription(description).namespace(namespace).metricName(metric)
                .dimensions(naming.dimensions(model)).statistic(stat).period(period)
                .evaluationPeriods(evaluationPeriods).threshold(threshold).comparisonOperator(op)
                .treatMissingData("notBreaching").actionsEnabled(true).alarmActions(snsTopicArn).build();
    }

    /** Describes the alarms, then creates the missing ones and updates those that differ. */
    public Map<String, Outcome> apply(CloudWatchClient cw) {
        List<PutMetricAlarmRequest> wanted = requests();
        Map<String, MetricAlarm> existing = new HashMap<>();
        for (int i = 0; i < wanted.size(); i += 100) { // DescribeAlarms takes at most 100 names
            List<String> names = wanted.subList(i, Math.min(wanted.size(), i + 100)).stream()
                    .map(PutMetricAlarmRequest::alarmName).toList();
            cw.describeAlarmsPaginator(r -> r.alarmNames(names)).metricAlarms()
                    .forEach(a -> existing.put(a.alarmName(), a));
        }
        Map<String, Outcome> out = new java.util.LinkedHashMap<>();
        for (PutMetricAlarmRequest r : wanted) {
            MetricAlarm a = existing.get(r.alarmName());
            if (a != null && same(a, r)) {
                out.put(r.alarmName(), Outcome.UNCHANGED);
                continue;
            }
            cw.putMetricAlarm(r);
            out.put(r.alarmName(), a == null ? Outcome.CREATED : Outcome.UPDATED);
        }
        return out;
    }

    static boolean same(MetricAlarm a, PutMetricAlarmRequest r) {
        return Objects.equals(a.namespace(), r.namespace()) && Objects.equals(a.metricName(), r.metricName())
                && Objects.equals(Map.copyOf(dims(a.dimensions())), Map.copyOf(dims(r.dimensions())))
                && Objects.equals(a.statistic(), r.statistic()) && Objects.equals(a.period(), r.period())
                && Objects.equals(a.evaluationPeriods(), r.evaluationPeriods())
                && Objects.equals(a.threshold(), r.threshold())
                && Objects.equals(a.comparisonOperator(), r.comparisonOperator())
                && Objects.equals(a.alarmActions(), r.alarmActions())
                && Objects.equals(a.alarmDescription(), r.alarmDescription())
                && Objects.equals(a.treatMissingData(), r.treatMissingData());
    }

    private static Map<String, String> dims(List<software.amazon.awssdk.services.cloudwatch.model.Dimension> ds) {
        Map<String, String> m = new HashMap<>();
        ds.forEach(d -> m.put(d.name(), d.value()));
        return m;
    }
}
