package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.dataquality.MonitoringConfig;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The data-quality check settings a baseline carries (its {@code monitoring_config}), shared by the commands that
 * write baselines; unset options keep what the baseline has.
 */
public final class DataQualityOptions {
    @Option(names = "--categorical-values", paramLabel = "MODE",
            description = "How values outside a categorical column's training domain are judged: expected-unseen "
                    + "(default: only a share above --unseen-floor and significantly above what the training sample "
                    + "leaves unseen) or strict (SageMaker's rule: any share outside the domain beyond "
                    + "domain_content_threshold).")
    String categoricalValues;

    @Option(names = "--unseen-floor", paramLabel = "SHARE",
            description = "expected-unseen mode: unseen shares at or below this are never reported (default 0.001 = "
                    + "0.1 %%).")
    Double unseenFloor;

    /** {@code b} with these settings applied; exit 2 naming the option on a bad value. */
    Baseline apply(Baseline b) {
        MonitoringConfig mc = b.monitoringConfig();
        try {
            if (categoricalValues != null) {
                mc = mc.withCategoricalValues(MonitoringConfig.CategoricalValues.of(categoricalValues));
            }
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--categorical-values: " + e.getMessage());
        }
        try {
            if (unseenFloor != null) {
                mc = mc.withUnseenFloor(unseenFloor);
            }
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--unseen-floor: " + e.getMessage());
        }
        return b.withMonitoringConfig(mc);
    }

    /** The lines saying what a written baseline's model quality is, for the console (none without it). */
    static void printModelQuality(Baseline b) {
        b.modelQuality().ifPresent(q -> {
            StringBuilder figures = new StringBuilder();
            for (Map.Entry<String, Number> e : q.figures().metrics().entrySet()) {
                if (!(e.getValue() instanceof Long)) {
                    figures.append(String.format(Locale.ROOT, " %s %.4g", e.getKey(), e.getValue().doubleValue()));
                }
            }
            System.out.printf(Locale.ROOT, "  model quality on this data (%s, %d labelled rows):%s%n", q.type().id(),
                    q.labelledRows(), figures);
            System.out.printf(Locale.ROOT, "  windows are degraded by default when %s is %s %.4g%n",
                    q.type().primaryMetric(), q.type().higherIsBetter() ? "below" : "above",
                    dev.driftline.drift.baseline.sagemaker.SageMakerModelQuality.exportedLimit(q));
        });
    }
}
