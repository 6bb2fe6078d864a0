package dev.driftline.remediation.service;

import dev.driftline.contracts.Topic;
import dev.driftline.contracts.alerts.Alert;
import dev.driftline.contracts.drift.DriftReport;
import dev.driftline.contracts.modelquality.ModelQualityWindow;
import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.remediation.engine.MemoryEngineState;
import dev.driftline.remediation.engine.Outbox;
import dev.driftline.remediation.engine.RemediationEngine;
import dev.driftline.remediation.engine.RemediationMetrics;
import dev.driftline.remediation.wiring.DryRunInterceptor;
import dev.driftline.remediation.wiring.DryRunWorld;
import dev.driftline.remediation.wiring.PolicyWorlds;
import dev.driftline.remediation.wiring.WorldClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code driftline remediation --dry-run}: reads the alerts, drift reports and model-quality windows on the topics
 * now (no consumer group, nothing committed, nothing produced), runs them through the same engine and policy as
 * the service, and prints each episode that would start with every call it would make: AWS calls with their exact
 * request, the rest in words. Reads reach the real systems; nothing that changes them is sent. State is kept in
 * memory and dropped at the end.
 */
public final class DryRun {
    /** Ticks after the input: enough for an episode to reach the registry gate, where the dry run stops. */
    static final int TICKS = 12;

    private DryRun() {
    }

    public static int run(RemediationSettings settings, WorldClients clients, PrintStream out) {
        DryRunInterceptor guard = clients.dryRun(out);
        PolicyWorlds worlds = new PolicyWorlds(settings.policy(), clients, w -> DryRunWorld.wrap(w, out));
        RemediationEngine engine = new RemediationEngine(settings.policy(), worlds, Clock.systemUTC(), true,
                new RemediationMetrics(new SimpleMeterRegistry()));
        MemoryEngineState state = new MemoryEngineState();
        List<EpisodeEvent> transitions = new ArrayList<>();
        Outbox outbox = new Outbox() {
            @Override
            public void episode(Episode e) {
            }

            @Override
            public void event(EpisodeEvent e) {
                transitions.add(e);
                out.println(e.episodeId() + ": " + (e.from() == null ? "" : e.from() + " → ") + e.to() + ": "
                        + e.message());
            }

            @Override
            public void baseline(Baseline b) {
                out.println("  would publish a new baseline of " + b.model());
            }
        };
        List<ConsumerRecord<byte[], byte[]>> records = readAll(settings);
        out.println("dry run: read " + records.size() + " alert, drift and model-quality records from "
                + settings.bootstrapServers() + "; policy " + settings.policy().file() + "; nothing will be changed");
        for (ConsumerRecord<byte[], byte[]> r : records) {
            feed(settings, engine, state, outbox, r, out);
        }
        for (int i = 0; i < TICKS; i++) {
            engine.tick(state, outbox);
        }
        long started = transitions.stream().filter(e -> e.from() == null).count();
        out.println("dry run: " + started + " episode(s) would start; " + guard.stopped()
                + " AWS call(s) printed instead of made; nothing was changed");
        return 0;
    }

    private static void feed(RemediationSettings s, RemediationEngine engine, MemoryEngineState state, Outbox out,
                             ConsumerRecord<byte[], byte[]> r, PrintStream console) {
        try {
            if (r.topic().equals(s.topics().alerts.name())) {
                engine.onAlert(decode(s.topics().alerts, r), state, out);
            } else if (r.topic().equals(s.topics().drift.name())) {
                DriftReport d = decode(s.topics().drift, r);
                engine.onWindow(d.model(), d.windowStart(), state, out);
            } else {
                QualityWindows.feed(decode(s.topics().modelQuality, r), engine, state, out);
            }
        } catch (RuntimeException e) {
            console.println("  skipped an unreadable record of " + r.topic() + "-" + r.partition() + "@" + r.offset()
                    + ": " + e.getMessage());
        }
    }

    private static <V> V decode(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> r) {
        return topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
    }

    /** Everything on the input topics up to their end offsets now, in record-time order. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(RemediationSettings s) {
        Properties p = new Properties();
        p.putAll(s.kafka());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (Topic<?, ?> t : List.of(s.topics().alerts, s.topics().drift, s.topics().modelQuality)) {
                c.partitionsFor(t.name(), Duration.ofSeconds(30)).forEach(i -> parts.add(
                        new TopicPartition(i.topic(), i.partition())));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(all::add);
            }
        }
        all.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
        return all;
    }
}
