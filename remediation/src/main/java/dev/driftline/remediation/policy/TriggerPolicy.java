package dev.driftline.remediation.policy;

import java.time.Duration;
import java.util.Set;

/**
 * When an episode starts, per model (policy keys under {@code trigger}).
 *
 * @param modelQuality      an open {@code model_quality} alert triggers ({@code model-quality}, default true)
 * @param driftFeatures     open {@code data_drift} alerts on at least this many features trigger
 *                          ({@code drift-features}, default 2; 0 = never)
 * @param datasetDrift      an open {@code data_drift} alert whose window had dataset drift triggers
 *                          ({@code dataset-drift}, default true)
 * @param sustainedWindows  the condition must hold in this many windows of the model (drift reports or
 *                          model-quality windows, counted by window start) before the episode starts
 *                          ({@code sustained-windows}, default 2)
 * @param cooldown          no new episode this long after the last one ended ({@code cooldown}, default 24h)
 * @param maxPerDay         at most this many episodes per model in any 24 h ({@code max-per-day}, default 2)
 */
public record TriggerPolicy(boolean modelQuality, int driftFeatures, boolean datasetDrift, int sustainedWindows,
                            Duration cooldown, int maxPerDay) {
    static final Set<String> KEYS = Set.of("model-quality", "drift-features", "dataset-drift", "sustained-windows",
            "cooldown", "max-per-day");

    public static final TriggerPolicy DEFAULT = new TriggerPolicy(true, 2, true, 2, Duration.ofHours(24), 2);

    static TriggerPolicy from(PolicySection s) {
        s.onlyKeys(KEYS);
        TriggerPolicy p = new TriggerPolicy(s.bool("model-quality", DEFAULT.modelQuality),
                s.integer("drift-features", DEFAULT.driftFeatures), s.bool("dataset-drift", DEFAULT.datasetDrift),
                s.integer("sustained-windows", DEFAULT.sustainedWindows), s.duration("cooldown", DEFAULT.cooldown),
                s.integer("max-per-day", DEFAULT.maxPerDay));
        if (p.driftFeatures < 0) {
            throw s.error("drift-features", "must be 0 (never) or more");
        }
        if (p.sustainedWindows < 1) {
            throw s.error("sustained-windows", "must be at least 1");
        }
        if (p.maxPerDay < 1) {
            throw s.error("max-per-day", "must be at least 1 (pause the model to stop episodes)");
        }
        return p;
    }
}
