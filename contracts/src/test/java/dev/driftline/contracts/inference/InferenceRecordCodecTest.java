package dev.driftline.contracts.inference;

import dev.driftline.drift.kserve.KServePayloads;
import dev.driftline.drift.kserve.PayloadException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.drift.model.InferenceRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InferenceRecordCodecTest {
    /** The event time of the fixtures (as in the drift core's KServe tests). */
    private static final class KServeFixtures {
        static final java.time.Instant T = java.time.Instant.parse("2026-11-21T10:05:00Z");

        static byte[] json(String singleQuoted) {
            return singleQuoted.replace('\'', '"').getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final ObjectMapper mapper = new ObjectMapper();

    private InferenceRecord roundTrip(InferenceRecord record) throws Exception {
        byte[] bytes = InferenceRecordCodec.toBytes(record, mapper);
        return InferenceRecordCodec.fromJson(mapper.readTree(bytes));
    }

    @Test
    void writesTheDocumentedShape() throws Exception {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("age", 31L);
        features.put("score", 1.0);
        features.put("city", "Oslo");
        features.put("member", true);
        features.put("note", null);
        InferenceRecord record = new InferenceRecord("iris", "v3", "req-1", 2,
                Instant.parse("2026-11-21T10:05:00Z"), features, Map.of("output-0", 1L), null);

        String json = mapper.writeValueAsString(InferenceRecordCodec.toJson(record, mapper));

        assertThat(json).isEqualTo("{\"schema_version\":1,\"model\":\"iris\",\"model_version\":\"v3\","
                + "\"inference_id\":\"req-1\",\"row\":2,\"event_time\":\"2026-11-21T10:05:00Z\","
                + "\"features\":{\"age\":31,\"score\":1.0,\"city\":\"Oslo\",\"member\":true,\"note\":null},"
                + "\"predictions\":{\"output-0\":1},\"label\":null}");
    }

    @Test
    void roundTripsExactlyKeepingTypesOrderAndNulls() throws Exception {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("z_long", Long.MAX_VALUE);
        features.put("a_double", 1.0);
        features.put("tiny", 1e-300);
        features.put("text", "héllo \"quoted\"");
        features.put("flag", false);
        features.put("missing", null);
        features.put("probs", List.of(0.2, 0.8));
        features.put("nested", Map.of("k", 1L));
        InferenceRecord record = new InferenceRecord("churn", "", "id-9", 0,
                Instant.parse("2026-11-21T10:05:00.123456789Z"), features, Map.of("prediction", "leave"), 1L);

        InferenceRecord back = roundTrip(record);

        assertThat(back).isEqualTo(record);
        assertThat(back.features().keySet()).containsExactlyElementsOf(features.keySet());
        assertThat(back.features().get("a_double")).isInstanceOf(Double.class);
        assertThat(back.features().get("z_long")).isInstanceOf(Long.class);
        assertThat(back.label()).isEqualTo(1L);
        assertThat(back.modelVersion()).isEmpty();
        // the streaming writer writes the same object as the tree
        assertThat(mapper.readTree(InferenceRecordCodec.toBytes(record)))
                .isEqualTo(mapper.readTree(mapper.writeValueAsBytes(InferenceRecordCodec.toJson(record, mapper))));
        InferenceRecord odd = new InferenceRecord("m", "v2", "i", 3, Instant.parse("2026-11-21T10:05:00Z"),
                Map.of("nan", Double.NaN, "inf", Double.NEGATIVE_INFINITY, "f", 0.1f, "pi", Math.PI),
                Map.of(), List.of(Map.of("a", 1L)));
        assertThat(mapper.readTree(InferenceRecordCodec.toBytes(odd)))
                .isEqualTo(mapper.readTree(mapper.writeValueAsBytes(InferenceRecordCodec.toJson(odd, mapper))));
    }

    @Test
    void anEmptyModelVersionIsWrittenAsNull() {
        InferenceRecord record = new InferenceRecord("m", "", "i", 0, KServeFixtures.T, Map.of(), Map.of(), null);
        assertThat(InferenceRecordCodec.toJson(record, mapper).get("model_version").isNull()).isTrue();
    }

    @Test
    void recordsFromPayloadsRoundTrip() throws Exception {
        List<InferenceRecord> records = KServePayloads.normalize("iris", "req-1", KServeFixtures.T,
                KServeFixtures.json("{'instances': [{'age': 31, 'city': 'Oslo', 'member': true, 'x': null}]}"),
                KServeFixtures.json("{'model_version': 'v3', 'outputs': [{'name': 'p', 'shape': [1, 2],"
                        + " 'datatype': 'FP32', 'data': [0.25, 0.75]}]}"),
                Optional.empty(), Optional.empty());
        for (InferenceRecord record : records) {
            assertThat(roundTrip(record)).isEqualTo(record);
        }
    }

    @Test
    void otherNumberTypesComeBackAsLongAndDouble() throws Exception {
        InferenceRecord record = new InferenceRecord("m", "v", "i", 0, KServeFixtures.T,
                Map.of("i", 7, "f", 0.5f), Map.of(), null);
        InferenceRecord back = roundTrip(record);
        assertThat(back.features()).containsEntry("i", 7L).containsEntry("f", 0.5);
    }

    @Test
    void refusesObjectsThatDoNotFollowTheSchema() throws Exception {
        ObjectNode good = InferenceRecordCodec.toJson(
                new InferenceRecord("m", "v", "i", 0, KServeFixtures.T, Map.of(), Map.of(), null), mapper);
        assertThat(InferenceRecordCodec.fromJson(good).model()).isEqualTo("m");

        assertBad(mapper.readTree("[1]"), "JSON object");
        assertBad(good.deepCopy().put("schema_version", 2), "schema_version");
        assertBad(good.deepCopy().put("row", -1), "row");
        assertBad(good.deepCopy().put("event_time", "yesterday"), "event_time");
        assertBad(good.deepCopy().put("model", " "), "blank");
        assertBad(good.deepCopy().put("features", "a=1"), "features");
        ObjectNode noId = good.deepCopy();
        noId.remove("inference_id");
        assertBad(noId, "inference_id");
    }

    private static void assertBad(JsonNode json, String messagePart) {
        assertThatThrownBy(() -> InferenceRecordCodec.fromJson(json))
                .isInstanceOfSatisfying(PayloadException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo("bad_record"))
                .hasMessageContaining(messagePart);
    }
}
