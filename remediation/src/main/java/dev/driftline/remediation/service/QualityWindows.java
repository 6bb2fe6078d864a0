package dev.driftline.remediation.service;

import dev.driftline.contracts.modelquality.ModelQualityWindow;

/** Which version a model-quality window is about: "" for the model's all-versions window. */
final class QualityWindows {
    private QualityWindows() {
    }

    static String version(ModelQualityWindow w) {
        return "";
    }
}
