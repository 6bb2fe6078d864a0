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
}
