package dev.driftline.sink.cloudwatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The publisher's own meters ({@code driftline_cloudwatch_*} on /metrics). */
public final class CloudWatchMetrics {
    private final MeterRegistry registry;
    private final Counter published;
    private final Counter calls;
    private final Counter retries;
    private final Counter failedPolls;

    public CloudWatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.published = Counter.builder("driftline.cloudwatch.datums.published")
                .description("Datums CloudWatch accepted").register(registry);
        this.calls = Counter.builder("driftline.cloudwatch.put.calls")
                .description("Successful PutMetricData calls").register(registry);
        this.retries = Counter.builder("driftline.cloudwatch.put.retries")
                .description("PutMetricData calls retried after throttling, 5xx or a network error").register(registry);
        this.failedPolls = Counter.builder("driftline.cloudwatch.polls.failed")
                .description("Polls whose publish kept failing; their records are read again later").register(registry);
    }

    void published(int datums) {
        calls.increment();
        published.increment(datums);
    }

    void retried() {
        retries.increment();
    }

    void pollFailed() {
        failedPolls.increment();
    }

    /** A datum CloudWatch refused (or would refuse) for good, by reason; logged and skipped. */
    public void dropped(String reason, int n) {
        Counter.builder("driftline.cloudwatch.datums.dropped").tag("reason", reason)
                .description("Datums skipped for good: refused by CloudWatch or out of its accepted time range")
                .register(registry).increment(n);
    }

    /** A record that could not be read or published, by topic; logged and skipped. */
    public void recordSkipped(String topic) {
        Counter.builder("driftline.cloudwatch.records.skipped").tag("topic", topic)
                .description("Records that could not be decoded").register(registry).increment();
    }

    public void windowPublished(String kind) {
        Counter.builder("driftline.cloudwatch.windows.published").tag("kind", kind)
                .description("Evaluated windows published").register(registry).increment();
    }

    public double publishedDatums() {
        return published.count();
    }

    public double putCalls() {
        return calls.count();
    }

    public double droppedDatums() {
        return registry.find("driftline.cloudwatch.datums.dropped").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
