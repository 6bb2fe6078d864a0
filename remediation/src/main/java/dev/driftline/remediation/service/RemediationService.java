package dev.driftline.remediation.service;

import dev.driftline.remediation.control.CommandChannel;
import dev.driftline.remediation.control.ControlApi;
import dev.driftline.remediation.engine.RemediationEngine;
import dev.driftline.remediation.engine.RemediationMetrics;
import dev.driftline.remediation.engine.WorldFactory;
import dev.driftline.remediation.wiring.FailureKinds;
import dev.driftline.streams.app.StreamsRuntime;
import dev.driftline.streams.app.TopicCreator;
import dev.driftline.streams.support.DeadLetteringDeserializationHandler;
import dev.driftline.streams.support.GlobalThreadExceptionHandling;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code driftline remediation}: the remediation topology in Kafka Streams (exactly once: store changes and
 * published episodes, events and baselines commit together), plus {@code /metrics}, {@code /healthz},
 * {@code /readyz} (read-only) and the authenticated control API ({@link ControlApi}) on the same port. Creates the
 * driftline topics it needs when missing.
 */
public final class RemediationService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemediationService.class);
    private final KafkaStreams streams;
    private final StreamsRuntime runtime;
    private final CommandChannel commands;

    private RemediationService(KafkaStreams streams, StreamsRuntime runtime, CommandChannel commands) {
        this.streams = streams;
        this.runtime = runtime;
        this.commands = commands;
    }

    static Properties streamsProperties(RemediationSettings s) {
        Properties p = new Properties();
        p.putAll(s.kafka());
        GlobalThreadExceptionHandling.enable(p);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, s.stateDir().toAbsolutePath().toString());
        // a transition is visible on the topics within a second of the step that made it
        p.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "500");
        DeadLetteringDeserializationHandler.configure(p, s.topics());
        return p;
    }

    /** The topology with its engine: the world as given, the service clock. */
    public static Topology topology(RemediationSettings s, WorldFactory worlds, Clock clock,
                                    RemediationMetrics metrics) {
        RemediationEngine engine = new RemediationEngine(s.policy(), worlds, clock, s.enabled(), metrics,
                FailureKinds.PERMANENT);
        return RemediationTopology.build(new StreamsBuilder(),
                new RemediationTopology.Config(s.topics(), engine, s.tick(), worlds::baseline));
    }

    public static RemediationService start(RemediationSettings s, WorldFactory worlds, Clock clock,
                                           PrometheusMeterRegistry registry)
            throws IOException, InterruptedException, TimeoutException {
        Properties props = streamsProperties(s);
        try (Admin admin = Admin.create(props)) {
            List<String> created = TopicCreator.ensure(admin, s.topics(), Optional.empty());
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
        }
        if (!s.enabled()) {
            LOG.warn("remediation.enabled=false: watching alerts only; no episode starts or moves");
        }
        KafkaStreams streams = new KafkaStreams(topology(s, worlds, clock, new RemediationMetrics(registry)), props);
        CommandChannel commands = new CommandChannel(s.bootstrapServers(), s.kafka(), s.topics(), s.apiTimeout());
        ControlApi api = new ControlApi(s.apiTokens(), commands, s.topics().remediationCommands.name(), clock);
        StreamsRuntime runtime = StreamsRuntime.start(streams, registry, s.metricsHost(), s.metricsPort(),
                "remediation streams", "remediation.metrics.port", Map.of(ControlApi.PREFIX, api));
        if (runtime.port() < 0) {
            LOG.info("control API off: the metrics endpoint is off (remediation.metrics.port=-1)");
        } else if (api.enabled()) {
            LOG.info("control API on http://{}:{}{} ({} bearer token(s))", s.metricsHost(), runtime.port(),
                    ControlApi.PREFIX, s.apiTokens().size());
        } else {
            LOG.info("control API off: no {} / {} configured", RemediationKeys.API_TOKENS_FILE.name(),
                    RemediationKeys.API_TOKENS.name());
        }
        return new RemediationService(streams, runtime, commands);
    }

    public KafkaStreams kafkaStreams() {
        return streams;
    }

    public int metricsPort() {
        return runtime.port();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        runtime.close();
        commands.close();
    }
}
