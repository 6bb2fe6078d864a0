package dev.driftline.streams.evaluate;

import dev.driftline.drift.dataquality.MonitoringConfig;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Data-quality settings the operator sets for every model, over what each baseline's {@code monitoring_config} says
 * (empty: the baseline's own). Lets a deployment switch to SageMaker's strict categorical rule, or another unseen
 * floor, without rebuilding its baselines.
 *
 * @param categoricalValues how values outside a categorical domain are judged ({@code streams.data-quality.categorical-values})
 * @param unseenFloor       the unseen share never reported ({@code streams.data-quality.unseen-floor})
 */
public record DataQualityOverrides(Optional<MonitoringConfig.CategoricalValues> categoricalValues,
                                   OptionalDouble unseenFloor) {
    public DataQualityOverrides {
        Objects.requireNonNull(categoricalValues, "categoricalValues");
        Objects.requireNonNull(unseenFloor, "unseenFloor");
    }

    /** Every baseline's own settings. */
    public static DataQualityOverrides none() {
        return new DataQualityOverrides(Optional.empty(), OptionalDouble.empty());
    }

    /** {@code baseline}'s settings with these overrides applied. */
    public MonitoringConfig apply(MonitoringConfig baseline) {
        MonitoringConfig out = baseline;
        if (categoricalValues.isPresent()) {
            out = out.withCategoricalValues(categoricalValues.get());
        }
        if (unseenFloor.isPresent()) {
            out = out.withUnseenFloor(unseenFloor.getAsDouble());
        }
        return out;
    }
}
