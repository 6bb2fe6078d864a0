package dev.driftline.remediation.engine;

import static dev.driftline.contracts.remediation.EpisodeState.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.EpisodeState;
import dev.driftline.contracts.remediation.RemediationCommand;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.remediation.Alerts;
import dev.driftline.remediation.MutableClock;
import dev.driftline.remediation.TestWorld;
import dev.driftline.remediation.episode.VersionWindow;
import dev.driftline.remediation.policy.RemediationPolicy;
import dev.driftline.remediation.world.ApprovalStatus;
import dev.driftline.remediation.world.RolloutProgress;
import dev.driftline.remediation.world.TrainingStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemediationEngineTest {
    static final long T0 = Instant.parse("2026-12-02T10:00:00Z").toEpochMilli();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:15:00Z"));
    final TestWorld world = new TestWorld();
    final MemoryEngineState state = new MemoryEngineState();
    final List<EpisodeEvent> events = new ArrayList<>();
    final List<Episode> episodes = new ArrayList<>();
    final List<Baseline> baselines = new ArrayList<>();
    final Outbox out = new Outbox() {
        public void episode(Episode e) {
            episodes.add(e);
        }

        public void event(EpisodeEvent e) {
            events.add(e);
        }

        public void baseline(Baseline b) {
            baselines.add(b);
        }
    };
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    RemediationEngine engine(String yaml) throws Exception {
        RemediationPolicy p = RemediationPolicy.parse("policy.yaml", new ObjectMapper(new YAMLFactory()).readTree(yaml));
        return new RemediationEngine(p, m -> world.world(), clock, true, new RemediationMetrics(meters));
    }

    static final String POLICY = "defaults: {trigger: {sustained-windows: 1}, rollout: {bake: 5m}}";

    void trigger(RemediationEngine e, String model) {
        e.onAlert(Alerts.quality(model, T0), state, out);
    }

    List<EpisodeState> path() {
        return events.stream().map(EpisodeEvent::to).toList();
    }

    void tick(RemediationEngine e, int times) {
        for (int i = 0; i < times; i++) {
            clock.advance(Duration.ofSeconds(10));
            e.tick(state, out);
        }
    }

    @Test
    void approvedCandidateGoesThroughEveryStepToDone() throws Exception {
        RemediationEngine e = engine(POLICY);
        trigger(e, "churn");
        tick(e, 3);
        assertThat(path()).containsExactly(TRIGGERED, PREPARING_DATA, TRAINING);
        tick(e, 3);
        assertThat(path()).endsWith(TRAINING); // training runs
        world.finishTraining();
        tick(e, 3);
        assertThat(path()).endsWith(EVALUATING, REGISTERED, ROLLING_OUT);
        tick(e, 1);
        assertThat(path()).endsWith(BAKING);
        assertThat(world.canaryPercent).isEqualTo(10);
        tick(e, 5);
        assertThat(path()).endsWith(BAKING); // 5 min bake not over
        clock.advance(Duration.ofMinutes(5));
        tick(e, 2);
        assertThat(world.canaryPercent).isEqualTo(50);
        clock.advance(Duration.ofMinutes(6));
        tick(e, 4);
        assertThat(path()).containsExactly(TRIGGERED, PREPARING_DATA, TRAINING, EVALUATING, REGISTERED, ROLLING_OUT,
                BAKING, ROLLING_OUT, BAKING, ROLLING_OUT, PROMOTED, DONE);
        assertThat(world.calls("start")).hasSize(1);
        assertThat(world.calls("shift")).containsExactly("shift 10", "shift 50");
        assertThat(world.calls("promote")).hasSize(1);
        assertThat(world.packages).containsValue(ApprovalStatus.APPROVED);
        assertThat(baselines).hasSize(1);
        Episode done = state.episode("churn").orElseThrow();
        assertThat(done.metrics()).containsEntry("accuracy", 0.96);
        assertThat(done.decision()).contains("accuracy 0.96 >= 0.95");
        assertThat(events).extracting(EpisodeEvent::eventId).doesNotHaveDuplicates();
        assertThat(world.notifications).extracting(n -> n.state()).contains("open", "TRIGGERED", "DONE");
        assertThat(meters.get(RemediationMetrics.EPISODES).tag("state", "done").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get(RemediationMetrics.TRAINING_DURATION).tag("model", "churn").timer().count()).isEqualTo(1);
    }

    @Test
    void repeatingEveryStepChangesNothingAtTheWorld() throws Exception {
        // what a restart after a crash between a call and its stored transition does: the same step again
        RemediationEngine e = engine(POLICY);
        trigger(e, "churn");
        world.nextOutcome = TrainingStatus.completed(Map.of("accuracy", 0.97), "s3://models/c");
        for (int i = 0; i < 40; i++) {
            Episode before = state.episode("churn").orElseThrow();
            clock.advance(Duration.ofMinutes(1));
            e.tick(state, out);
            state.putEpisode(before); // lose the transition, as a crash before the commit would
            e.tick(state, out);
            world.finishTraining();
        }
        assertThat(state.episode("churn").orElseThrow().state()).isEqualTo(DONE);
        assertThat(world.jobs).hasSize(1);
        assertThat(world.packages).hasSize(1);
        assertThat(world.calls("promote")).isNotEmpty();
        int lastSpecRead = world.calls.lastIndexOf("current churn");
        assertThat(lastSpecRead).as("the serving spec is read before any traffic moves, never after")
                .isLessThan(world.calls.indexOf("shift 10"));
        assertThat(state.episode("churn").orElseThrow().previousSpec()).contains("s3://models/v1");
    }

    @Test
    void lowAccuracyIsRejectedWithoutAnyDeployCall() throws Exception {
        RemediationEngine e = engine(POLICY);
        world.nextOutcome = TrainingStatus.completed(Map.of("accuracy", 0.80), "s3://models/bad");
        trigger(e, "churn");
        tick(e, 3);
        world.finishTraining();
        tick(e, 5);
        assertThat(path()).endsWith(EVALUATING, REGISTERED, REJECTED);
        assertThat(world.calls("shift")).isEmpty();
        assertThat(world.calls("current")).isEmpty();
        assertThat(world.calls("promote")).isEmpty();
        assertThat(world.packages).containsValue(ApprovalStatus.REJECTED);
    }

    @Test
    void inBetweenWaitsForApprovalThenRollsOut() throws Exception {
        RemediationEngine e = engine(POLICY);
        world.nextOutcome = TrainingStatus.completed(Map.of("accuracy", 0.90), "s3://models/maybe");
        trigger(e, "churn");
        tick(e, 3);
        world.finishTraining();
        tick(e, 10);
        assertThat(path()).endsWith(REGISTERED, AWAITING_APPROVAL);
        assertThat(world.calls("shift")).isEmpty();
        Episode waiting = state.episode("churn").orElseThrow();
        e.onCommand(new RemediationCommand("c1", RemediationCommand.Action.APPROVE, "churn", "other-episode", "bob",
                null, clock.millis()), state, out);
        assertThat(path()).endsWith(AWAITING_APPROVAL);
        e.onCommand(new RemediationCommand("c2", RemediationCommand.Action.APPROVE, "churn", waiting.id(), "alice",
                "holdout checked", clock.millis()), state, out);
        assertThat(path()).endsWith(ROLLING_OUT);
        assertThat(state.episode("churn").orElseThrow().decision()).isEqualTo("approved by alice: holdout checked");
        assertThat(world.packages).containsValue(ApprovalStatus.APPROVED);
    }

    @Test
    void approvalInTheRegistryItselfIsSeen() throws Exception {
        RemediationEngine e = engine(POLICY);
        world.nextOutcome = TrainingStatus.completed(Map.of("accuracy", 0.90), "s3://models/maybe");
        trigger(e, "churn");
        tick(e, 3);
        world.finishTraining();
        tick(e, 4);
        assertThat(path()).endsWith(AWAITING_APPROVAL);
        world.packages.replaceAll((k, v) -> ApprovalStatus.APPROVED);
        tick(e, 1);
        assertThat(path()).endsWith(ROLLING_OUT);
    }

    @Test
    void aCanaryWorseThanStableOnItsOwnWindowsIsRolledBack() throws Exception {
        RemediationEngine e = engine(POLICY);
        trigger(e, "churn");
        tick(e, 3);
        world.finishTraining();
        tick(e, 4);
        assertThat(path()).endsWith(BAKING);
        Episode ep = state.episode("churn").orElseThrow();
        long w = T0 + 3_600_000;
        e.onCanaryWindow("churn", new VersionWindow("v1", w, w + 300_000, "accuracy", 0.93, 400, "ok"), state);
        e.onCanaryWindow("churn", new VersionWindow(ep.id(), w, w + 300_000, "accuracy", 0.91, 45, "ok"), state);
        tick(e, 1);
        assertThat(path()).endsWith(BAKING); // 0.02 below: within the 0.05 allowed
        e.onCanaryWindow("churn", new VersionWindow(ep.id(), w, w + 300_000, "accuracy", 0.70, 48, "ok"), state);
        tick(e, 1);
        assertThat(path()).endsWith(ROLLED_BACK);
        assertThat(world.calls("rollback")).hasSize(1);
        assertThat(world.serving).contains("s3://models/v1");
        assertThat(world.canaryPercent).isZero();
        assertThat(state.episode("churn").orElseThrow().failure()).contains("candidate " + ep.id() + " accuracy 0.7000 vs stable v1 0.9300");
        assertThat(meters.get(RemediationMetrics.ROLLBACKS).tag("model", "churn").counter().count()).isEqualTo(1);
    }

    @Test
    void aStepThatFailsOrNeverSettlesRollsBack() throws Exception {
        RemediationEngine e = engine("defaults: {trigger: {sustained-windows: 1}, rollout: {settle-timeout: 2m}}");
        trigger(e, "churn");
        tick(e, 3);
        world.finishTraining();
        world.nextProgress = RolloutProgress.settling("RevisionMissing");
        tick(e, 6);
        assertThat(path()).endsWith(ROLLING_OUT);
        clock.advance(Duration.ofMinutes(3));
        tick(e, 1);
        assertThat(path()).endsWith(ROLLED_BACK);
        assertThat(state.episode("churn").orElseThrow().failure()).contains("not ready after PT2M: RevisionMissing");
    }

    @Test
    void failedTrainingFailsTheEpisodeAndCancelStopsTraining() throws Exception {
        RemediationEngine e = engine(POLICY);
        world.nextOutcome = TrainingStatus.failed("AlgorithmError: out of memory");
        trigger(e, "a");
        tick(e, 3);
        world.finishTraining();
        tick(e, 1);
        assertThat(state.episode("a").orElseThrow().state()).isEqualTo(FAILED);
        assertThat(state.episode("a").orElseThrow().failure()).contains("out of memory");
        trigger(e, "b");
        tick(e, 3);
        Episode b = state.episode("b").orElseThrow();
        assertThat(b.state()).isEqualTo(TRAINING);
        e.onCommand(new RemediationCommand("c", RemediationCommand.Action.CANCEL, "b", b.id(), "ops", null, 0),
                state, out);
        assertThat(state.episode("b").orElseThrow().state()).isEqualTo(CANCELLED);
        assertThat(world.calls("stop")).containsExactly("stop " + b.trainingJob());
    }

    @Test
    void alertStormGivesOneEpisodePerModelAndNoneInsideTheCooldown() throws Exception {
        RemediationEngine e = engine(POLICY);
        for (int i = 0; i < 100; i++) {
            e.onAlert(Alerts.quality("model-" + (i % 5), T0), state, out);
        }
        assertThat(state.episodes()).hasSize(5);
        assertThat(events).filteredOn(ev -> ev.to() == TRIGGERED).hasSize(5);
        // end model-0's episode, then a new alert inside the 24 h cooldown
        Episode m0 = state.episode("model-0").orElseThrow();
        e.onCommand(new RemediationCommand("c", RemediationCommand.Action.CANCEL, "model-0", m0.id(), "ops", null, 0),
                state, out);
        clock.advance(Duration.ofHours(2));
        e.onAlert(Alerts.quality("model-0", T0 + 7_200_000), state, out);
        assertThat(events).filteredOn(ev -> ev.to() == TRIGGERED).hasSize(5);
    }

    @Test
    void pausedModelsAndTheKillSwitchStartNothing() throws Exception {
        RemediationEngine e = engine(POLICY);
        e.onCommand(new RemediationCommand("p", RemediationCommand.Action.PAUSE, "a", null, "ops", null, 0), state, out);
        e.onCommand(new RemediationCommand("g", RemediationCommand.Action.PAUSE, "*", null, "ops", null, 0), state, out);
        trigger(e, "a");
        trigger(e, "b");
        assertThat(state.episodes()).isEmpty();
        e.onCommand(new RemediationCommand("r", RemediationCommand.Action.RESUME, "*", null, "ops", null, 0), state, out);
        e.onWindow("b", T0 + 300_000, state, out);
        e.onWindow("a", T0 + 300_000, state, out);
        assertThat(state.episodes()).containsOnlyKeys("b");
        RemediationEngine off = new RemediationEngine(RemediationPolicy.defaults(), m -> world.world(), clock, false,
                new RemediationMetrics(meters));
        MemoryEngineState other = new MemoryEngineState();
        off.onAlert(Alerts.quality("c", T0), other, out);
        off.onWindow("c", T0 + 300_000, other, out);
        off.onWindow("c", T0 + 600_000, other, out);
        assertThat(other.episodes()).isEmpty();
    }

    @Test
    void aModelWhosePolicyCannotBeWiredStartsNothing() throws Exception {
        RemediationEngine e = new RemediationEngine(RemediationPolicy.defaults(), m -> {
            throw new dev.driftline.config.UserInputException("defaults.training.command.run: is required");
        }, clock, true, new RemediationMetrics(meters));
        e.onAlert(Alerts.quality("x", T0), state, out);
        e.onWindow("x", T0 + 300_000, state, out);
        e.onWindow("x", T0 + 600_000, state, out);
        assertThat(state.episodes()).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void aStepTheWorldRefusesFailsTheEpisodeAtOnceATransientOneAfterItsRetries() throws Exception {
        RemediationEngine e = engine(POLICY);
        world.prepareFails = new dev.driftline.config.UserInputException("data.prefix s3://training/x/ holds no object");
        trigger(e, "a");
        tick(e, 3);
        Episode a = state.episode("a").orElseThrow();
        assertThat(a.state()).isEqualTo(FAILED);
        assertThat(a.failure()).isEqualTo("PREPARING_DATA failed: data.prefix s3://training/x/ holds no object");
        assertThat(world.calls("prepare")).hasSize(1);

        world.prepareFails = new IllegalStateException("connection reset");
        trigger(e, "b");
        tick(e, 10);
        assertThat(state.episode("b").orElseThrow().state()).isEqualTo(PREPARING_DATA);
        tick(e, RemediationEngine.MAX_CONSECUTIVE_ERRORS);
        Episode b = state.episode("b").orElseThrow();
        assertThat(b.state()).isEqualTo(FAILED);
        assertThat(b.failure()).startsWith("PREPARING_DATA failed " + RemediationEngine.MAX_CONSECUTIVE_ERRORS
                + " times in a row: connection reset");
        assertThat(meters.get(RemediationMetrics.ERRORS).tag("model", "b").counter().count())
                .isEqualTo(RemediationEngine.MAX_CONSECUTIVE_ERRORS);
    }

    @Test
    void aRolloutStepTheTargetRefusesIsRolledBack() throws Exception {
        RemediationEngine e = engine(POLICY);
        world.shiftFails = new IllegalArgumentException("InferenceService models/churn not found");
        trigger(e, "churn");
        tick(e, 3);
        world.finishTraining();
        tick(e, 5);
        Episode c = state.episode("churn").orElseThrow();
        assertThat(c.state()).isEqualTo(ROLLED_BACK);
        assertThat(c.failure()).contains("ROLLING_OUT failed: InferenceService models/churn not found");
        assertThat(world.calls("rollback")).hasSize(1);
    }
}
