package dev.driftline.remediation.world;

import dev.driftline.drift.baseline.Baseline;
import java.util.Optional;

/**
 * Builds the promoted model's new baseline from its training data, with the columns, label and prediction of the
 * baseline it replaces, so the drift alerts compare with what the new model was trained on.
 */
public interface BaselineSource {
    /**
     * @param dataLocation the episode's training data ({@code s3://…} prefix or {@code file://…})
     * @param current      the model's baseline before the promotion, when there is one
     */
    Baseline build(String model, String dataLocation, Optional<Baseline> current);
}
