package dev.driftline.streams.app;

import dev.driftline.contracts.Topics;
import dev.driftline.streams.DriftlineTopology;
import dev.driftline.streams.PipelineInstruments;
import dev.driftline.streams.PipelineStage;
import dev.driftline.streams.support.DeadLetteringDeserializationHandler;
import dev.driftline.streams.support.GlobalThreadExceptionHandling;
import dev.driftline.streams.meters.PipelineMeters;
import dev.driftline.streams.meters.QualityDropMeters;
import dev.driftline.streams.modelquality.ModelQualityCounters;
import dev.driftline.streams.window.LateRecords;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running streams service: creates missing topics, builds {@link DriftlineTopology} from the settings, runs it
 * with {@code exactly_once_v2}, and serves its metrics. Used by {@code driftline streams} and by the demo's
 * all-in-one JVM. {@link #close()} stops Kafka Streams (committing), then the endpoint and the meter binders.
 */
public final class DriftlineStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriftlineStreams.class);

    private final StreamsSettings settings;
    private final KafkaStreams streams;
    private final StreamsRuntime runtime;
    private final List<String> createdTopics;

    private DriftlineStreams(StreamsSettings settings, KafkaStreams streams, StreamsRuntime runtime,
                             List<String> createdTopics) {
        this.settings = settings;
        this.streams = streams;
        this.runtime = runtime;
        this.createdTopics = createdTopics;
    }

    /** The Kafka Streams properties: the user's kafka.* ones, then what driftline requires. */
    static Properties streamsProperties(StreamsSettings s) {
        Properties p = new Properties();
        // No task waits on an empty input partition to order records by timestamp across partitions: no processor
        // here needs that order (each keeps its own clocks), and with the default (0) Kafka Streams formats log
        // strings for every empty partition on every processing call (a fifth of the stream thread in a profile
        // of `driftline bench pipeline`: the join and alert tasks always have one input idle). Overridable.
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
        // A wide model's window partials, snapshots and merged profiles are over Kafka's default 1 MiB (about
        // 6.5 KB per feature): a larger record would stop the stream thread. Changelogs and repartitions alike.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                Integer.toString(Topics.MAX_RECORD_BYTES));
        p.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG),
                Integer.toString(Topics.MAX_RECORD_BYTES));
        p.putAll(s.kafkaProperties());
        GlobalThreadExceptionHandling.enable(p);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, s.stateDir().toAbsolutePath().toString());
        DeadLetteringDeserializationHandler.configure(p, s.topics());
        return p;
    }

    public static DriftlineStreams start(StreamsSettings s, PrometheusMeterRegistry registry)
            throws IOException, InterruptedException, java.util.concurrent.TimeoutException {
        return start(s, registry, PipelineStage.ALL);
    }

    /** The pipeline wired up to {@code upTo} only ({@link PipelineStage}; {@code bench pipeline --up-to}). */
    public static DriftlineStreams start(StreamsSettings s, PrometheusMeterRegistry registry, PipelineStage upTo)
            throws IOException, InterruptedException, java.util.concurrent.TimeoutException {
        Properties props = streamsProperties(s);
        List<String> created;
        try (Admin admin = Admin.create(props)) {
            created = TopicCreator.ensure(admin, s.topics(), Optional.empty());
        }
        LateRecords late = new LateRecords();
        PipelineMeters.bindLateRecords(late, registry);
        ModelQualityCounters quality = new ModelQualityCounters();
        QualityDropMeters.bind(quality, registry);
        Topology topology = DriftlineTopology.build(new StreamsBuilder(), s.pipeline(),
                new PipelineInstruments(late, quality, Optional.of(new PipelineMeters(registry))), upTo);
        KafkaStreams streams = new KafkaStreams(topology, props);
        StreamsRuntime runtime = StreamsRuntime.start(streams, registry, s.metricsHost(), s.metricsPort(),
                "driftline streams", "streams.metrics.port");
        return new DriftlineStreams(s, streams, runtime, created);
    }

    public KafkaStreams kafkaStreams() {
        return streams;
    }

    /** Topics this start created (empty when they all existed). */
    public List<String> createdTopics() {
        return createdTopics;
    }

    /** The metrics endpoint's port, or -1 when it is off. */
    public int metricsPort() {
        return runtime.port();
    }

    public StreamsSettings settings() {
        return settings;
    }

    /** Waits until Kafka Streams is RUNNING; false on timeout or when it failed. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State st = streams.state();
            if (st == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (st == KafkaStreams.State.ERROR || st == KafkaStreams.State.NOT_RUNNING
                    || st == KafkaStreams.State.PENDING_SHUTDOWN || st == KafkaStreams.State.PENDING_ERROR) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        runtime.close();
    }
}
