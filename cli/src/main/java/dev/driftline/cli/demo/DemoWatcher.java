package dev.driftline.cli.demo;

import dev.driftline.contracts.RecordFormatException;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.alerts.Alert;
import dev.driftline.contracts.alerts.AlertCodec;
import dev.driftline.contracts.drift.DriftReport;
import dev.driftline.contracts.drift.DriftReportCodec;
import dev.driftline.contracts.modelquality.ModelQualityCodec;
import dev.driftline.contracts.modelquality.ModelQualityWindow;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.EpisodeEventCodec;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the pipeline's outputs while the demo runs, as an analyst's consumer would (read_committed, from the
 * beginning): drift reports (keeping the highest revision per window), alerts and model-quality updates. Prints a
 * line per evaluated window and per alert, and keeps what the summary needs.
 */
final class DemoWatcher implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Topics topics;
    private final PrintStream out;
    private final Thread thread;
    private volatile boolean running = true;
    /** window start (ISO-8601) → latest drift report. */
    final Map<String, DriftReport> reports = new ConcurrentHashMap<>();
    /** window start (ISO-8601) → latest model-quality window. */
    final Map<String, ModelQualityWindow> quality = new ConcurrentHashMap<>();
    final List<Alert> alerts = new CopyOnWriteArrayList<>();
    /** Remediation transitions, in the order read (one episode's are in order: one partition per model). */
    final List<EpisodeEvent> episodeEvents = new CopyOnWriteArrayList<>();

    DemoWatcher(String bootstrapServers, Topics topics, PrintStream out) {
        this(bootstrapServers, topics, false, out);
    }

    /** @param remediation also follow {@code remediation.events} (the topic must exist) */
    DemoWatcher(String bootstrapServers, Topics topics, boolean remediation, PrintStream out) {
        this.topics = topics;
        this.out = out;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(topics.drift.name(), topics.alerts.name(),
                topics.modelQuality.name()));
        if (remediation) {
            names.add(topics.remediationEvents.name());
        }
        for (String t : names) {
            for (PartitionInfo pi : consumer.partitionsFor(t, Duration.ofSeconds(30))) {
                parts.add(new TopicPartition(t, pi.partition()));
            }
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        thread = new Thread(this::run, "demo-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                try {
                    if (r.topic().equals(topics.drift.name())) {
                        onReport(DriftReportCodec.INSTANCE.decode(r.value()));
                    } else if (r.topic().equals(topics.alerts.name())) {
                        onAlert(AlertCodec.INSTANCE.decode(r.value()));
                    } else if (r.topic().equals(topics.remediationEvents.name())) {
                        onEpisodeEvent(EpisodeEventCodec.INSTANCE.decode(r.value()));
                    } else {
                        ModelQualityWindow q = ModelQualityCodec.INSTANCE.decode(r.value());
                        if (!q.allVersions()) {
                            continue; // one version's share of a window: the demo shows the model's
                        }
                        quality.merge(Instant.ofEpochMilli(q.windowStart()).toString(), q,
                                (a, b) -> b.version() >= a.version() ? b : a);
                    }
                } catch (RecordFormatException e) {
                    continue; // not the demo's business: the pipeline's own tests cover its formats
                }
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    private void onAlert(Alert a) {
        alerts.add(a);
        boolean notCompared = "not_compared".equals(a.details().path("status").asText());
        out.printf("demo: ALERT %-8s %-16s %-20s window %s  %s%n", a.state(), a.kind(),
                a.feature() == null ? "-" : a.feature(), Instant.ofEpochMilli(a.windowStart()),
                notCompared ? "not compared any more (the new baseline has no such column)"
                        : a.metric() + (a.value() != null ? " " + num(a.value()) + " (threshold "
                        + num(a.threshold()) + ")" : ""));
    }

    private void onEpisodeEvent(EpisodeEvent e) {
        episodeEvents.add(e);
        out.printf("demo: EPISODE %s  %s → %s  (simulated %s)  %s%n", e.episodeId(),
                e.from() == null ? "-" : e.from(), e.to(), Instant.ofEpochMilli(e.at()).toString().substring(11, 16),
                e.message());
    }

    private void onReport(DriftReport n) {
        String start = Instant.ofEpochMilli(n.windowStart()).toString();
        DriftReport old = reports.get(start);
        if (old != null && old.revision() >= n.revision()) {
            return;
        }
        reports.put(start, n);
        List<String> drifting = new ArrayList<>();
        n.features().forEach((name, f) -> {
            if (f.drift()) {
                drifting.add(name);
            }
        });
        out.printf("demo: window %s %s: %5d rows, %s%s%n", start.substring(11, 16),
                old == null ? "evaluated" : "revised  ", n.rows(),
                !n.evaluated() ? "no baseline yet"
                        : drifting.isEmpty() ? "no drift" : "drift in " + String.join(", ", drifting),
                reference(n.reference()));
    }

    /** Nothing for the training baseline (the default); else which reference the window was compared with. */
    private static String reference(DriftReport.Reference r) {
        if (r == null || "baseline".equals(r.mode()) && r.configured() == null) {
            return "";
        }
        if (r.windows() == null) {
            return " (reference: baseline, " + r.configured() + " has no history yet)";
        }
        return " (reference: " + r.mode() + ", " + r.windows() + " window" + (r.windows() == 1 ? "" : "s") + ")";
    }

    private static String num(Double v) {
        return v == null ? "null" : String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    /** The windows seen so far, in order. */
    TreeMap<String, DriftReport> windows() {
        return new TreeMap<>(reports);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
