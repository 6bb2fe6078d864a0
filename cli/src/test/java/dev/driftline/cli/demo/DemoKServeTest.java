package dev.driftline.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.remediation.webhook.WebhookRollout;
import dev.driftline.remediation.webhook.WebhookSettings;
import dev.driftline.remediation.world.RolloutPlan;
import dev.driftline.remediation.world.RolloutProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated KServe driven by the remediation service's own webhook client (protocol v1): the candidate takes
 * its share of the traffic and labels it with its version, promote makes it the model for all, rollback returns
 * to the stable one, and a repeated call is the same state.
 */
class DemoKServeTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);

    private static String candidate(Path dir) throws Exception {
        Path f = dir.resolve("model.json");
        Files.writeString(f, new ObjectMapper().writeValueAsString(WineModel.load().toJson()));
        return f.toUri().toString();
    }

    private static long canaryShare(DemoKServe k, String version) {
        long n = 0;
        for (int i = 0; i < 1000; i++) {
            DemoKServe.Serving s = k.route(i);
            if (s.canary()) {
                assertThat(s.version()).isEqualTo(version);
                n++;
            } else {
                assertThat(s.version()).isEqualTo(DemoKServe.STABLE);
            }
        }
        return n;
    }

    @Test
    void shiftPromoteAndRollbackThroughTheWebhookClient(@TempDir Path dir) throws Exception {
        try (DemoKServe k = DemoKServe.start(WineModel.load(), CLOCK)) {
            WebhookRollout client = new WebhookRollout(new WebhookSettings(k.url(), Optional.empty(),
                    Duration.ofSeconds(5)));
            String spec = client.currentSpec("wine");
            assertThat(spec).contains("wine.csv");
            RolloutPlan plan = new RolloutPlan("wine-ep1", "wine", candidate(dir), "wine-ep1", spec);

            client.shift(plan, 10);
            client.shift(plan, 10); // a retry with the same idempotency key: the same state
            assertThat(client.progress(plan).phase()).isEqualTo(RolloutProgress.Phase.READY);
            assertThat(canaryShare(k, "wine-ep1")).isEqualTo(100);
            client.shift(plan, 50);
            assertThat(canaryShare(k, "wine-ep1")).isEqualTo(500);

            client.rollback(plan, "guardrail");
            assertThat(canaryShare(k, "wine-ep1")).isZero();
            assertThat(k.promoted()).isFalse();

            client.shift(plan, 10);
            client.promote(plan);
            assertThat(canaryShare(k, "wine-ep1")).isZero();
            assertThat(k.promoted()).isTrue();
            assertThat(client.currentSpec("wine")).isEqualTo(plan.candidateArtifact());
            assertThat(k.steps()).extracting(DemoKServe.Step::action, DemoKServe.Step::percent).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("shift", 10), org.assertj.core.groups.Tuple.tuple("shift", 10),
                    org.assertj.core.groups.Tuple.tuple("shift", 50),
                    org.assertj.core.groups.Tuple.tuple("rollback", 0),
                    org.assertj.core.groups.Tuple.tuple("shift", 10),
                    org.assertj.core.groups.Tuple.tuple("promote", 100));
        }
    }

    @Test
    void anArtifactItCannotServeFailsTheStepWithTheReason(@TempDir Path dir) throws Exception {
        try (DemoKServe k = DemoKServe.start(WineModel.load(), CLOCK)) {
            WebhookRollout client = new WebhookRollout(new WebhookSettings(k.url(), Optional.empty(),
                    Duration.ofSeconds(5)));
            RolloutPlan plan = new RolloutPlan("wine-ep2", "wine", "s3://bucket/model.tar.gz", "wine-ep2", "x");
            assertThatThrownBy(() -> client.shift(plan, 10)).hasMessageContaining("file:// artifacts");
            assertThat(canaryShare(k, "wine-ep2")).isZero();
        }
    }
}
