package dev.driftline.bench.ingest;

import static dev.driftline.bench.support.Figures.round;
import static dev.driftline.bench.support.Figures.round3;
import static dev.driftline.bench.support.Progress.say;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.collector.Collector;
import dev.driftline.collector.CollectorKeys;
import dev.driftline.collector.CollectorSettings;
import dev.driftline.config.Config;
import java.time.Duration;

/**
 * The four phases of {@code driftline bench ingest}, in one JVM and against one broker so the figures compare:
 * bare HTTP ceiling, raw-producer ceiling, collector at full speed, collector latency at a fixed rate.
 */
public final class IngestBenchmark {
    /** What to run. */
    public record Options(Duration duration, Duration warmup, int payloadBytes, int connections, int rate,
                          String topicPrefix) {
    }

    private final Options o;
    private final String bootstrap;
    private final KServeEvents events;

    public IngestBenchmark(Options o, String bootstrap) {
        this.o = o;
        this.bootstrap = bootstrap;
        this.events = new KServeEvents(o.payloadBytes(), 64, 42);
    }

    public ObjectNode run() throws Exception {
        CollectorSettings settings = CollectorSettings.from(Config.builder(CollectorKeys.ALL).env(System.getenv()) // KAFKA_* tunes both producers
                .flag(CollectorKeys.BOOTSTRAP_SERVERS, bootstrap).flag(CollectorKeys.PORT, 0)
                .flag(CollectorKeys.HOST, "127.0.0.1").flag(CollectorKeys.TOPIC_PREFIX, o.topicPrefix())
                .flag(CollectorKeys.TOPIC_PARTITIONS, 6).build());

        say("1/4 bare HTTP server (same library, 202 without Kafka)");
        LoadProcess.Result http;
        try (BareHttpServer bare = new BareHttpServer()) {
            http = LoadProcess.run(bare.start(), o.connections(), 0, o);
        }
        say(String.format("    %.0f events/s", http.acceptedPerSecond()));

        LoadProcess.Result max;
        LoadProcess.Result fixed;
        double raw;
        try (Collector collector = Collector.start(settings)) {
            if (!collector.awaitReady(Duration.ofSeconds(30))) {
                throw new IllegalStateException("collector did not become ready (Kafka unreachable?)");
            }
            say("2/4 raw Kafka producer (same settings, record size and broker)");
            raw = RawProducerBench.eventsPerSecond(settings, events, o.warmup(), o.duration());
            say(String.format("    %.0f events/s", raw));
            System.gc(); // the raw producer's garbage must not be collected during the collector's measurement
            say("3/4 collector, closed loop (sustained maximum)");
            max = LoadProcess.run(collector.port(), o.connections(), 0, o);
            say(String.format("    %.0f events/s accepted, %d not accepted", max.acceptedPerSecond(),
                    max.failed()));
            System.gc();
            say("4/4 collector at a fixed " + o.rate() + " events/s (latency)");
            fixed = LoadProcess.run(collector.port(), o.connections(), o.rate(), o);
            say(String.format("    p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms", fixed.p50Ms(), fixed.p99Ms(),
                    fixed.p999Ms()));
        }

        ObjectNode r = new ObjectMapper().createObjectNode();
        r.put("collector_events_per_s", round(max.acceptedPerSecond()));
        r.put("bare_http_events_per_s", round(http.acceptedPerSecond()));
        r.put("raw_producer_events_per_s", round(raw));
        r.put("ratio_to_http", round3(max.acceptedPerSecond() / http.acceptedPerSecond()));
        r.put("ratio_to_raw_producer", round3(max.acceptedPerSecond() / raw));
        r.put("p99_ms", round3(fixed.p99Ms()));
        r.put("p999_ms", round3(fixed.p999Ms()));
        r.put("p50_ms", round3(fixed.p50Ms()));
        r.put("latency_rate_events_per_s", o.rate());
        r.put("latency_phase_accepted_per_s", round(fixed.acceptedPerSecond()));
        r.put("latency_phase_not_accepted", fixed.failed());
        r.put("max_phase_p99_ms", round3(max.p99Ms()));
        r.put("max_phase_not_accepted", max.failed());
        r.put("payload_bytes", o.payloadBytes());
        r.put("connections", o.connections());
        r.put("seconds_per_phase", o.duration().toSeconds());
        r.put("cores", Runtime.getRuntime().availableProcessors());
        return r;
    }
}
