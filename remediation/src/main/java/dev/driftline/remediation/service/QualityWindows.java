package dev.driftline.remediation.service;

import dev.driftline.contracts.modelquality.ModelQualityWindow;

/**
 * Which version a model-quality window is about: "" for the model's all-versions window; a version name for the
 * per-version windows the pipeline emits while two or more versions serve (the canary guardrail's evidence).
 */
final class QualityWindows {
    private QualityWindows() {
    }

    static String version(ModelQualityWindow w) {
        return w.modelVersion();
    }

    /** A per-version window as the guardrail reads it. */
    static dev.driftline.remediation.episode.VersionWindow of(ModelQualityWindow w) {
        return new dev.driftline.remediation.episode.VersionWindow(w.modelVersion(), w.windowStart(), w.windowEnd(),
                w.metric(), w.value(), w.labelledRows(), w.status());
    }

    /** Feeds a model-quality window to the engine: the model's own window counts for the trigger, a version's is canary evidence. */
    static void feed(ModelQualityWindow w, dev.driftline.remediation.engine.RemediationEngine engine,
                     dev.driftline.remediation.engine.EngineState state, dev.driftline.remediation.engine.Outbox out) {
        if (version(w).isEmpty()) {
            engine.onWindow(w.model(), w.windowStart(), state, out);
        } else {
            engine.onCanaryWindow(w.model(), of(w), state);
        }
    }
}
