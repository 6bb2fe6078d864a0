package dev.driftline.cli;

import dev.driftline.streams.DriftlineTopology;
import dev.driftline.streams.PairingConfig;
import dev.driftline.streams.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code driftline streams}: the Kafka Streams jobs (today: pairing, dedupe, normalisation, dead letters). */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = {"Run the streaming jobs with exactly_once_v2 until SIGTERM: inference events are paired,",
            "deduplicated and normalised into inference records; unparsable ones go to the dead-letter topic."})
public final class StreamsCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    KafkaOptions kafka;

    @Option(names = "--state-dir", defaultValue = "streams-state", description = "Local state (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--application-id", defaultValue = "driftline-streams",
            description = "Kafka Streams application id (default: ${DEFAULT-VALUE}).")
    String applicationId;


    @Option(names = "--pairing-wait", defaultValue = "60", description = "Seconds a request waits for its response (default: ${DEFAULT-VALUE}).")
    long pairingWaitSeconds;

    @Override
    public Integer call() throws Exception {
        Topics topics = new Topics(kafka.prefix);
        PairingConfig d = PairingConfig.defaults();
        PairingConfig pairing = new PairingConfig(Duration.ofSeconds(pairingWaitSeconds), d.dedupeHorizon(), d.idleGrace());
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            var created = dev.driftline.streams.TopicCreator.ensure(admin, topics, java.util.Optional.empty());
            if (!created.isEmpty()) {
                System.out.println("driftline streams: created topics " + created);
            }
        }
        KafkaStreams streams = new KafkaStreams(DriftlineTopology.build(new StreamsBuilder(), topics, pairing), p);
        streams.setUncaughtExceptionHandler(e -> {
            System.err.println("driftline streams: " + e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .SHUTDOWN_CLIENT;
        });
        Shutdown.onSignal(() -> streams.close(Duration.ofSeconds(30)));
        streams.start();
        System.out.println("driftline streams: running (" + applicationId + ", " + topics.inferenceEvents.name()
                + " -> " + topics.inferenceRecords.name() + "); stop with SIGTERM");
        Shutdown.awaitSignal();
        return 0;
    }
}
