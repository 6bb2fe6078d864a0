package dev.driftline.remediation.it;

import static dev.driftline.contracts.remediation.EpisodeState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.EpisodeState;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.remediation.Alerts;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithKafka;
import dev.driftline.testkit.WithMoto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Acceptance 4: the remediation service, a separate JVM, is killed with SIGKILL in every state of an episode in turn
 * (the first time each state is seen on the events topic) and restarted on the same state directory. Whatever a
 * killed process did between its last commit and the kill is done again by the next one: the SageMaker adapters
 * describe before they create, so the world ends with one training job, one model package, one canary and one final
 * endpoint config, one new baseline, and the episode DONE.
 */
@WithKafka
@WithMoto
class RemediationCrashIT {
    /** The states a kill is aimed at: every non-terminal one. */
    /** The service's tick after the first restart; the first process ticks every {@link #FIRST_TICK_MS}. */
    static final long TICK_MS = 2500;
    static final long FIRST_TICK_MS = 10_000;
    static final Set<EpisodeState> TARGETS = EnumSet.of(TRIGGERED, PREPARING_DATA, TRAINING, EVALUATING, REGISTERED,
            ROLLING_OUT, BAKING, PROMOTED);

    @Test
    void killedInEveryStateAndRestartedDoesEverythingOnce(KafkaBroker broker, MotoServer moto, @TempDir Path tmp)
            throws Exception {
        RemediationItSupport it = new RemediationItSupport(broker);
        RemediationSageMakerIT.world(moto, "crash");
        // long enough in the states that wait on the world for a kill to land there after a restart
        moto.post("/moto-api/x/sagemaker/training", "{\"in_progress_polls\": 12, \"final_metrics\": "
                + "{\"accuracy\": 0.97}, \"artifact\": \"s3://models/churn/candidate/model.tar.gz\"}");
        moto.post("/moto-api/x/sagemaker/endpoint", "{\"updating_polls\": 4}");
        String topicArn = "arn:aws:sns:" + moto.region().id() + ":123456789012:crash";
        Path policy = tmp.resolve("policy.yaml");
        Files.writeString(policy, RemediationSageMakerIT.policy(topicArn).replace("bake: 1s", "bake: 6s"));
        List<String> kills = new ArrayList<>();
        Set<EpisodeState> killedIn = EnumSet.noneOf(EpisodeState.class);
        // The alert is on its topic before the service starts: the service reads it in its first poll, a whole tick
        // (2.5 s) before its first wall-clock tick can move the episode on, so TRIGGERED is the latest state the
        // watcher sees. Produced while the service ran, it landed at a random point of the tick cycle, and when the
        // tick came within the same commit the watcher never saw TRIGGERED as the latest state (a failed CI run).
        it.produce(it.topics.alerts, "churn", Alerts.quality("churn",
                System.currentTimeMillis() - 1_800_000));
        // The first process ticks every 10 s: its first tick comes a whole tick after its task starts, and on a
        // slow machine the alert was sometimes first processed more than 2.5 s after that, in the same commit as the
        // tick that moved the episode on (two failed CI runs). It is killed in TRIGGERED, so only this wait grows.
        Process p = start(broker, moto, it, policy, tmp.resolve("state"), FIRST_TICK_MS);
        awaitRunning(p, tmp);
        long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
        List<EpisodeEvent> events = new ArrayList<>();
        try (EventWatcher watcher = new EventWatcher(broker, it.topics.remediationEvents)) {
          while (System.nanoTime() < deadline) {
            events.addAll(watcher.poll());
            EpisodeState latest = events.isEmpty() ? null : events.get(events.size() - 1).to();
            if (latest != null && latest.terminal()) {
                break;
            }
            if (latest != null && TARGETS.contains(latest) && !killedIn.contains(latest)) {
                p.destroyForcibly(); // SIGKILL: no shutdown hook, the open transaction is aborted
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    fail("remediation process did not die within 60 s of SIGKILL");
                }
                killedIn.add(latest);
                kills.add(latest + " (after " + events.size() + " events)");
                p = start(broker, moto, it, policy, tmp.resolve("state"), TICK_MS);
            }
          }
        }
        p.destroyForcibly();
        p.waitFor(60, TimeUnit.SECONDS);
        System.out.println("remediation crash test: SIGKILL in " + kills.size() + " states: " + kills);
        Episode last = it.episodes().get("churn");

        assertThat(last).as("episode after the kills").isNotNull();
        assertThat(last.state()).as("episode %s; events %s", last, it.events("churn")).isEqualTo(DONE);
        assertThat(killedIn).as("states a kill landed in").containsAll(
                TARGETS);
        SageMakerClient sm = moto.closeWithServer(moto.configure(SageMakerClient.builder()).build());
        assertThat(sm.listTrainingJobs(b -> b.maxResults(100)).trainingJobSummaries()).hasSize(1);
        assertThat(sm.listModelPackages(b -> b.modelPackageGroupName("churn")).modelPackageSummaryList()).hasSize(1);
        var configs = sm.listEndpointConfigs(b -> b.maxResults(100)).endpointConfigs().stream()
                .map(c -> c.endpointConfigName()).toList();
        assertThat(configs).filteredOn(n -> n.endsWith("-canary")).hasSize(1);
        assertThat(configs).filteredOn(n -> n.endsWith("-final")).hasSize(1);
        assertThat(sm.listModels(b -> b.maxResults(100)).models()).filteredOn(m -> m.modelName().endsWith("-candidate"))
                .hasSize(1);
        List<Baseline> baselines = it.read(it.topics.baselines);
        assertThat(baselines).hasSize(1);
        events = it.events("churn");
        assertThat(events.stream().map(EpisodeEvent::eventId).distinct().count())
                .as("each transition once on the topic (exactly once across the kills)").isEqualTo(events.size());
        assertThat(events).extracting(EpisodeEvent::to).containsExactly(TRIGGERED, PREPARING_DATA, TRAINING,
                EVALUATING, REGISTERED, ROLLING_OUT, BAKING, ROLLING_OUT, BAKING, ROLLING_OUT, PROMOTED, DONE);
    }

    /** Waits for the process's "running" line, then for its tasks to be assigned. */
    static void awaitRunning(Process p, Path tmp) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (var logs = Files.list(tmp)) {
                if (logs.filter(f -> f.getFileName().toString().startsWith("remediation-")).anyMatch(f -> {
                    try {
                        return Files.readString(f).contains("State transition from REBALANCING to RUNNING");
                    } catch (java.io.IOException e) {
                        return false;
                    }
                })) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        fail("the remediation process did not reach RUNNING within 60 s");
    }

    static Process start(KafkaBroker broker, MotoServer moto, RemediationItSupport it, Path policy, Path state,
                         long tickMs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = state.resolveSibling("remediation-" + System.nanoTime() + ".log");
        Files.createDirectories(state);
        // its own tmp: a SIGKILLed JVM leaves RocksDB's extracted library (15 MB) behind in java.io.tmpdir
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx384m",
                "-Djava.io.tmpdir=" + Files.createDirectories(state.resolveSibling("tmp")),
                "-cp", System.getProperty("java.class.path"), RemediationProcessMain.class.getName(), broker.bootstrapServers(), it.prefix, policy.toString(),
                state.toString(), moto.endpoint().toString(), moto.region().id(), Long.toString(tickMs)))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        return pb.start();
    }
}
