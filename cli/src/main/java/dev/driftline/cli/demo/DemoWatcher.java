package dev.driftline.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.contracts.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
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
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topics topics;
    private final PrintStream out;
    private final Thread thread;
    private volatile boolean running = true;
    /** window start → latest drift report. */
    final Map<String, JsonNode> reports = new ConcurrentHashMap<>();
    /** window start → latest model-quality figure. */
    final Map<String, JsonNode> quality = new ConcurrentHashMap<>();
    final List<JsonNode> alerts = new CopyOnWriteArrayList<>();

    DemoWatcher(String bootstrapServers, Topics topics, PrintStream out) {
        this.topics = topics;
        this.out = out;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        for (String t : List.of(topics.drift.name(), topics.alerts.name(), topics.modelQuality.name())) {
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
                JsonNode n;
                try {
                    n = MAPPER.readTree(r.value());
                } catch (IOException | RuntimeException e) {
                    continue; // not the demo's business: the pipeline's own tests cover its formats
                }
                if (r.topic().equals(topics.drift.name())) {
                    onReport(n);
                } else if (r.topic().equals(topics.alerts.name())) {
                    alerts.add(n);
                    out.printf("demo: ALERT %-8s %-16s %-20s window %s  %s%s%n",
                            n.path("state").asText(), n.path("kind").asText(), n.path("feature").asText("-"),
                            n.path("window_start").asText(), n.path("metric").asText(),
                            n.path("value").isNumber() ? " " + num(n.path("value")) + " (threshold "
                                    + num(n.path("threshold")) + ")" : "");
                } else {
                    quality.merge(n.path("window_start").asText(), n, (a, b) ->
                            b.path("version").asInt() >= a.path("version").asInt() ? b : a);
                }
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    private void onReport(JsonNode n) {
        String start = n.path("window_start").asText();
        JsonNode old = reports.get(start);
        if (old != null && old.path("revision").asInt() >= n.path("revision").asInt()) {
            return;
        }
        reports.put(start, n);
        List<String> drifting = new ArrayList<>();
        n.path("features").fields().forEachRemaining(f -> {
            if (f.getValue().path("drift").asBoolean(false)) {
                drifting.add(f.getKey());
            }
        });
        out.printf("demo: window %s %s: %5d rows, %s%n", start.substring(11, 16),
                old == null ? "evaluated" : "revised  ", n.path("rows").asLong(),
                "no_baseline".equals(n.path("status").asText()) ? "no baseline yet"
                        : drifting.isEmpty() ? "no drift" : "drift in " + String.join(", ", drifting));
    }

    private static String num(JsonNode v) {
        return v.isNumber() ? String.format(java.util.Locale.ROOT, "%.4g", v.asDouble()) : v.asText();
    }

    /** The windows seen so far, in order. */
    TreeMap<String, JsonNode> windows() {
        return new TreeMap<>(reports);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
