package dev.driftline.remediation.it;

import static dev.driftline.contracts.remediation.EpisodeState.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.RemediationCommand;
import dev.driftline.remediation.Alerts;
import dev.driftline.remediation.service.RemediationService;
import dev.driftline.remediation.service.RemediationSettings;
import dev.driftline.remediation.wiring.PolicyWorlds;
import dev.driftline.remediation.wiring.WorldClients;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 5 and 6 on a real broker, with the command trainer, the local registry and a recording rollout webhook:
 * an alert storm gives one episode per model and none inside the cooldown; the registry gate rejects a candidate at
 * accuracy 0.80 without any deploy call, and holds one at 0.90 until an operator's approve command.
 */
@WithKafka
class RemediationGateIT {
    /** The trainer: accuracy per model from a file the test writes (models named for their candidate's accuracy). */
    static String policy(Path tmp, String webhook) {
        return """
                defaults:
                  trigger: {sustained-windows: 1, cooldown: 24h}
                  data: {source: s3-prefix, prefix: "%1$s"}
                  training:
                    backend: command
                    command:
                      run: [/bin/sh, -c, 'cp "%2$s/$2.json" "$1/metrics.json"; echo "s3://models/$2/$3/model.joblib" > "$1/artifact.txt"', train, "${output}", "${model}", "${episode}"]
                      workdir: "%3$s"
                  registry: {kind: local, local: {dir: "%4$s"}}
                  rollout: {target: webhook, bake: 1s, webhook: {url: "%5$s"}}
                """.formatted(tmp.resolve("data").toUri(), tmp.resolve("metrics"), tmp.resolve("work"),
                tmp.resolve("registry"), webhook);
    }

    static void metrics(Path tmp, String model, double accuracy) throws Exception {
        Files.createDirectories(tmp.resolve("metrics"));
        Files.writeString(tmp.resolve("metrics").resolve(model + ".json"), "{\"accuracy\": " + accuracy + "}");
    }

    RemediationService start(RemediationItSupport it, Path tmp, String webhook) throws Exception {
        Files.createDirectories(tmp.resolve("data"));
        Files.writeString(tmp.resolve("data").resolve("train.csv"), "x,label\n1,0\n2,1\n");
        RemediationSettings s = it.settings(RemediationItSupport.policy(policy(tmp, webhook)), tmp.resolve("state"),
                null, null, null);
        WorldClients clients = new WorldClients(null, "us-east-1", null, Clock.systemUTC());
        return RemediationService.start(s, new PolicyWorlds(s.policy(), clients), Clock.systemUTC(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @Test
    void alertStormGivesOneEpisodePerModelAndNoneInsideTheCooldown(KafkaBroker broker, @TempDir Path tmp)
            throws Exception {
        RemediationItSupport it = new RemediationItSupport(broker);
        for (int m = 0; m < 5; m++) {
            metrics(tmp, "m" + m, 0.80); // rejected: each episode ends quickly, and the cooldown starts
        }
        long t0 = System.currentTimeMillis() - 3_600_000;
        try (RecordingWebhook webhook = new RecordingWebhook(); RemediationService service = start(it, tmp,
                webhook.url())) {
            for (int i = 0; i < 100; i++) {
                String model = "m" + (i % 5);
                it.produce(it.topics.alerts, model, Alerts.quality(model, t0));
            }
            for (int m = 0; m < 5; m++) {
                it.awaitEpisode("m" + m, e -> e.state().terminal(), Duration.ofMinutes(2), "ended");
            }
            // a second trigger inside the cooldown: a new alert in a later window
            it.produce(it.topics.alerts, "m0", Alerts.quality("m0", t0 + 1_800_000));
            it.produce(it.topics.alerts, "m0", Alerts.open("m0", "data_drift", "x", t0 + 1_800_000, true));
            Thread.sleep(3_000); // ticks that would have started it: the test waits for a non-event
            List<EpisodeEvent> triggered = it.read(it.topics.remediationEvents).stream()
                    .filter(e -> e.to() == TRIGGERED).toList();
            assertThat(triggered).extracting(EpisodeEvent::model)
                    .containsExactlyInAnyOrder("m0", "m1", "m2", "m3", "m4");
            assertThat(it.episodes()).hasSize(5);
        }
    }

    @Test
    void rejectedBelowThePolicyAndHeldForApprovalInBetween(KafkaBroker broker, @TempDir Path tmp) throws Exception {
        RemediationItSupport it = new RemediationItSupport(broker);
        metrics(tmp, "low", 0.80);
        metrics(tmp, "mid", 0.90);
        long t0 = System.currentTimeMillis() - 3_600_000;
        try (RecordingWebhook webhook = new RecordingWebhook(); RemediationService service = start(it, tmp,
                webhook.url())) {
            it.produce(it.topics.alerts, "low", Alerts.quality("low", t0));
            it.produce(it.topics.alerts, "mid", Alerts.quality("mid", t0));
            Episode low = it.awaitEpisode("low", e -> e.state().terminal(), Duration.ofMinutes(2), "ended");
            assertThat(low.state()).isEqualTo(REJECTED);
            assertThat(low.decision()).isEqualTo("rejected: accuracy 0.8 < 0.85");
            assertThat(webhook.calls).filteredOn(c -> "low".equals(c.path("model").asText()))
                    .as("no deploy call of any kind for a rejected candidate").isEmpty();
            assertThat(Files.readString(tmp.resolve("registry").resolve("low.json"))).contains("\"Rejected\"");

            Episode mid = it.awaitEpisode("mid", e -> e.state() == AWAITING_APPROVAL, Duration.ofMinutes(2),
                    "waited for approval");
            Thread.sleep(2_000); // ticks pass: it keeps waiting
            assertThat(it.episodes().get("mid").state()).isEqualTo(AWAITING_APPROVAL);
            assertThat(webhook.moves("mid")).isEmpty();
            it.produce(it.topics.remediationCommands, "mid", new RemediationCommand("cmd-1",
                    RemediationCommand.Action.APPROVE, "mid", mid.id(), "alice", "looked at the holdout",
                    System.currentTimeMillis()));
            Episode done = it.awaitEpisode("mid", e -> e.state().terminal(), Duration.ofMinutes(2), "ended");
            assertThat(done.state()).isEqualTo(DONE);
            assertThat(done.decision()).isEqualTo("approved by alice: looked at the holdout");
            assertThat(webhook.moves("mid")).extracting(c -> c.path("action").asText() + " " + c.path("percent"))
                    .containsExactly("shift 10", "shift 50", "promote 100");
            assertThat(Files.readString(tmp.resolve("registry").resolve("mid.json"))).contains("\"Approved\"");
        }
    }
}
