package dev.driftline.streams.modelquality;

import dev.driftline.streams.modelquality.ModelQualityCounters.Drop;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log lines of the model-quality stage's drops ({@link ModelQualityCounters#takeReport}): one line per model and
 * reason per report (at most once a minute), naming the model, the count and one example, so a bulk of unmatched
 * labels is visible without a line per label. Labels and pairs that are lost are warnings; rows that got no label
 * are normal (not every inference is labelled) and only informational.
 */
final class DropReport {
    private static final Logger LOG = LoggerFactory.getLogger(DropReport.class);

    private DropReport() {
    }

    /** Logs {@code drops} (the stage's horizon is {@code horizon}). */
    static void log(List<Drop> drops, Duration horizon) {
        for (Drop d : drops) {
            if (isWarning(d.reason())) {
                LOG.warn(line(d, horizon));
            } else {
                LOG.info(line(d, horizon));
            }
        }
    }

    static boolean isWarning(String reason) {
        return !reason.equals(ModelQualityCounters.RECORDS_EXPIRED)
                && !reason.equals(ModelQualityCounters.RECORDS_WITHOUT_PREDICTION);
    }

    /**
     * E.g. {@code model iris: 120 labels found no inference row within 7d of their arrival (…) in the last minute;
     * e.g. id|row 42|0}.
     */
    static String line(Drop d, Duration horizon) {
        String h = human(horizon);
        String what = switch (d.reason()) {
            case ModelQualityCounters.RECORDS_EXPIRED -> "inference rows got no label within " + h
                    + " (horizon in inference event time: the model's rows reached event times " + h + " later)";
            case ModelQualityCounters.LABELS_EXPIRED -> "labels found no inference row within " + h
                    + " of their arrival (wrong id or row, or their row never came or had already expired)";
            case ModelQualityCounters.LABELS_UNREADABLE -> "labels could not be read (not JSON, no label, or not a "
                    + "scalar)";
            case ModelQualityCounters.RECORDS_WITHOUT_PREDICTION -> "inference rows had no scalar prediction to judge";
            case ModelQualityCounters.PAIRS_TOO_LATE -> "labelled rows came for windows already retired (end + " + h + " + "
                    + human(ModelQualityWindowProcessor.RETENTION_SLACK)
                    + " behind the model's newest labelled window) and were not counted";
            case ModelQualityCounters.PAIRS_OVER_CAP -> "labelled rows were over the per-window cap and not used";
            default -> d.reason();
        };
        String model = d.model().isEmpty() ? "no known model" : "model " + d.model();
        String example = d.example() == null ? "" : "; e.g. " + d.example();
        return model + ": " + d.count() + " " + what + " in the last minute" + example;
    }

    /** {@code 7d}, {@code 36h}, {@code 90m}, {@code 45s}: the largest whole unit, as the configuration writes it. */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
