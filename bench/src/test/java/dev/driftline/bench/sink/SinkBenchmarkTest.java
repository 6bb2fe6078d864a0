package dev.driftline.bench.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.rows.LakeRow;
import dev.driftline.sink.rows.SourceRecord;
import dev.driftline.sink.rows.TableRows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SinkBenchmarkTest {
    private static final Instant START = SinkBenchmark.START;
    private static final Duration SPAN = Duration.ofHours(2);
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() {
        SinkRecords a = new SinkRecords(7, 500, START, SPAN);
        SinkRecords b = new SinkRecords(7, 500, START, SPAN);
        SinkRecords c = new SinkRecords(8, 500, START, SPAN);
        boolean anyDifferent = false;
        while (a.hasNext()) {
            SinkRecords.Generated x = a.next();
            SinkRecords.Generated y = b.next();
            SinkRecords.Generated z = c.next();
            assertThat(x.key()).isEqualTo(y.key());
            assertThat(x.value()).isEqualTo(y.value());
            assertThat(x.timestamp()).isEqualTo(y.timestamp());
            anyDifferent |= !java.util.Arrays.equals(x.value(), z.value());
        }
        assertThat(b.hasNext()).isFalse();
        assertThat(anyDifferent).isTrue();
        assertThatThrownBy(a::next).isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void everyRecordIsOneValidInferenceLogRowWithTwentyFeatures() throws Exception {
        TableRows mapper = TableRows.of(LakeTable.INFERENCE_LOG);
        SinkRecords gen = new SinkRecords(42, 3000, START, SPAN);
        Set<String> models = new HashSet<>();
        Set<String> countries = new HashSet<>();
        Set<Long> hours = new HashSet<>();
        long previous = Long.MIN_VALUE;
        int labelled = 0;
        int nulls = 0;
        for (long offset = 0; gen.hasNext(); offset++) {
            SinkRecords.Generated g = gen.next();
            List<LakeRow> rows = mapper.rows(new SourceRecord("p.inference.records", 0, offset, g.timestamp(),
                    g.key(), g.value(), List.of()));
            assertThat(rows).hasSize(1);
            LakeRow row = rows.get(0);
            JsonNode v = this.mapper.readTree(g.value());
            assertThat(new String(g.key(), StandardCharsets.UTF_8)).isEqualTo(v.get("inference_id").asText());
            assertThat(v.get("features").size()).isEqualTo(20);
            assertThat(v.get("features").get("country").isTextual()).isTrue();
            assertThat(v.get("features").get("age").isIntegralNumber()).isTrue();
            assertThat(v.get("features").get("debt_ratio").isDouble()).isTrue();
            nulls += v.get("features").get("income").isNull() ? 1 : 0;
            labelled += v.get("label").isNull() ? 0 : 1;
            models.add(row.model());
            countries.add(v.get("features").get("country").asText());
            long t = row.partitionTime().toEpochMilli();
            assertThat(t).isBetween(START.toEpochMilli(), START.plus(SPAN).toEpochMilli());
            assertThat(t).isEqualTo(g.eventTime().toEpochMilli()).isGreaterThanOrEqualTo(previous);
            assertThat(g.timestamp() - t).isBetween(50L, 500L);
            previous = t;
            hours.add(t / 3_600_000);
        }
        assertThat(models).containsExactlyInAnyOrderElementsOf(SinkRecords.MODELS);
        assertThat(countries.size()).isGreaterThan(5);
        assertThat(hours).hasSize(3); // 08:20 + 2 h spans three event hours
        assertThat(labelled).isBetween(150, 500);
        assertThat(nulls).isBetween(50, 300);
    }

    @Test
    void aRequestsRowsShareItsIdAndEventTimeAndCountFromZero() throws Exception {
        SinkRecords gen = new SinkRecords(3, 2000, START, SPAN);
        String id = null;
        int expectedRow = 0;
        Instant time = null;
        int requests = 0;
        while (gen.hasNext()) {
            JsonNode v = mapper.readTree(gen.next().value());
            String rid = v.get("inference_id").asText();
            if (!rid.equals(id)) {
                assertThat(v.get("row").asInt()).isZero();
                id = rid;
                expectedRow = 0;
                time = Instant.parse(v.get("event_time").asText());
                requests++;
            } else {
                assertThat(Instant.parse(v.get("event_time").asText())).isEqualTo(time);
            }
            assertThat(v.get("row").asInt()).isEqualTo(expectedRow++).isLessThan(4);
        }
        assertThat(requests).isBetween(900, 1800);
    }

    @Test
    void aJsonLineIsTheValueWithItsKafkaFields() throws Exception {
        byte[] value = new SinkRecords(1, 1, START, SPAN).next().value();
        byte[] line = SinkRecords.jsonLine(value, 4, 123456789012L, 1_700_000_000_123L);
        JsonNode original = mapper.readTree(value);
        JsonNode l = mapper.readTree(line);
        assertThat(l.get("kafka_partition").asInt()).isEqualTo(4);
        assertThat(l.get("kafka_offset").asLong()).isEqualTo(123456789012L);
        assertThat(l.get("kafka_timestamp").asLong()).isEqualTo(1_700_000_000_123L);
        ((com.fasterxml.jackson.databind.node.ObjectNode) l).remove(
                List.of("kafka_partition", "kafka_offset", "kafka_timestamp"));
        assertThat(l).isEqualTo(original);
        assertThat(new String(line, StandardCharsets.UTF_8)).doesNotContain("\n");
        assertThatThrownBy(() -> SinkRecords.jsonLine("[1]".getBytes(StandardCharsets.UTF_8), 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSinksSettingsReadOnlyInferenceLogIntoALocalLakeWithLargeRotation() {
        SinkBenchmark.Options o = new SinkBenchmark.Options(1000, 6, 2, 42, "b.", null, false, 0, "snappy",
                5_000_000, 0, 1, false, Duration.ofSeconds(60), SinkTopicRecords.Format.V2);
        var s = new SinkPhases("127.0.0.1:9", o, "run").settings("b.", Path.of("/tmp/lake"), "g");
        assertThat(s.tables()).containsExactly(LakeTable.INFERENCE_LOG);
        assertThat(s.lake().isS3()).isFalse();
        assertThat(s.lake().directory()).isEqualTo(Path.of("/tmp/lake"));
        assertThat(s.rotation().maxRecords()).isEqualTo(5_000_000);
        assertThat(s.rotation().eventInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(s.rotation().maxOpen()).isGreaterThanOrEqualTo(Duration.ofHours(1));
        assertThat(s.parquet().codec().name()).isEqualTo("SNAPPY");
    }

    @Test
    void v2RecordsHoldARequestsRowsKeyedByModelAndMapToTheRowsOfV1() throws Exception {
        TableRows mapper = TableRows.of(LakeTable.INFERENCE_LOG);
        SinkTopicRecords v1 = new SinkTopicRecords(new SinkRecords(5, 3000, START, SPAN), SinkTopicRecords.Format.V1);
        SinkTopicRecords v2 = new SinkTopicRecords(new SinkRecords(5, 3000, START, SPAN), SinkTopicRecords.Format.V2);
        int records = 0;
        int rows = 0;
        int multiRow = 0;
        while (v2.hasNext()) {
            SinkTopicRecords.Out r = v2.next();
            records++;
            List<LakeRow> mapped = mapper.rows(new SourceRecord("p.inference.records", 1, records, r.timestamp(),
                    r.key(), r.value(), List.of()));
            assertThat(mapped).hasSize(r.rows().size());
            multiRow += r.rows().size() > 1 ? 1 : 0;
            for (int i = 0; i < mapped.size(); i++) {
                SinkTopicRecords.Out one = v1.next();
                assertThat(one.rows()).hasSize(1);
                assertThat(r.rows().get(i).value()).isEqualTo(one.value());
                List<LakeRow> expected = mapper.rows(new SourceRecord("p.inference.records", 1, records,
                        one.timestamp(), one.key(), one.value(), List.of()));
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(mapped.get(i).model());
                // the same row, apart from the format version it came in
                assertThat(mapped.get(i).model()).isEqualTo(expected.get(0).model());
                assertThat(mapped.get(i).partitionTime()).isEqualTo(expected.get(0).partitionTime());
                Object[] got = mapped.get(i).values();
                Object[] want = expected.get(0).values();
                assertThat(java.util.Arrays.copyOfRange(got, 1, got.length))
                        .isEqualTo(java.util.Arrays.copyOfRange(want, 1, want.length));
                assertThat(got[0]).isEqualTo(2);
                assertThat(want[0]).isEqualTo(1);
                rows++;
            }
        }
        assertThat(v1.hasNext()).isFalse();
        assertThat(rows).isEqualTo(3000);
        assertThat(records).isBetween(1000, 2500);
        assertThat(multiRow).isGreaterThan(300);
    }

    @Test
    void aV2JsonLineSaysVersionTwoAndAnUnknownFormatIsRefused() throws Exception {
        SinkTopicRecords v2 = new SinkTopicRecords(new SinkRecords(1, 10, START, SPAN), SinkTopicRecords.Format.V2);
        SinkTopicRecords.Out r = v2.next();
        JsonNode line = mapper.readTree(v2.jsonLine(r.rows().get(0), 2, 7, r.timestamp()));
        assertThat(line.get("schema_version").asInt()).isEqualTo(2);
        assertThat(line.get("kafka_offset").asLong()).isEqualTo(7);
        assertThat(line.get("features")).isEqualTo(mapper.readTree(r.rows().get(0).value()).get("features"));
        assertThat(SinkTopicRecords.Format.of(" V1 ")).isEqualTo(SinkTopicRecords.Format.V1);
        assertThatThrownBy(() -> SinkTopicRecords.Format.of("v3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'v3' is not an inference.records format: v1 or v2");
    }
}
