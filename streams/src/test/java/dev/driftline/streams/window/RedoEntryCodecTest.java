package dev.driftline.streams.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.contracts.window.PartialWindow;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedoEntryCodecTest {
    /** Version 1, one row, written by the code before RedoEntryCodec (WindowProfilerProcessor.encodeDelta). */
    static final String V1 = "01000000046972697300000000000493e000000006000000016e00000000016c01000000000000000700"
            + "00000164024004000000000000000000016203010000000173040000000642657267656e000000016f05";

    static Map<String, Object> row() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("n", null);
        v.put("l", 7L);
        v.put("d", 2.5);
        v.put("b", true);
        v.put("s", "Bergen");
        v.put("o", PartialWindow.OTHER);
        return v;
    }

    @Test
    void roundTripsABatchKeepingTypesOrderNullsAndAbsentColumns() {
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("l", 8L);
        second.put("extra", "x"); // a column the first row lacks; the second lacks most of the first's
        RedoEntry batch = new RedoEntry("iris", 300_000L, List.of(row(), second));
        RedoEntry r = RedoEntryCodec.fromBytes(RedoEntryCodec.toBytes(batch));
        assertThat(r).isEqualTo(batch);
        assertThat(r.rows().get(0).keySet()).containsExactly("n", "l", "d", "b", "s", "o");
        assertThat(r.rows().get(0)).containsEntry("n", null);
        assertThat(r.rows().get(0).get("l")).isInstanceOf(Long.class);
        assertThat(r.rows().get(0).get("d")).isInstanceOf(Double.class);
        assertThat(r.rows().get(0).get("o")).isSameAs(PartialWindow.OTHER);
        assertThat(r.rows().get(1).keySet()).containsExactly("l", "extra"); // absent stays absent, not null
    }

    @Test
    void readsVersionOneEntriesOfTheCodeBeforeBatching() {
        RedoEntry old = RedoEntryCodec.fromBytes(HexFormat.of().parseHex(V1));
        assertThat(old).isEqualTo(RedoEntry.of("iris", 300_000L, row()));
        assertThat(RedoEntryCodec.toBytes(old)[0]).isEqualTo((byte) RedoEntryCodec.VERSION);
    }

    @Test
    void anUnknownVersionOrTagIsAClearError() {
        byte[] b = HexFormat.of().parseHex(V1);
        b[0] = 3;
        assertThatThrownBy(() -> RedoEntryCodec.fromBytes(b)).isInstanceOf(IllegalStateException.class)
                .hasMessage("window redo entry version 3 is not supported");
        byte[] t = HexFormat.of().parseHex(V1);
        t[t.length - 1] = 9; // the last value's tag
        assertThatThrownBy(() -> RedoEntryCodec.fromBytes(t)).isInstanceOf(IllegalStateException.class)
                .hasMessage("unknown value tag 9");
        byte[] v2 = RedoEntryCodec.toBytes(new RedoEntry("iris", 0L, List.of(Map.of("a", 1L))));
        v2[v2.length - 9] = 6; // an absent tag is fine in version 2 ...
        assertThat(RedoEntryCodec.fromBytes(java.util.Arrays.copyOf(v2, v2.length - 8)).rows().get(0)).isEmpty();
    }

    private static dev.driftline.drift.model.InferenceRecord record(int row, Map<String, Object> features,
                                                                   Map<String, Object> predictions) {
        return new dev.driftline.drift.model.InferenceRecord("iris", "", "id-" + row, row,
                java.time.Instant.EPOCH, features, predictions, null);
    }

    private static List<Map<String, Object>> columns(List<dev.driftline.drift.model.InferenceRecord> rows) {
        return rows.stream().map(r -> PartialWindow.columns(r.features(), r.predictions())).toList();
    }

    /** Each redo entry of {@code rows} as {@link RedoEntryCodec.Rows} writes them, read back. */
    private static List<RedoEntry> entries(List<dev.driftline.drift.model.InferenceRecord> rows) {
        RedoEntryCodec.Rows w = new RedoEntryCodec.Rows("iris", 300_000L);
        rows.forEach(w::add);
        return w.finish().stream().map(RedoEntryCodec::fromBytes).toList();
    }

    private static List<Map<String, Object>> replayed(List<RedoEntry> entries) {
        return entries.stream().flatMap(e -> e.rows().stream()).toList();
    }

    private static dev.driftline.drift.model.RowColumns table(String... names) {
        dev.driftline.drift.model.RowColumns.Builder b = dev.driftline.drift.model.RowColumns.builder();
        for (String n : names) {
            b.column(n);
        }
        return b.build();
    }

    /**
     * Rows of one batch table (the pipeline's usual case) are encoded as they come, without a map per row, into one
     * entry of the bytes the same rows make as maps; a row without a prediction has it absent.
     */
    @Test
    void inferenceRowsOfOneTableWriteTheBytesOfTheirProfiledColumns() {
        dev.driftline.drift.model.RowColumns table = table("n", "l", "d", "b", "s", "o");
        List<dev.driftline.drift.model.InferenceRecord> rows = List.of(
                record(0, table.row(new Object[] {null, 7, 2.5f, true, "Bergen", List.of(1)}), Map.of("y", 1.5)),
                record(1, table.row(new Object[] {null, 8L, 1.0, false, "Oslo", "x"}), Map.of()), // no prediction
                record(2, table.row(new Object[] {3L, 9L, -0.0, true, "Tromsø", "x"}), Map.of("y", "a")));
        RedoEntryCodec.Rows w = new RedoEntryCodec.Rows("iris", 300_000L);
        rows.forEach(w::add);
        assertThat(w.isEmpty()).isFalse();
        List<byte[]> written = w.finish();
        assertThat(written).singleElement().satisfies(bytes -> assertThat(bytes).isEqualTo(
                RedoEntryCodec.toBytes(new RedoEntry("iris", 300_000L, columns(rows)))));
        assertThat(w.isEmpty()).isTrue();
        RedoEntry back = RedoEntryCodec.fromBytes(written.get(0));
        assertThat(back.rows()).isEqualTo(columns(rows));
        assertThat(back.rows().get(1)).doesNotContainKey("prediction:y"); // absent stays absent, not null
        // the writer starts afresh after each commit, its grown buffer holding nothing of the last one
        rows.subList(2, 3).forEach(w::add);
        assertThat(w.finish()).singleElement().satisfies(bytes -> assertThat(bytes).isEqualTo(RedoEntryCodec
                .toBytes(new RedoEntry("iris", 300_000L, columns(rows.subList(2, 3))))));
        // the rows of a window's redo entry come from many events: events with the same names share one layout
        dev.driftline.drift.model.RowColumns shared = dev.driftline.drift.model.RowColumns.layout(
                List.of("a", "b")).columns();
        List<dev.driftline.drift.model.InferenceRecord> events = List.of(
                record(0, dev.driftline.drift.model.RowColumns.layout(List.of("a", "b")).columns()
                        .row(new Object[] {1L, "u"}), Map.of("y", 1L)),
                record(1, shared.row(new Object[] {2L, null}), Map.of("y", 2L)));
        assertThat(entries(events)).containsExactly(new RedoEntry("iris", 300_000L, columns(events)));
    }

    /**
     * Rows of another table, with a prediction the entry has no column for, as plain maps or with a feature named
     * like a prediction's column go to the next entry: replayed in order, the entries give every row as it was.
     */
    @Test
    void rowsThatDoNotFitTheEntryStartTheNextOneAndReplayInOrder() {
        dev.driftline.drift.model.RowColumns ab = table("a", "b");
        dev.driftline.drift.model.RowColumns shadowing = table("prediction:y", "a");
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("a", 2L);
        plain.put("c", null);
        List<dev.driftline.drift.model.InferenceRecord> rows = List.of(
                record(0, ab.row(new Object[] {1L, 2.0}), Map.of("y", 1L)),
                record(1, ab.row(new Object[] {3L, 4.0}), Map.of("y", 2L, "z", 3L)), // a new prediction
                record(2, table("a", "c").row(new Object[] {5L, "v"}), Map.of("y", 4L)), // another table
                record(3, plain, Map.of("y", 8L)),
                record(4, shadowing.row(new Object[] {"feature", 1L}), Map.of("y", 9L)),
                record(5, ab.row(new Object[] {6L, 7.0}), Map.of()));
        List<RedoEntry> entries = entries(rows);
        assertThat(entries).hasSize(5); // [0], [1], [2], [3, 4] as maps, [5]
        assertThat(replayed(entries)).isEqualTo(columns(rows));
        assertThat(replayed(entries).get(4)).containsEntry("prediction:y", 9L);
        assertThat(entries).allSatisfy(e -> assertThat(e.windowStart()).isEqualTo(300_000L));
    }

    /**
     * A commit's rows of a busy window are cut into entries of about {@link RedoEntryCodec.Rows#MAX_ENTRY_BYTES}, well
     * below Kafka's 1 MiB for a changelog record, table rows and rows as maps alike.
     */
    @Test
    void aCommitsRowsAreCutIntoEntriesKafkaTakes() {
        String wide = "x".repeat(100_000);
        dev.driftline.drift.model.RowColumns table = table("s");
        List<dev.driftline.drift.model.InferenceRecord> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(record(i, table.row(new Object[] {wide + i}), Map.of()));
        }
        for (int i = 12; i < 24; i++) {
            rows.add(record(i, Map.of("s", wide + i), Map.of()));
        }
        RedoEntryCodec.Rows w = new RedoEntryCodec.Rows("iris", 0L);
        rows.forEach(w::add);
        List<byte[]> written = w.finish();
        // table rows: cut after the row that reaches the bound (6 of 100 kB); maps: halved until within it (3 each)
        assertThat(written).extracting(b -> RedoEntryCodec.fromBytes(b).rows().size())
                .containsExactly(6, 6, 3, 3, 3, 3);
        assertThat(written).allSatisfy(b -> assertThat(b.length).isLessThan(1024 * 1024));
        assertThat(replayed(written.stream().map(RedoEntryCodec::fromBytes).toList())).isEqualTo(columns(rows));
    }

    /** What a snapshot holds is not written again: discard forgets the rows, encoded or not. */
    @Test
    void discardForgetsTheRowsSinceTheLastCommit() {
        RedoEntryCodec.Rows w = new RedoEntryCodec.Rows("iris", 0L);
        w.add(record(0, table("a").row(new Object[] {1L}), Map.of()));
        w.add(record(1, Map.of("a", 2L), Map.of()));
        w.discard();
        assertThat(w.isEmpty()).isTrue();
        assertThat(w.finish()).isEmpty();
        w.add(record(2, table("a").row(new Object[] {3L}), Map.of()));
        assertThat(replayed(w.finish().stream().map(RedoEntryCodec::fromBytes).toList()))
                .containsExactly(Map.of("a", 3L));
    }
}
