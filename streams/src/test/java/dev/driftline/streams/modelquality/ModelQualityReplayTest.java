package dev.driftline.streams.modelquality;

import static dev.driftline.streams.modelquality.ModelQualityCounters.LABELS_EXPIRED;
import static dev.driftline.streams.modelquality.ModelQualityCounters.PAIRS_TOO_LATE;
import static dev.driftline.streams.modelquality.ModelQualityCounters.RECORDS_EXPIRED;
import static dev.driftline.streams.modelquality.ModelQualityHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.streams.support.StoreKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replayed history and late labels (issue 11): inferences replayed with their original event times weeks before
 * their labels arrive, labels before their rows, bulks of labels days later, windows retired per model, and a join
 * store left by the version before.
 */
class ModelQualityReplayTest {
    private static final Instant REPLAYED = T0.minus(Duration.ofDays(21)); // a 5-minute boundary
    private ModelQualityHarness h = new ModelQualityHarness(ModelQualityConfig.defaults());

    @AfterEach
    void tearDown() {
        h.close();
    }

    /** 30 rows in each of two windows three weeks back; predictions 0.9 except every third, 0.2. */
    private void replayRows() {
        for (int i = 0; i < 60; i++) {
            h.inference("r" + i, "churn", REPLAYED.plusSeconds(10L * i), i % 3 == 0 ? "0.2" : "0.9");
        }
    }

    /** The labels of the replayed rows, all 1, arriving from {@code arrival} on, one a second. */
    private void labelRows(int from, int to, Instant arrival) {
        for (int i = from; i < to; i++) {
            h.label("r" + i, 0, "churn", "1", arrival.plusSeconds(i));
        }
    }

    private static Map<Instant, JsonNode> byWindow(List<TestRecord<String, JsonNode>> out) {
        Map<Instant, JsonNode> m = new TreeMap<>();
        for (TestRecord<String, JsonNode> r : out) {
            Instant start = Instant.parse(r.value().get("window_start").asText());
            assertThat(r.getRecordTime()).isEqualTo(start);
            m.put(start, r.value());
        }
        return m;
    }

    private void assertBothReplayedWindows(List<TestRecord<String, JsonNode>> out) {
        Map<Instant, JsonNode> w = byWindow(out);
        assertThat(w).containsOnlyKeys(REPLAYED, REPLAYED.plusSeconds(300));
        for (JsonNode q : w.values()) {
            assertThat(q.get("version").asInt()).isEqualTo(1);
            assertThat(q.get("labelled_rows").asLong()).isEqualTo(30);
            assertThat(q.get("value").asDouble()).isEqualTo(20 / 30.0); // the 0.2 ones miss
            assertThat(q.get("status").asText()).isEqualTo("degraded");
        }
        assertThat(h.counters.snapshot()).isEmpty(); // nothing expired, nothing too late
    }

    @Test
    void rowsReplayedThreeWeeksBeforeTheirLabelsArriveJoinInTheirWindows() {
        replayRows();
        assertThat(h.tick()).isEmpty();
        labelRows(0, 60, T0);
        assertBothReplayedWindows(h.tick());
    }

    @Test
    void labelsArrivingBeforeTheirRowsReplayedFromThreeWeeksEarlierWaitForThem() {
        labelRows(0, 60, T0);
        assertThat(h.tick()).isEmpty();
        replayRows();
        assertBothReplayedWindows(h.tick());
    }

    @Test
    void aBulkOfLabelsDaysLaterGivesTheWeeksOldWindowItsNextVersion() {
        replayRows();
        labelRows(0, 45, T0);
        Map<Instant, JsonNode> w = byWindow(h.tick());
        assertThat(w.get(REPLAYED).get("labelled_rows").asLong()).isEqualTo(30);
        assertThat(w.get(REPLAYED.plusSeconds(300)).get("labelled_rows").asLong()).isEqualTo(15);
        labelRows(45, 60, T0.plus(Duration.ofDays(6))); // the rest in bulk, six days later
        labelRows(0, 1, T0.plus(Duration.ofDays(6))); // a second label of r0: it has no row left, so it waits
        w = byWindow(h.tick());
        assertThat(w).containsOnlyKeys(REPLAYED.plusSeconds(300)); // the first window got nothing new
        assertThat(w.get(REPLAYED.plusSeconds(300)).get("version").asInt()).isEqualTo(2);
        assertThat(w.get(REPLAYED.plusSeconds(300)).get("labelled_rows").asLong()).isEqualTo(30);
        // days later still: the model has not moved on in event time, so its windows still take labels
        h.inference("late", "churn", REPLAYED.plusSeconds(5), "0.9");
        h.label("late", 0, "churn", "1", T0.plus(Duration.ofDays(9)));
        JsonNode q = byWindow(h.tick()).get(REPLAYED);
        assertThat(q.get("version").asInt()).isEqualTo(2);
        assertThat(q.get("labelled_rows").asLong()).isEqualTo(31);
        assertThat(h.counters.get("churn", LABELS_EXPIRED)).isZero();
        h.label("other", 0, "churn", "1", T0.plus(Duration.ofDays(14))); // the label clock: r0's 2nd label expires
        assertThat(h.counters.get("churn", LABELS_EXPIRED)).isEqualTo(1);
        assertThat(h.counters.get(RECORDS_EXPIRED)).isZero();
    }

