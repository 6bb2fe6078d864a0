package dev.driftline.sink.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.contracts.inference.InferenceRecordCodec;
import dev.driftline.contracts.inference.InferenceRowsCodec;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.sink.LakeTable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code inference_log} from both formats of {@code inference.records}: the rows of a v2 value (one per inference)
 * are the rows its records give one v1 value each, the same text in {@code features_json}, {@code predictions_json}
 * and {@code label_json} to the byte; only {@code schema_version} says which format the row came in.
 */
class InferenceLogRowsTest {
    private static final Instant T = Instant.parse("2026-11-21T10:05:00.250Z");
    private static final long TS = Instant.parse("2026-11-21T10:07:00Z").toEpochMilli();
    private final TableRows rows = TableRows.of(LakeTable.INFERENCE_LOG);

    private static SourceRecord record(byte[] value) {
        return new SourceRecord("driftline.inference.records", 4, 977L, TS,
                "wine".getBytes(StandardCharsets.UTF_8), value, List.of());
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<InferenceRecord> inference() {
        Map<String, Object> f0 = map("age", 31L, "one", 1.0, "tenth", 0.1, "tiny", 1e-7, "large", 1.7976931348623157e308,
                "big", 123456789012.5, "min", Long.MIN_VALUE, "text", "quote\" back\\ tab\t nl\n ctl\u001f é 😀 </",
                "yes", true, "no", false, "none", null, "probs", List.of(0.2, 0.8, 1e-7),
                "nested", map("k", 1L, "l", Arrays.asList(null, "x\"y")));
        Map<String, Object> f1 = map("nan", Double.NaN, "inf", Double.NEGATIVE_INFINITY, "float", 0.1f, "int", 7,
                "age", 45L);
        Map<String, Object> f2 = map("tenth", 0.30000000000000004, "age", 29L); // another order, fewer names
        return List.of(
                new InferenceRecord("wine", "v3", "ev-1", 0, T, f0, map("output-0", 1L, "p", 0.75), null),
                new InferenceRecord("wine", "v3", "ev-1", 1, T, f1, map("p", 0.25, "output-0", 0L), 2L),
                new InferenceRecord("wine", "v3", "ev-1", 2, T, f2, Map.of(), "class \"b\" ü"),
                new InferenceRecord("wine", "v3", "ev-1", 3, T, Map.of(), map("p", List.of(0.1, 0.9)),
                        List.of(1L, 2.5)));
    }

    @Test
    void aV2ValueGivesTheRowsAndTextItsRecordsGiveAsV1Values() throws Exception {
        List<InferenceRecord> records = inference();

        List<LakeRow> v2 = rows.rows(record(InferenceRowsCodec.INSTANCE.encode(records)));

        assertThat(v2).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            List<LakeRow> v1 = rows.rows(record(InferenceRecordCodec.toBytes(records.get(i))));
            assertThat(v1).hasSize(1);
            LakeRow a = v1.get(0);
            LakeRow b = v2.get(i);
            assertThat(b.model()).isEqualTo(a.model());
            assertThat(b.partitionTime()).isEqualTo(a.partitionTime());
            assertThat(a.value(0)).isEqualTo(1);
            assertThat(b.value(0)).isEqualTo(2);
            for (int c = 1; c < LakeTable.INFERENCE_LOG.columns().size(); c++) {
                assertThat(b.value(c)).as("row %d column %s", i, LakeTable.INFERENCE_LOG.columns().get(c).name())
                        .isEqualTo(a.value(c));
            }
        }
        // the text itself, so a change in both paths at once shows too (v1's generator escapes characters beyond
        // the BMP as surrogate pairs)
        assertThat(v2.get(0).value(column("features_json"))).isEqualTo("{\"age\":31,\"one\":1.0,\"tenth\":0.1,"
                + "\"tiny\":1.0E-7,\"large\":1.7976931348623157E308,\"big\":1.234567890125E11,"
                + "\"min\":-9223372036854775808,\"text\":\"quote\\\" back\\\\ tab\\t nl\\n ctl\\u001F é \\uD83D\\uDE00 </\","
                + "\"yes\":true,\"no\":false,\"none\":null,\"probs\":[0.2,0.8,1.0E-7],"
                + "\"nested\":{\"k\":1,\"l\":[null,\"x\\\"y\"]}}");
        assertThat(v2.get(1).value(column("features_json"))).isEqualTo("{\"nan\":\"NaN\",\"inf\":\"-Infinity\","
                + "\"float\":0.10000000149011612,\"int\":7,\"age\":45}");
        assertThat(v2.get(2).value(column("features_json"))).isEqualTo("{\"tenth\":0.30000000000000004,\"age\":29}");
        assertThat(v2).extracting(r -> r.value(column("label_json")))
                .containsExactly(null, "2", "\"class \\\"b\\\" ü\"", "[1,2.5]");
        assertThat(v2).extracting(r -> r.value(column("row"))).containsExactly(0, 1, 2, 3);
        assertThat(v2).extracting(r -> r.value(column("kafka_offset"))).containsOnly(977L);
    }

    @Test
    void aBrokenV2ValueIsABadRecordWithTheCodecsReason() {
        byte[] good = InferenceRowsCodec.INSTANCE.encode(inference());
        byte[] cut = Arrays.copyOf(good, good.length - 3);
        assertThatThrownBy(() -> rows.rows(record(cut)))
                .extracting(e -> ((BadRecordException) e).reason()).isEqualTo(BadRecordException.BAD_VALUE);
        byte[] newer = good.clone();
        newer[0] = 3;
        assertThatThrownBy(() -> rows.rows(record(newer)))
                .extracting(e -> ((BadRecordException) e).reason())
                .isEqualTo(BadRecordException.UNKNOWN_SCHEMA_VERSION);
    }

    private static int column(String name) {
        return LakeTable.INFERENCE_LOG.columns().indexOf(LakeTable.INFERENCE_LOG.column(name).orElseThrow());
    }
}
