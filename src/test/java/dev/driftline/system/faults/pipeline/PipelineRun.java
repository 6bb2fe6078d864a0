package dev.driftline.system.faults.pipeline;

import dev.driftline.bench.support.Ports;
import dev.driftline.contracts.Topic;
import dev.driftline.contracts.Topics;
import dev.driftline.streams.app.TopicCreator;
import dev.driftline.system.DriftlineProcess;
import dev.driftline.testkit.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import java.util.stream.Stream;

/**
 * One fault test's run: its directory {@code target/system-it/<test>/} (emptied at the start; every process log,
 * metrics snapshot and figure stays there), its own topic prefix on the shared broker, the pipeline's topics created
 * up front, and the {@code driftline streams} / {@code driftline sink} processes it starts (all stopped by
 * {@link #close}).
 */
public final class PipelineRun implements AutoCloseable {
    private final KafkaBroker kafka;
    private final Path dir;
    private final String prefix;
    private final Topics topics;
    private final List<DriftlineProcess> processes = new ArrayList<>();

    private PipelineRun(KafkaBroker kafka, Path dir, String prefix) {
        this.kafka = kafka;
        this.dir = dir;
        this.prefix = prefix;
        this.topics = new Topics(prefix);
    }

    /** A fresh run directory and prefix for {@code test}, with every pipeline topic created and led. */
    public static PipelineRun start(KafkaBroker kafka, String test) throws Exception {
        Path dir = DriftlineProcess.buildDir().resolve("system-it").resolve(test);
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        PipelineRun run = new PipelineRun(kafka, dir, kafka.uniqueTopic(test.toLowerCase()) + ".");
        TopicCreator.ensure(kafka.admin(), run.topics, Optional.empty());
        for (Topic<?, ?> t : run.topics.all()) {
            // waits for every partition's leader, so the first sends do not race the topic's creation
            kafka.createTopic(t.name(), t.partitions());
        }
        return run;
    }

    public Path dir() {
        return dir;
    }

    public String prefix() {
        return prefix;
    }

    public Topics topics() {
        return topics;
    }

    /**
     * Starts {@code driftline streams} as {@code streams-<name>} with its own state directory and metrics port
     * ({@link #metricsPort} of the process), Kafka Streams' INFO lines kept in the log (state changes).
     */
    public DriftlineProcess streams(String name, String appId, Path stateDir, int metricsPort,
            Map<String, String> env, String... extraArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("streams", "--bootstrap-servers", kafka.bootstrapServers(),
                "--state-dir", stateDir.toString(), "--application-id", appId, "--topic-prefix", prefix,
                "--metrics-port", Integer.toString(metricsPort)));
        args.addAll(List.of(extraArgs));
        return started(DriftlineProcess.start("streams-" + name, dir, "512m", env, args));
    }

    /** Starts {@code driftline sink} as {@code sink-<name>}. */
    public DriftlineProcess sink(String name, String groupId, int metricsPort, Map<String, String> env,
            String... lakeArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("sink", "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic-prefix", prefix, "--group-id", groupId, "--metrics-port", Integer.toString(metricsPort)));
        args.addAll(List.of(lakeArgs));
        return started(DriftlineProcess.start("sink-" + name, dir, "512m", env, args));
    }

    /**
     * A producer for the tests' input: not idempotent, one request in flight (so still in order). Right after a
     * topic's creation the in-JVM broker can answer NOT_LEADER_OR_FOLLOWER although every partition has a leader,
     * and an idempotent producer then gets OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout (seen here and in
     * cli's StreamsCrashIT). A plain retry cannot fake a result: a re-sent event has the same CloudEvent id, which
     * the pairing drops, and the sink's lake is compared with the topic record by record.
     */
    public KafkaProducer<byte[], byte[]> orderedProducer() {
        Properties p = kafka.producerProps();
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p);
    }

    /** A free loopback port for a process's /metrics. */
    public static int freePort() {
        try {
            return Ports.freeLoopbackPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Environment shared by the services of a fault test: quick group take-over after a kill. */
    public static Map<String, String> quickTakeover() {
        Map<String, String> env = new HashMap<>();
        // a killed member holds its partitions until its session expires; 6 s is the broker's minimum
        env.put("KAFKA_SESSION_TIMEOUT_MS", "6000");
        env.put("KAFKA_HEARTBEAT_INTERVAL_MS", "1500");
        return env;
    }

    private DriftlineProcess started(DriftlineProcess p) {
        processes.add(p);
        return p;
    }

    /** The last lines of every process's log, for a failure message. */
    public String tails() {
        StringBuilder sb = new StringBuilder();
        for (DriftlineProcess p : processes) {
            sb.append(System.lineSeparator()).append("--- ").append(p.log()).append(System.lineSeparator())
                    .append(p.tail(25));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        processes.forEach(DriftlineProcess::close);
    }
}