    @Test
    void aModelsWindowsRetireOnItsOwnEventTimeAndLaterPairsAreTooLate() {
        h.close();
        h = new ModelQualityHarness(ModelQualityConfig.defaults().withTtl(Duration.ofHours(1)));
        h.label("old", 0, "churn", "1", T0); // waits for its row
        h.inference("c1", "churn", T0, "0.9");
        h.label("c1", 0, "churn", "1", T0);
        h.inference("i1", "iris", T0, "\"setosa\"");
        h.label("i1", 0, "iris", "\"setosa\"", T0);
        assertThat(h.tick()).hasSize(2);
        // churn's labelled traffic moves 3 days on: its window at T0 retires (end + 1h + 1d behind)
        h.inference("c2", "churn", T0.plus(Duration.ofDays(3)), "0.9");
        h.label("c2", 0, "churn", "1", T0.plus(Duration.ofMinutes(1)));
        assertThat(h.tick()).extracting(TestRecord::key).containsExactly("churn");
        h.inference("old", "churn", T0, "0.9"); // joins its waiting label, but its window was retired
        h.inference("i2", "iris", T0, "\"setosa\""); // iris did not move on: its window takes the pair
        h.label("i2", 0, "iris", "\"versicolor\"", T0.plus(Duration.ofMinutes(1)));
        List<TestRecord<String, JsonNode>> out = h.tick();
        assertThat(out).extracting(TestRecord::key).containsExactly("iris"); // no new churn version 1 at T0
        assertThat(out.get(0).value().get("version").asInt()).isEqualTo(2);
        assertThat(out.get(0).value().get("labelled_rows").asLong()).isEqualTo(2);
        assertThat(h.counters.get("churn", PAIRS_TOO_LATE)).isEqualTo(1);
        assertThat(h.counters.get("iris", PAIRS_TOO_LATE)).isZero();
    }

    @Test
    void aJoinStoreLeftByTheVersionBeforeKeepsJoiningAndExpiresOnTheNewClocks() {
        h.close();
        h = new ModelQualityHarness(ModelQualityConfig.defaults().withTtl(Duration.ofHours(1)));
        // as the version two before wrote them: entries per row, and one index X|expiresAt|id|row for both sides
        KeyValueStore<String, byte[]> store = h.joinStore();
        long expires = T0.plus(Duration.ofHours(1)).toEpochMilli();
        legacyEntry(store, "old-1", 0, new JoinEntry(true, expires, "churn", "", T0.toEpochMilli(), 0.9), "X|");
        legacyEntry(store, "old-2", 0, new JoinEntry(true, expires, "churn", "", T0.toEpochMilli(), 0.9), "X|");
        legacyEntry(store, "old-3", 0, new JoinEntry(false, expires, "churn", "", 0, 1L), "X|");
        h.label("old-1", 0, "churn", "1", T0.plusSeconds(60)); // meets its row
        JsonNode q = byWindow(h.tick()).get(T0);
        assertThat(q.get("labelled_rows").asLong()).isEqualTo(1);
        assertThat(keys(store, "E|")).isEmpty(); // the entries moved into one group per inference
        assertThat(keys(store, "G|")).containsExactly("G|old-2|0", "G|old-3|0");
        h.inference("next", "churn", T0.plusSeconds(1), "0.9"); // the old index is swept by the next input
        assertThat(keys(store, "X")).isEmpty();
        assertThat(keys(store, "YR|")).hasSize(2); // old-2's row and next's
        assertThat(keys(store, "YL|")).hasSize(1);
        h.inference("new", "churn", T0.plus(Duration.ofHours(2)), "0.9"); // churn's event time passes old-2's
        assertThat(h.counters.get("churn", RECORDS_EXPIRED)).isEqualTo(2); // old-2 and next
        h.label("x", 0, "churn", "1", T0.plus(Duration.ofHours(2))); // label time passes old-3's
        assertThat(h.counters.get("churn", LABELS_EXPIRED)).isEqualTo(1);
        assertThat(keys(store, "G|old")).isEmpty();
    }

