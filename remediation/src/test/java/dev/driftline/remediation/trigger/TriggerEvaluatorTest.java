package dev.driftline.remediation.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.remediation.Alerts;
import dev.driftline.remediation.policy.TriggerPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TriggerEvaluatorTest {
    private static final long T0 = 1_764_669_600_000L;
    private static final long W = Alerts.WINDOW;
    private final TriggerPolicy p = TriggerPolicy.DEFAULT;

    private static TriggerEvaluator.Verdict evaluate(TriggerState s, TriggerPolicy p, long now) {
        return TriggerEvaluator.evaluate(s, p, now, false, false, false);
    }

    @Test
    void oneDriftingFeatureIsNotEnoughTwoAreOnceSustained() {
        TriggerState s = new TriggerState();
        TriggerEvaluator.onAlert(s, Alerts.open("m", "data_drift", "age", T0, false), p);
        assertThat(evaluate(s, p, T0).start()).isFalse();
        TriggerEvaluator.onAlert(s, Alerts.open("m", "data_drift", "income", T0, false), p);
        TriggerEvaluator.Verdict v = evaluate(s, p, T0);
        assertThat(v.start()).isFalse();
        assertThat(v.reason()).contains("on 2 features [age, income] for 1 window(s), needs 2");
        TriggerEvaluator.onWindow(s, T0 + W, p);
        assertThat(evaluate(s, p, T0 + W).start()).isTrue();
    }

    @Test
    void datasetDriftOrModelQualityAloneTriggers() {
        TriggerPolicy once = new TriggerPolicy(true, 2, true, 1, Duration.ofHours(24), 2);
        TriggerState a = new TriggerState();
        TriggerEvaluator.onAlert(a, Alerts.open("m", "data_drift", "age", T0, true), once);
        assertThat(evaluate(a, once, T0).reason()).contains("dataset drift");
        assertThat(evaluate(a, once, T0).start()).isTrue();
        TriggerState b = new TriggerState();
        TriggerEvaluator.onAlert(b, Alerts.quality("m", T0), once);
        assertThat(evaluate(b, once, T0).reason()).startsWith("model_quality alert open");
        TriggerState c = new TriggerState();
        TriggerEvaluator.onAlert(c, Alerts.open("m", "prediction_drift", "score", T0, false), once);
        assertThat(evaluate(c, once, T0).start()).isFalse();
    }

    @Test
    void duplicatesAndRepeatedWindowsCountOnce() {
        TriggerState s = new TriggerState();
        for (int i = 0; i < 50; i++) {
            TriggerEvaluator.onAlert(s, Alerts.open("m", "data_drift", "age", T0, false), p);
            TriggerEvaluator.onAlert(s, Alerts.open("m", "data_drift", "income", T0, false), p);
            TriggerEvaluator.onWindow(s, T0, p);
        }
        assertThat(s.openAlerts).hasSize(2);
        assertThat(s.windowsSeen).isEqualTo(1);
    }

    @Test
    void aResolvedAlertBreaksTheSustainedCount() {
        TriggerState s = new TriggerState();
        var age = Alerts.open("m", "data_drift", "age", T0, false);
        TriggerEvaluator.onAlert(s, age, p);
        TriggerEvaluator.onAlert(s, Alerts.open("m", "data_drift", "income", T0, false), p);
        TriggerEvaluator.onAlert(s, Alerts.resolved(age, T0 + W), p);
        TriggerEvaluator.onWindow(s, T0 + 2 * W, p);
        assertThat(s.windowsSeen).isZero();
        assertThat(evaluate(s, p, T0 + 2 * W).start()).isFalse();
    }

    @Test
    void cooldownDailyCapRunningEpisodeAndPauseBlock() {
        TriggerPolicy once = new TriggerPolicy(true, 2, true, 1, Duration.ofHours(24), 2);
        TriggerState s = new TriggerState();
        TriggerEvaluator.onAlert(s, Alerts.quality("m", T0), once);
        long now = T0;
        assertThat(TriggerEvaluator.evaluate(s, once, now, true, false, false).reason()).contains("an episode is running");
        assertThat(TriggerEvaluator.evaluate(s, once, now, false, true, false).reason()).contains("paused for all models");
        assertThat(TriggerEvaluator.evaluate(s, once, now, false, false, true).reason()).contains("paused for this model");
        s.paused = true;
        assertThat(evaluate(s, once, now).start()).isFalse();
        s.paused = false;
        assertThat(evaluate(s, once, now).start()).isTrue();
        TriggerEvaluator.started(s, now);
        TriggerEvaluator.ended(s, now + 60_000);
        TriggerEvaluator.onWindow(s, T0 + W, once);
        assertThat(evaluate(s, once, now + 3_600_000).reason()).contains("in cooldown until");
        // cooldown 1 h: a second episode the same day, then the cap of 2 per 24 h
        TriggerPolicy shortCooldown = new TriggerPolicy(true, 2, true, 1, Duration.ofHours(1), 2);
        assertThat(evaluate(s, shortCooldown, now + 2 * 3_600_000).start()).isTrue();
        TriggerEvaluator.started(s, now + 2 * 3_600_000);
        TriggerEvaluator.ended(s, now + 3 * 3_600_000);
        TriggerEvaluator.onWindow(s, T0 + 2 * W, once);
        TriggerEvaluator.Verdict capped = evaluate(s, shortCooldown, now + 5 * 3_600_000);
        assertThat(capped.start()).isFalse();
        assertThat(capped.reason()).contains("2 episode(s) in the last 24 h (max 2)");
        // a day after the first, one slot is free again
        assertThat(evaluate(s, shortCooldown, now + 24 * 3_600_000 + 1).start()).isTrue();
    }

    @Test
    void stateSurvivesItsCodec() {
        TriggerState s = new TriggerState();
        TriggerEvaluator.onAlert(s, Alerts.open("m", "data_drift", "age", T0, true), p);
        TriggerEvaluator.started(s, T0);
        TriggerEvaluator.onWindow(s, T0 + W, p);
        s.paused = true;
        s.lastEpisodeEnd = T0 + 5;
        TriggerState back = TriggerStateCodec.INSTANCE.decode(TriggerStateCodec.INSTANCE.encode(s));
        assertThat(back.openAlerts).isEqualTo(s.openAlerts);
        assertThat(back.episodeStarts).isEqualTo(s.episodeStarts);
        assertThat(back.windowsSeen).isEqualTo(s.windowsSeen);
        assertThat(back.conditionSince).isEqualTo(s.conditionSince);
        assertThat(back.paused).isTrue();
        assertThat(back.lastEpisodeEnd).isEqualTo(T0 + 5);
    }
}
