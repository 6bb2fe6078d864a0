package dev.driftline.bench.pipeline;

import dev.driftline.contracts.alerts.Alert;
import dev.driftline.contracts.alerts.AlertCodec;
import dev.driftline.contracts.drift.DriftReport;
import dev.driftline.contracts.drift.DriftReportCodec;
import dev.driftline.bench.support.KafkaClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the pipeline's drift reports and alerts as a downstream consumer would (read_committed, from the
 * beginning) and remembers, per window, the wall time a record of that window was first received — the moment the
 * figure became visible outside the pipeline.
 */
final class OutputWatcher implements AutoCloseable {
    /** The highest revision of a window's drift report, and when the window's first report was received. */
    record Report(String model, long windowStartMs, long windowEndMs, int revision, long rows, String status, long firstSeenMs) {
    }

    /** The first alert record of a window (by its window_end). */
    record FirstAlert(long windowEndMs, String kind, String state, long seenMs) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String driftTopic;
    private final String alertsTopic;
    private final Thread thread;
    private volatile boolean running = true;
    /** By (model, window): with one model, one entry per window. */
    final Map<ModelWindow, Report> reports = new ConcurrentHashMap<>();
    final Map<Long, FirstAlert> firstAlerts = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> alertsByKindAndState = new ConcurrentHashMap<>();
    final AtomicLong alerts = new AtomicLong();
    final AtomicLong unreadable = new AtomicLong();

    OutputWatcher(String bootstrapServers, String driftTopic, String alertsTopic) {
        this.driftTopic = driftTopic;
        this.alertsTopic = alertsTopic;
        Properties p = KafkaClients.readCommittedConsumer(bootstrapServers, "driftline-bench-watcher");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        KafkaClients.assignFromBeginning(consumer,
                alertsTopic == null ? List.of(driftTopic) : List.of(driftTopic, alertsTopic));
        thread = new Thread(this::run, "bench-output-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    try {
                        if (r.topic().equals(driftTopic)) {
                            onReport(DriftReportCodec.INSTANCE.decode(r.value()), now);
                        } else {
                            onAlert(AlertCodec.INSTANCE.decode(r.value()), now);
                        }
                    } catch (RuntimeException e) {
                        unreadable.incrementAndGet();
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void onReport(DriftReport n, long now) {
        long start = n.windowStart();
        long end = n.windowEnd();
        int revision = n.revision();
        Report r = new Report(n.model(), start, end, revision, n.rows(), n.status().id(), now);
        reports.merge(new ModelWindow(n.model(), start), r, (old, neu) -> neu.revision() > old.revision()
                ? new Report(old.model(), start, end, neu.revision(), neu.rows(), neu.status(), old.firstSeenMs())
                : old);
    }

    private void onAlert(Alert n, long now) {
        alerts.incrementAndGet();
        String kind = n.kind();
        String state = n.state();
        alertsByKindAndState.computeIfAbsent(kind + "/" + state, k -> new AtomicLong()).incrementAndGet();
        long end = n.windowEnd();
        firstAlerts.putIfAbsent(end, new FirstAlert(end, kind, state, now));
    }

    /** The window starts that have a report (of any model). */
    java.util.Set<Long> windows() {
        java.util.Set<Long> out = new java.util.TreeSet<>();
        reports.keySet().forEach(k -> out.add(k.windowStart()));
        return out;
    }

    /** The window's earliest-seen report over its models; null when none. */
    Report report(long windowStart) {
        Report first = null;
        for (Report r : reports.values()) {
            if (r.windowStartMs() == windowStart && (first == null || r.firstSeenMs() < first.firstSeenMs())) {
                first = r;
            }
        }
        return first;
    }

    /** Sum of the rows of every (model, window)'s highest revision. */
    long rowsReported() {
        return reports.values().stream().mapToLong(Report::rows).sum();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
