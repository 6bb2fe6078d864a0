package dev.driftline.remediation.trigger;

import dev.driftline.contracts.alerts.Alert;
import dev.driftline.remediation.policy.TriggerPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The trigger of one model, as pure logic over its {@link TriggerState}: which open alerts make the condition
 * hold, for how many windows, and whether an episode may start now (no episode running, not paused, cooldown over,
 * daily cap not reached). Duplicate alerts and storms change nothing: alerts are kept by id and windows are counted
 * by start.
 */
public final class TriggerEvaluator {
    static final Duration DAY = Duration.ofHours(24);
    private static final String DATA_DRIFT = "data_drift";
    private static final String MODEL_QUALITY = "model_quality";

    /** Whether an episode may start, and the reason either way (in words, for logs and the episode). */
    public record Verdict(boolean start, String reason) {
    }

    private TriggerEvaluator() {
    }

    /** Records an alert opening or resolving, and counts its window. */
    public static void onAlert(TriggerState s, Alert a, TriggerPolicy p) {
        if (a.open()) {
            s.openAlerts.put(a.alertId(), new TriggerState.OpenAlert(a.kind(), a.feature(),
                    a.details().path("dataset_drift").asBoolean(false), a.windowStart()));
        } else {
            s.openAlerts.remove(a.alertId());
        }
        onWindow(s, a.windowStart(), p);
    }

    /** Counts one evaluated window of the model (a drift report or a model-quality window). */
    public static void onWindow(TriggerState s, long windowStart, TriggerPolicy p) {
        if (condition(s, p).isEmpty()) {
            s.conditionSince = -1;
            s.windowsSeen = 0;
            s.lastCountedWindow = -1;
            return;
        }
        if (!s.conditionCounting()) {
            s.conditionSince = windowStart;
            s.windowsSeen = 1;
            s.lastCountedWindow = windowStart;
        } else if (windowStart > s.lastCountedWindow) {
            s.windowsSeen++;
            s.lastCountedWindow = windowStart;
        }
    }

    /** The condition in words when it holds now, from the open alerts alone. */
    public static Optional<String> condition(TriggerState s, TriggerPolicy p) {
        if (p.modelQuality() && s.openAlerts.values().stream().anyMatch(a -> MODEL_QUALITY.equals(a.kind()))) {
            return Optional.of("model_quality alert open");
        }
        List<TriggerState.OpenAlert> drift = s.openAlerts.values().stream()
                .filter(a -> DATA_DRIFT.equals(a.kind())).toList();
        if (p.datasetDrift() && drift.stream().anyMatch(TriggerState.OpenAlert::datasetDrift)) {
            return Optional.of("data_drift alert open with dataset drift");
        }
        TreeSet<String> features = new TreeSet<>();
        drift.forEach(a -> features.add(a.feature() == null ? "" : a.feature()));
        if (p.driftFeatures() > 0 && features.size() >= p.driftFeatures()) {
            return Optional.of("data_drift alerts open on " + features.size() + " features " + features);
        }
        return Optional.empty();
    }

    /**
     * Whether an episode may start at {@code now} (service clock).
     *
     * @param episodeRunning the model has a non-terminal episode
     * @param globallyPaused the kill switch or a global pause holds
     */
    public static Verdict evaluate(TriggerState s, TriggerPolicy p, long now, boolean episodeRunning,
                                   boolean globallyPaused, boolean modelPausedByPolicy) {
        Optional<String> condition = condition(s, p);
        if (condition.isEmpty()) {
            return new Verdict(false, "no trigger condition");
        }
        String what = condition.get() + " for " + s.windowsSeen + " window(s)";
        if (s.windowsSeen < p.sustainedWindows()) {
            return new Verdict(false, what + ", needs " + p.sustainedWindows());
        }
        if (episodeRunning) {
            return new Verdict(false, what + "; an episode is running");
        }
        if (globallyPaused) {
            return new Verdict(false, what + "; remediation is paused for all models");
        }
        if (s.paused || modelPausedByPolicy) {
            return new Verdict(false, what + "; remediation is paused for this model");
        }
        if (s.lastEpisodeEnd > 0 && now - s.lastEpisodeEnd < p.cooldown().toMillis()) {
            return new Verdict(false, what + "; in cooldown until "
                    + java.time.Instant.ofEpochMilli(s.lastEpisodeEnd + p.cooldown().toMillis()));
        }
        s.episodeStarts.removeIf(t -> now - t >= DAY.toMillis());
        if (s.episodeStarts.size() >= p.maxPerDay()) {
            return new Verdict(false, what + "; " + s.episodeStarts.size() + " episode(s) in the last 24 h (max "
                    + p.maxPerDay() + ")");
        }
        return new Verdict(true, what);
    }

    /** Records that an episode started now: counts toward the daily cap; the condition counts afresh. */
    public static void started(TriggerState s, long now) {
        s.episodeStarts.add(now);
        s.conditionSince = -1;
        s.windowsSeen = 0;
        s.lastCountedWindow = -1;
    }

    /** Records that the model's episode ended now: the cooldown starts. */
    public static void ended(TriggerState s, long now) {
        s.lastEpisodeEnd = now;
    }

    /** The alert ids of the open alerts (the episode keeps them). */
    public static List<String> openAlertIds(TriggerState s) {
        return List.copyOf(s.openAlerts.keySet());
    }
}