    @Test
    void theRowsOfTheVersionJustBeforeJoinFromTheirGroup() {
        // the version before: an entry per row of a 4-row inference with its XR| index, and a waiting label (XL|)
        KeyValueStore<String, byte[]> store = h.joinStore();
        long expires = T0.plus(Duration.ofDays(7)).toEpochMilli();
        for (int row = 0; row < 4; row++) {
            legacyEntry(store, "batch", row, new JoinEntry(true, expires, "churn", "v7", T0.toEpochMilli(),
                    row % 2 == 0 ? 0.9 : 0.2), "XR|5:churn|");
        }
        legacyEntry(store, "early", 1, new JoinEntry(false, expires, "churn", "", 0, 1L), "XL|");
        h.label("batch", 2, "churn", "1", T0.plusSeconds(60)); // its own inference is moved first, then the rest
        h.inference("early", "churn", T0.plusSeconds(5), "0.9", "0.9"); // row 1 meets the waiting label
        JsonNode q = byWindow(h.tick()).get(T0);
        assertThat(q.get("labelled_rows").asLong()).isEqualTo(2);
        assertThat(keys(store, "E|")).isEmpty();
        assertThat(keys(store, "X")).isEmpty();
        assertThat(keys(store, "G|")).containsExactly("G|batch|0", "G|early|0");
        assertThat(keys(store, "YR|")).hasSize(2); // batch's rows 0, 1, 3 together; early's row 0
        assertThat(keys(store, "YL|")).isEmpty();
        for (int row : new int[] {0, 1, 3}) {
            h.label("batch", row, "churn", "1", T0.plusSeconds(70 + row));
        }
        h.label("early", 0, "churn", "1", T0.plusSeconds(80));
        q = byWindow(h.tick()).get(T0);
        assertThat(q.get("labelled_rows").asLong()).isEqualTo(6);
        assertThat(keys(store, "G|")).isEmpty();
        assertThat(keys(store, "Y")).isEmpty();
    }

    @Test
    void anInferencesRowsWaitAsOneEntryAndLeaveItAsTheirLabelsCome() {
        KeyValueStore<String, byte[]> store = h.joinStore();
        h.label("b", 3, "churn", "0", T0.plusSeconds(1)); // a label before its row
        h.inference("b", "churn", T0, "0.9", "0.2", "0.9", "0.2");
        assertThat(keys(store, "G|")).containsExactly("G|b|0");
        assertThat(keys(store, "YR|")).hasSize(1);
        assertThat(keys(store, "YL|")).isEmpty(); // row 3 met its label at once
        h.inference("b", "churn", T0, "0.9", "0.2", "0.9", "0.2"); // a repeat keeps the rows that wait
        for (int row = 0; row < 3; row++) {
            h.label("b", row, "churn", "1", T0.plusSeconds(10 + row));
        }
        h.label("b", 1, "churn", "1", T0.plusSeconds(20)); // a second label of a joined row waits, unmatched
        JsonNode q = byWindow(h.tick()).get(T0);
        assertThat(q.get("labelled_rows").asLong()).isEqualTo(4);
        assertThat(keys(store, "YR|")).isEmpty();
        assertThat(keys(store, "YL|")).hasSize(1);
        assertThat(keys(store, "G|")).containsExactly("G|b|0");
    }

    @Test
    void aLargeBatchWaitsInPartsOf64RowsSoALabelRewritesAtMost64() {
        KeyValueStore<String, byte[]> store = h.joinStore();
        String[] predictions = new String[130];
        java.util.Arrays.fill(predictions, "0.9");
        h.inference("big", "churn", T0, predictions);
        assertThat(keys(store, "G|")).containsExactly("G|big|0", "G|big|1", "G|big|2");
        assertThat(keys(store, "YR|")).hasSize(3);
        h.label("big", 129, "churn", "1", T0.plusSeconds(1)); // the last part's last row
        h.label("big", 128, "churn", "1", T0.plusSeconds(2)); // empties part 2
        h.label("big", 0, "churn", "1", T0.plusSeconds(3));
        assertThat(byWindow(h.tick()).get(T0).get("labelled_rows").asLong()).isEqualTo(3);
        assertThat(keys(store, "G|")).containsExactly("G|big|0", "G|big|1");
        assertThat(keys(store, "YR|")).hasSize(2);
        h.label("big", 500, "churn", "1", T0.plusSeconds(4)); // a row the batch does not have: waits in part 7
        assertThat(keys(store, "G|")).containsExactly("G|big|0", "G|big|1", "G|big|7");
    }

    private static void legacyEntry(KeyValueStore<String, byte[]> store, String id, int row, JoinEntry e,
                                    String indexPrefix) {
        store.put("E|" + id + "|" + row, JoinEntryCodec.toBytes(e));
        store.put(indexPrefix + StoreKeys.padded(e.expiresAt()) + "|" + id + "|" + row, new byte[0]);
    }

    private static List<String> keys(KeyValueStore<String, byte[]> store, String prefix) {
        List<String> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (kv.key.startsWith(prefix)) {
                    out.add(kv.key);
                }
            }
        }
        return out;
    }
}
