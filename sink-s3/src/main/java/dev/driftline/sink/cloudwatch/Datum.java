package dev.driftline.sink.cloudwatch;

import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/** One CloudWatch datum and the namespace it belongs in (PutMetricData takes one namespace per call). */
public record Datum(String namespace, MetricDatum datum) {
    /**
     * A rough upper bound of the datum's bytes in a PutMetricData request (query protocol:
     * {@code MetricData.member.N.Dimensions.member.M.Name=...}, URL-encoded), used to keep calls below the payload limit.
     */
    public int estimatedBytes() {
        int n = 160 + 3 * datum.metricName().length();
        for (var d : datum.dimensions()) {
            n += 120 + 3 * (d.name().length() + d.value().length());
        }
        return n;
    }
}
