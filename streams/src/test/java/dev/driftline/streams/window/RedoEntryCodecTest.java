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

    /** Rows of one batch table (the pipeline's usual case) are written without a map per row, to the same bytes. */
    @Test
    void inferenceRowsOfOneTableWriteTheBytesOfTheirProfiledColumns() {
        dev.driftline.drift.model.RowColumns.Builder b = dev.driftline.drift.model.RowColumns.builder();
        for (String n : List.of("n", "l", "d", "b", "s", "o")) {
            b.column(n);
        }
        dev.driftline.drift.model.RowColumns table = b.build();
        List<dev.driftline.drift.model.InferenceRecord> rows = List.of(
                record(0, table.row(new Object[] {null, 7, 2.5f, true, "Bergen", List.of(1)}), Map.of("y", 1.5)),
                record(1, table.row(new Object[] {null, 8L, 1.0, false, "Oslo", "x"}), Map.of()), // no prediction
                record(2, table.row(new Object[] {3L, 9L, 0.5, true, "Oslo", "x"}), Map.of("y", 0.5, "z", "a")));
        byte[] bytes = RedoEntryCodec.toBytes("iris", 300_000L, rows);
        assertThat(bytes).isEqualTo(RedoEntryCodec.toBytes(new RedoEntry("iris", 300_000L, columns(rows))));
        // the rows of a window's redo entry come from many events: events with the same names share one layout
        dev.driftline.drift.model.RowColumns shared = dev.driftline.drift.model.RowColumns.layout(
                List.of("a", "b")).columns();
        List<dev.driftline.drift.model.InferenceRecord> events = List.of(
                record(0, dev.driftline.drift.model.RowColumns.layout(List.of("a", "b")).columns()
                        .row(new Object[] {1L, "u"}), Map.of("y", 1L)),
                record(1, shared.row(new Object[] {2L, null}), Map.of("y", 2L)));
        assertThat(RedoEntryCodec.toBytes("iris", 0L, events)).isEqualTo(
                RedoEntryCodec.toBytes(new RedoEntry("iris", 0L, columns(events))));
        RedoEntry back = RedoEntryCodec.fromBytes(bytes);
        assertThat(back.rows()).isEqualTo(columns(rows));
        assertThat(back.rows().get(1)).doesNotContainKey("prediction:y"); // absent stays absent, not null
    }

    /** Rows of mixed tables, plain maps or a feature named like a prediction's column take the general path. */
    @Test
    void otherInferenceRowsReadBackAsTheirProfiledColumns() {
        dev.driftline.drift.model.RowColumns.Builder b = dev.driftline.drift.model.RowColumns.builder();
        b.column("prediction:y");
        b.column("a");
        dev.driftline.drift.model.RowColumns shadowing = b.build();
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("a", 2L);
        plain.put("c", null);
        List<dev.driftline.drift.model.InferenceRecord> rows = List.of(
                record(0, shadowing.row(new Object[] {"feature", 1L}), Map.of("y", 9L)),
                record(1, plain, Map.of("y", 8L)));
        RedoEntry back = RedoEntryCodec.fromBytes(RedoEntryCodec.toBytes("iris", 0L, rows));
        assertThat(back.rows()).isEqualTo(columns(rows));
        assertThat(back.rows().get(0)).containsEntry("prediction:y", 9L);
    }
}
