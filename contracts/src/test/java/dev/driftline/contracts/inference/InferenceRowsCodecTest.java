package dev.driftline.contracts.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.contracts.RecordFormatException;
import dev.driftline.drift.model.InferenceRecord;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InferenceRowsCodecTest {
    private static final InferenceRowsCodec CODEC = InferenceRowsCodec.INSTANCE;
    private static final Instant T = Instant.parse("2026-11-21T10:05:00.123456789Z");

    /** Rows of one inference with every kind of value, names missing in some rows and in another order in one. */
    static List<InferenceRecord> oddRows() {
        Map<String, Object> f0 = new LinkedHashMap<>();
        f0.put("age", 31L);
        f0.put("one", 1.0);
        f0.put("tenth", 0.1);
        f0.put("tiny", 1e-7);
        f0.put("large", 1.2345678901234567e300);
        f0.put("neg", -0.0);
        f0.put("min", Long.MIN_VALUE);
        f0.put("text", "tab\tquote\" back\\ nl\n ctl\u0001 é 😀 </script>");
        f0.put("yes", true);
        f0.put("no", false);
        f0.put("none", null);
        f0.put("probs", List.of(0.2, 0.8, 1e-7));
        f0.put("nested", mapOf("k", 1L, "nan", Double.NaN, "l", Arrays.asList(null, "x")));
        Map<String, Object> f1 = new LinkedHashMap<>();
        f1.put("nan", Double.NaN);
        f1.put("inf", Double.POSITIVE_INFINITY);
        f1.put("ninf", Double.NEGATIVE_INFINITY);
        f1.put("float", 0.1f);
        f1.put("int", 7);
        f1.put("short", (short) -3);
        f1.put("bigSmall", BigInteger.valueOf(-42));
        f1.put("bigHuge", new BigInteger("123456789012345678901234567890"));
        f1.put("decimal", new BigDecimal("2.5"));
        f1.put("other", Instant.EPOCH);
        Map<String, Object> f2 = new LinkedHashMap<>(); // same names as row 0 but reordered, one left out
        f2.put("tenth", 0.3);
        f2.put("age", 29L);
        f2.put("text", "");
        return List.of(
                new InferenceRecord("iris", "v3", "req-1", 0, T, f0, mapOf("output-0", 1L, "p", 0.75), null),
                new InferenceRecord("iris", "v3", "req-1", 1, T, f1, mapOf("p", 0.25, "output-0", 0L), 1L),
                new InferenceRecord("iris", "v3", "req-1", 5, T, f2, Map.of(), mapOf("label", List.of(1L, "a"))),
                new InferenceRecord("iris", "v3", "req-1", 6, T, Map.of(), Map.of(), "yes"));
    }

    static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void readsBackWhatV1ReadsBackTypesOrderAndNullsIncluded() {
        List<InferenceRecord> rows = oddRows();
        byte[] v2 = CODEC.encode(rows);

        List<InferenceRecord> back = CODEC.decode(v2);

        assertThat(v2[0]).isEqualTo((byte) 2);
        assertThat(back).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            InferenceRecord v1 = InferenceRecordCodec.INSTANCE.decode(InferenceRecordCodec.toBytes(rows.get(i)));
            assertThat(back.get(i)).isEqualTo(v1);
            assertThat(new ArrayList<>(back.get(i).features().keySet()))
                    .containsExactlyElementsOf(v1.features().keySet());
            assertThat(new ArrayList<>(back.get(i).predictions().keySet()))
                    .containsExactlyElementsOf(v1.predictions().keySet());
            back.get(i).features().forEach((name, value) -> assertThat(value == null ? null : value.getClass())
                    .as(name).isEqualTo(v1.features().get(name) == null ? null : v1.features().get(name).getClass()));
        }
        assertThat(back.get(1).features()).containsEntry("nan", "NaN").containsEntry("inf", "Infinity")
                .containsEntry("ninf", "-Infinity").containsEntry("int", 7L).containsEntry("float", (double) 0.1f)
                .containsEntry("bigHuge", 1.2345678901234568e29);
        assertThat(back.get(0).features().get("neg")).isEqualTo(-0.0);
        // decoding its own output again changes nothing
        assertThat(CODEC.decode(CODEC.encode(back))).isEqualTo(back);
    }

    @Test
    void aRecordFromPayloadsRoundTripsAndTakesLessThanItsV1Rows() {
        List<InferenceRecord> rows = new ArrayList<>();
        for (int row = 0; row < 4; row++) {
            rows.add(new InferenceRecord("wine", "", "ev-7", row, T, mapOf("alcohol", 13.2 + row, "ash", 2.31,
                    "hue", 1.04, "proline", 1065L + row), mapOf("output-0", (long) row % 3), null));
        }
        byte[] v2 = CODEC.encode(rows);
        int v1 = rows.stream().mapToInt(r -> InferenceRecordCodec.toBytes(r).length).sum();

        assertThat(CODEC.decode(v2)).isEqualTo(rows);
        assertThat(CODEC.decode(v2).get(0).modelVersion()).isEmpty();
        System.out.printf("inference.records, 4 rows x 5 values: v2 %d bytes, v1 %d bytes%n", v2.length, v1);
        assertThat(v2.length).isLessThan(v1 / 2);
    }

    @Test
    void splitsALargeInferenceIntoValuesOfAtMostTheGivenSize() {
        List<InferenceRecord> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            InferenceRecord odd = oddRows().get(i % 4);
            rows.add(new InferenceRecord(odd.model(), odd.modelVersion(), odd.inferenceId(), i, odd.eventTime(),
                    odd.features(), odd.predictions(), odd.label()));
        }
        List<List<InferenceRecord>> groups = InferenceRowsCodec.split(rows, 8 * 1024);

        assertThat(groups.size()).isGreaterThan(1);
        assertThat(groups.stream().flatMap(List::stream).toList()).isEqualTo(rows);
        for (List<InferenceRecord> group : groups) {
            assertThat(CODEC.encode(group).length).isLessThanOrEqualTo(8 * 1024);
        }
        assertThat(InferenceRowsCodec.split(rows, 1 << 30)).containsExactly(rows);
        assertThat(InferenceRowsCodec.split(rows.subList(0, 3), 10)).hasSize(3); // a row larger than the limit: alone
        assertThat(InferenceRowsCodec.split(List.of(), 10)).isEmpty();
    }

    /**
     * Rows that each have a name of their own (a V1 batch of objects with different keys): a column-order section
     * would spend a byte on every column a row lacks, rows × columns bytes, far over what the split promised.
     */
    @Test
    void sparseRowsStayWithinTheSplitLimitAndSmall() {
        InferenceRecord odd = oddRows().get(0);
        List<InferenceRecord> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            rows.add(new InferenceRecord(odd.model(), odd.modelVersion(), odd.inferenceId(), i, odd.eventTime(),
                    Map.of("k" + i, 1.5), Map.of(), null));
        }
        List<List<InferenceRecord>> groups = InferenceRowsCodec.split(rows, 64 * 1024);
        long total = 0;
        for (List<InferenceRecord> group : groups) {
            byte[] value = CODEC.encode(group);
            assertThat(value.length).isLessThanOrEqualTo(64 * 1024);
            assertThat(CODEC.decode(value)).isEqualTo(group);
            total += value.length;
        }
        assertThat(groups.stream().flatMap(List::stream).toList()).isEqualTo(rows);
        // Each row: its name in the header (~6 bytes), row index, layouts, count, index, tagged double (~17 bytes).
        assertThat(total).isLessThan(2_000L * 40);
    }

    /** The layout the Javadoc documents, byte for byte (readers outside this repository rely on it). */
    @Test
    void writesTheDocumentedLayout() {
        Instant t = Instant.parse("1970-01-01T00:00:01.5Z");
        List<InferenceRecord> rows = List.of(
                new InferenceRecord("m", "", "i", 0, t, mapOf("a", 1L, "b", 0.5), mapOf("p", "x"), true),
                new InferenceRecord("m", "", "i", 1, t, mapOf("b", null), Map.of(), null),
                new InferenceRecord("m", "", "i", 2, t, mapOf("b", -1L, "a", "é"), Map.of(), List.of(1L)));

        String hex = java.util.HexFormat.of().formatHex(CODEC.encode(rows));

        assertThat(hex).isEqualTo(String.join("",
                "02", "016d", "00", "0169", "02", "80cab5ee01", // version, model, model_version, id, time s, ns
                "02" + "0161" + "0162", "01" + "0170", "03", // feature columns a b, prediction column p, 3 rows
                "00", "00" + "0202" + "033fe0000000000000", "00" + "040178", "05", // row 0: column order; true
                "01", "00" + "00" + "01", "00" + "00", "01", // row 1: a absent, b null; p absent; label null
                "02", "01" + "02" + "010201" + "00" + "0402c3a9", "00" + "00", "07035b315d")); // row 2: own order
        assertThat(CODEC.decode(CODEC.encode(rows))).isEqualTo(rows);
    }

    @Test
    void readsAV1ValueAsAListOfOne() {
        InferenceRecord record = oddRows().get(2);
        assertThat(CODEC.decode(InferenceRecordCodec.toBytes(record)))
                .containsExactly(InferenceRecordCodec.INSTANCE.decode(InferenceRecordCodec.toBytes(record)));
        byte[] spaced = (" \n" + new String(InferenceRecordCodec.toBytes(record), java.nio.charset.StandardCharsets.UTF_8))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(CODEC.decode(spaced)).hasSize(1);
    }

    @Test
    void viewsHoldTheTextV1Holds() {
        List<InferenceRecord> rows = oddRows();
        List<InferenceRecordView> v2 = InferenceRecordView.readAll(CODEC.encode(rows));

        assertThat(v2).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<InferenceRecordView> v1 = InferenceRecordView.readAll(InferenceRecordCodec.toBytes(rows.get(i)));
            assertThat(v1).hasSize(1);
            assertThat(v1.get(0).schemaVersion()).isEqualTo(1);
            assertThat(v2.get(i).schemaVersion()).isEqualTo(2);
            assertThat(v2.get(i)).usingRecursiveComparison().ignoringFields("schemaVersion").isEqualTo(v1.get(0));
        }
        assertThat(v2.get(0).featuresJson()).contains("\"one\":1.0,\"tenth\":0.1,\"tiny\":1.0E-7");
        assertThat(v2.get(0).labelJson()).isNull();
        assertThat(v2.get(2).labelJson()).isEqualTo("{\"label\":[1,\"a\"]}");
    }

    @Test
    void refusesToWriteRowsOfDifferentInferences() {
        InferenceRecord a = oddRows().get(0);
        assertThatThrownBy(() -> CODEC.encode(List.of())).isInstanceOf(IllegalArgumentException.class);
        for (InferenceRecord b : List.of(
                new InferenceRecord("other", "v3", "req-1", 1, T, Map.of(), Map.of(), null),
                new InferenceRecord("iris", "v4", "req-1", 1, T, Map.of(), Map.of(), null),
                new InferenceRecord("iris", "v3", "req-2", 1, T, Map.of(), Map.of(), null),
                new InferenceRecord("iris", "v3", "req-1", 1, T.plusNanos(1), Map.of(), Map.of(), null))) {
            assertThatThrownBy(() -> CODEC.encode(List.of(a, b))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("share");
        }
    }

    @Test
    void everyTruncationAndTrailingByteIsABadValue() {
        byte[] good = CODEC.encode(oddRows());
        for (int n = 1; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertBad(() -> CODEC.decode(cut), RecordFormatException.BAD_VALUE);
            assertBad(() -> InferenceRecordView.readAll(cut), RecordFormatException.BAD_VALUE);
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertBad(() -> CODEC.decode(longer), RecordFormatException.BAD_VALUE);
        assertBad(() -> InferenceRecordView.readAll(longer), RecordFormatException.BAD_VALUE);
    }

    @Test
    void unknownVersionsAndGarbageAreRefusedWithTheirReason() {
        byte[] good = CODEC.encode(oddRows());
        for (int version : new int[] {0, 1, 3, 0x1f}) {
            byte[] other = good.clone();
            other[0] = (byte) version;
            assertBad(() -> CODEC.decode(other), RecordFormatException.UNKNOWN_SCHEMA_VERSION);
            assertBad(() -> InferenceRecordView.readAll(other), RecordFormatException.UNKNOWN_SCHEMA_VERSION);
        }
        assertBad(() -> CODEC.decode(new byte[0]), RecordFormatException.NOT_JSON);
        assertBad(() -> CODEC.decode(new byte[] {(byte) 0xff, 1, 2}), RecordFormatException.NOT_JSON);
        assertBad(() -> CODEC.decode("{\"schema_version\":7}".getBytes()),
                RecordFormatException.UNKNOWN_SCHEMA_VERSION);
        // a tag the format does not have, where the first row's first feature value is
        byte[] badTag = CODEC.encode(List.of(new InferenceRecord("m", "", "i", 0, T, Map.of("a", 1L), Map.of(),
                null)));
        badTag[badTag.length - 4] = 9; // ends: row 0, features layout 0, >tag 2<, zig-zag 1, layout 0, label null
        assertBad(() -> CODEC.decode(badTag), RecordFormatException.BAD_VALUE);
        assertBad(() -> InferenceRecordView.readAll(badTag), RecordFormatException.BAD_VALUE);
    }

    private static void assertBad(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RecordFormatException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    /** The rows of {@code rows} as batch-table rows: one table for all features, one for all predictions. */
    private static List<InferenceRecord> asTableRows(List<InferenceRecord> rows) {
        dev.driftline.drift.model.RowColumns.Builder fb = dev.driftline.drift.model.RowColumns.builder();
        dev.driftline.drift.model.RowColumns.Builder pb = dev.driftline.drift.model.RowColumns.builder();
        rows.forEach(r -> r.features().keySet().forEach(fb::column));
        rows.forEach(r -> r.predictions().keySet().forEach(pb::column));
        dev.driftline.drift.model.RowColumns ft = fb.build();
        dev.driftline.drift.model.RowColumns pt = pb.build();
        List<InferenceRecord> out = new ArrayList<>();
        for (InferenceRecord r : rows) {
            Object[] f = ft.names().stream().map(r.features()::get).toArray();
            Object[] p = pt.names().stream().map(r.predictions()::get).toArray();
            out.add(new InferenceRecord(r.model(), r.modelVersion(), r.inferenceId(), r.row(), r.eventTime(),
                    ft.row(f), pt.row(p), r.label()));
        }
        return out;
    }

    /** A batch of one table (V2 tensors) is written by position, to the bytes of the same rows as plain maps. */
    @Test
    void rowsOfOneBatchTableWriteTheBytesOfTheSameRowsAsMaps() {
        List<InferenceRecord> dense = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            dense.add(new InferenceRecord("iris", "v3", "req-2", i, T,
                    mapOf("a", (long) i, "b", i * 0.5, "c", i == 2 ? null : "x", "probs", List.of(0.1, 0.9)),
                    mapOf("out", i % 2 == 0), null));
        }
        List<InferenceRecord> table = asTableRows(dense);
        assertThat(dev.driftline.drift.model.RowColumns.of(table.get(0).features())).isNotNull();
        assertThat(CODEC.encode(table)).isEqualTo(CODEC.encode(dense));
        assertThat(CODEC.decode(CODEC.encode(table))).isEqualTo(dense);
        // rows of two tables, or a table row among plain maps, take the general path and read back the same
        List<InferenceRecord> mixed = new ArrayList<>(asTableRows(dense.subList(0, 2)));
        mixed.addAll(asTableRows(dense.subList(2, 4)));
        mixed.add(oddRows().get(2).withLabel(null));
        List<InferenceRecord> decoded = CODEC.decode(CODEC.encode(mixed.stream().map(r -> new InferenceRecord("iris",
                "v3", "req-2", r.row(), T, r.features(), r.predictions(), r.label())).toList()));
        assertThat(decoded.get(4).features()).isEqualTo(oddRows().get(2).features());
        assertThat(decoded.subList(0, 4)).isEqualTo(dense);
    }
}
