package dev.driftline.streams.modelquality;

import static dev.driftline.streams.modelquality.ModelQualityCounters.LABELS_EXPIRED;
import static dev.driftline.streams.modelquality.ModelQualityCounters.LABELS_UNREADABLE;
import static dev.driftline.streams.modelquality.ModelQualityCounters.NO_MODEL;
import static dev.driftline.streams.modelquality.ModelQualityCounters.RECORDS_EXPIRED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.streams.modelquality.ModelQualityCounters.Drop;
import dev.driftline.streams.modelquality.ModelQualityCounters.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counts per model and reason, the series announced to the meters, and the once-a-minute report. */
class ModelQualityCountersTest {
    private static final long MINUTE = 60_000;
    private final ModelQualityCounters c = new ModelQualityCounters();

    @Test
    void countsPerModelAndReasonAndPerReason() {
        c.add("iris", LABELS_EXPIRED, 120, "id|row a|0");
        c.add("churn", LABELS_EXPIRED, 3, "id|row b|0");
        c.add("iris", RECORDS_EXPIRED, 0, null); // not positive: nothing
        c.add(LABELS_UNREADABLE, 2);
        assertThat(c.get("iris", LABELS_EXPIRED)).isEqualTo(120);
        assertThat(c.get(LABELS_EXPIRED)).isEqualTo(123);
        assertThat(c.get(NO_MODEL, LABELS_UNREADABLE)).isEqualTo(2);
        assertThat(c.snapshotByModel()).containsExactly(Map.entry(new Series("", LABELS_UNREADABLE), 2L),
                Map.entry(new Series("churn", LABELS_EXPIRED), 3L), Map.entry(new Series("iris", LABELS_EXPIRED), 120L));
    }

    @Test
    void everySeriesIsAnnouncedOnceToAListenerWhetherItCameBeforeOrAfter() {
        c.add("iris", LABELS_EXPIRED, 1, null);
        List<String> seen = new ArrayList<>();
        c.onNewSeries((model, reason) -> seen.add(model + "/" + reason));
        c.add("iris", LABELS_EXPIRED, 1, null);
        c.add("churn", RECORDS_EXPIRED, 5, null);
        c.add("churn", RECORDS_EXPIRED, 5, null);
        assertThat(seen).containsExactly("iris/labels_expired", "churn/records_expired");
    }

    @Test
    void theReportSumsPerSeriesWithTheFirstExampleAtMostOnceAMinute() {
        assertThat(c.takeReport(0)).isEmpty(); // nothing to say
        c.add("iris", LABELS_EXPIRED, 100, "id|row a|0");
        c.add("iris", LABELS_EXPIRED, 20, "id|row b|0");
        assertThat(c.takeReport(5_000)).containsExactly(new Drop("iris", LABELS_EXPIRED, 120, "id|row a|0"));
        c.add("iris", LABELS_EXPIRED, 7, "id|row c|0");
        assertThat(c.takeReport(5_000 + MINUTE - 1)).isEmpty(); // within the minute: kept for later
        c.add("churn", RECORDS_EXPIRED, 1, null);
        assertThat(c.takeReport(5_000 + MINUTE)).containsExactly(new Drop("churn", RECORDS_EXPIRED, 1, null),
                new Drop("iris", LABELS_EXPIRED, 7, "id|row c|0"));
        assertThat(c.takeReport(5_000 + 5 * MINUTE)).isEmpty(); // it stopped: no line
        assertThat(c.get("iris", LABELS_EXPIRED)).isEqualTo(127); // the report does not reset the counts
    }
}
