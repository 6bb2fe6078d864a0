package dev.driftline.remediation.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.driftline.contracts.Topic;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.alerts.Alert;
import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.EpisodeState;
import dev.driftline.contracts.remediation.RemediationCommand;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.remediation.Alerts;
import dev.driftline.remediation.MutableClock;
import dev.driftline.remediation.TestWorld;
import dev.driftline.remediation.engine.RemediationEngine;
import dev.driftline.remediation.engine.RemediationMetrics;
import dev.driftline.remediation.policy.RemediationPolicy;
import dev.driftline.remediation.world.TrainingStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemediationTopologyTest {
    static final long T0 = Instant.parse("2026-12-02T10:00:00Z").toEpochMilli();
    final Topics topics = new Topics();
    final TestWorld world = new TestWorld();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:20:00Z"));
    TopologyTestDriver driver;
    TestInputTopic<String, Alert> alerts;
    TestInputTopic<String, RemediationCommand> commands;
    TestOutputTopic<String, Episode> episodes;
    TestOutputTopic<String, EpisodeEvent> events;
    TestOutputTopic<String, Baseline> baselines;
    @TempDir
    Path state;

    @BeforeEach
    void start() throws Exception {
        RemediationPolicy policy = RemediationPolicy.parse("policy.yaml", new ObjectMapper(new YAMLFactory())
                .readTree("defaults: {trigger: {sustained-windows: 1}, rollout: {bake: 1m}}"));
        RemediationEngine engine = new RemediationEngine(policy, m -> world.world(), clock, true,
                new RemediationMetrics(new SimpleMeterRegistry()));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "remediation-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        driver = new TopologyTestDriver(RemediationTopology.build(new StreamsBuilder(),
                new RemediationTopology.Config(topics, engine, Duration.ofSeconds(5))), p);
        alerts = input(topics.alerts);
        commands = input(topics.remediationCommands);
        episodes = output(topics.remediationEpisodes);
        events = output(topics.remediationEvents);
        baselines = output(topics.baselines);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> t) {
        return driver.createInputTopic(t.name(), t.keySerde().serializer(), t.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> t) {
        return driver.createOutputTopic(t.name(), t.keySerde().deserializer(), t.valueSerde().deserializer());
    }

    private void tick(int times) {
        for (int i = 0; i < times; i++) {
            clock.advance(Duration.ofSeconds(5));
            driver.advanceWallClockTime(Duration.ofSeconds(5));
        }
    }

    @Test
    void alertStormOverFiveModelsGivesFiveEpisodes() {
        for (int i = 0; i < 100; i++) {
            Alert a = Alerts.quality("model-" + (i % 5), T0);
            alerts.pipeInput(a.model(), a);
        }
        List<EpisodeEvent> started = events.readValuesToList();
        assertThat(started).extracting(EpisodeEvent::to).containsOnly(EpisodeState.TRIGGERED);
        assertThat(started).extracting(EpisodeEvent::model).containsExactlyInAnyOrder("model-0", "model-1",
                "model-2", "model-3", "model-4");
        assertThat(episodes.readKeyValuesToMap()).hasSize(5);
    }

    @Test
    void oneEpisodeRunsThroughTheTopicsToDoneAndPublishesTheNewBaseline() {
        Alert a = Alerts.quality("churn", T0);
        alerts.pipeInput("churn", a);
        tick(3);
        world.finishTraining();
        tick(4);
        clock.advance(Duration.ofMinutes(2));
        tick(2);
        clock.advance(Duration.ofMinutes(2));
        tick(4);
        List<EventView> path = events.readValuesToList().stream().map(EventView::of).toList();
        assertThat(path).extracting(EventView::to).containsExactly("TRIGGERED", "PREPARING_DATA", "TRAINING",
                "EVALUATING", "REGISTERED", "ROLLING_OUT", "BAKING", "ROLLING_OUT", "BAKING", "ROLLING_OUT",
                "PROMOTED", "DONE");
        Map<String, Episode> latest = episodes.readKeyValuesToMap();
        assertThat(latest.get("churn").state()).isEqualTo(EpisodeState.DONE);
        assertThat(baselines.readValuesToList()).extracting(Baseline::model).containsExactly("churn");
        assertThat(world.calls("start")).hasSize(1);
    }

    @Test
    void approveCommandOnTheTopicReleasesAWaitingCandidate() {
        world.nextOutcome = TrainingStatus.completed(Map.of("accuracy", 0.9), "s3://m/c");
        alerts.pipeInput("churn", Alerts.quality("churn", T0));
        tick(3);
        world.finishTraining();
        tick(4);
        Map<String, Episode> latest = episodes.readKeyValuesToMap();
        Episode waiting = latest.get("churn");
        assertThat(waiting.state()).isEqualTo(EpisodeState.AWAITING_APPROVAL);
        commands.pipeInput("churn", new RemediationCommand("c1", RemediationCommand.Action.APPROVE, "churn",
                waiting.id(), "alice", null, clock.millis()));
        assertThat(episodes.readKeyValuesToMap().get("churn").state()).isEqualTo(EpisodeState.ROLLING_OUT);
    }

    record EventView(String to) {
        static EventView of(EpisodeEvent e) {
            return new EventView(e.to().name());
        }
    }
}
