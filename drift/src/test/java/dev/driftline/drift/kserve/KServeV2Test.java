package dev.driftline.drift.kserve;

import static dev.driftline.drift.kserve.KServeFixtures.normalize;
import static dev.driftline.drift.kserve.KServeFixtures.schema;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.drift.model.InferenceRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** KServe V2 / Open Inference Protocol tensors. */
class KServeV2Test {
    static final String SPEC_REQUEST = "{'id': '42', 'parameters': {}, 'inputs': [{'name': 'input-0', 'shape': [2, 4],"
            + " 'datatype': 'FP32', 'data': [6.8, 2.8, 4.8, 1.4, 6.0, 3.4, 4.5, 1.6]}]}";
    static final String SPEC_RESPONSE = "{'model_name': 'iris', 'model_version': 'v3', 'id': '42',"
            + " 'outputs': [{'name': 'output-0', 'shape': [2], 'datatype': 'INT64', 'data': [1, 1]}]}";

    @Test
    void theSpecExampleWithoutSchema() {
        List<InferenceRecord> records = normalize(SPEC_REQUEST, SPEC_RESPONSE);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).modelVersion()).isEqualTo("v3");
        assertThat(records.get(0).features()).containsExactly(Map.entry("_c0", 6.8), Map.entry("_c1", 2.8),
                Map.entry("_c2", 4.8), Map.entry("_c3", 1.4));
        assertThat(records.get(1).features()).containsExactly(Map.entry("_c0", 6.0), Map.entry("_c1", 3.4),
                Map.entry("_c2", 4.5), Map.entry("_c3", 1.6));
        assertThat(records.get(1).features().get("_c0")).isInstanceOf(Double.class);
        assertThat(records).extracting(r -> r.predictions().get("output-0")).containsExactly(1L, 1L);
    }

    @Test
    void oneTensorWithSchemaIsNamedBySchema() {
        List<InferenceRecord> records = normalize(SPEC_REQUEST, null,
                Optional.of(schema("sepal_length", "sepal_width", "petal_length", "petal_width")), Optional.empty());
        assertThat(records.get(1).features()).containsExactly(Map.entry("sepal_length", 6.0),
                Map.entry("sepal_width", 3.4), Map.entry("petal_length", 4.5), Map.entry("petal_width", 1.6));
    }

    @Test
    void nestedDataEqualsFlatData() {
        String nested = "{'inputs': [{'name': 'x', 'shape': [2, 4], 'datatype': 'FP64',"
                + " 'data': [[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]}]}";
        assertThat(normalize(nested, null)).extracting(InferenceRecord::features)
                .isEqualTo(normalize(SPEC_REQUEST, null).stream().map(InferenceRecord::features).toList());
    }

    @Test
    void severalNamedInputsAreOneFeatureEach() {
        List<InferenceRecord> records = normalize("{'inputs': ["
                + "{'name': 'age', 'shape': [3], 'datatype': 'INT32', 'data': [31, 40, 52]},"
                + "{'name': 'city', 'shape': [3, 1], 'datatype': 'BYTES', 'data': [['Oslo'], ['Lima'], ['Pune']]},"
                + "{'name': 'member', 'shape': [3, 1], 'datatype': 'BOOL', 'data': [true, false, true]}]}",
                null);

        assertThat(records).hasSize(3);
        assertThat(records.get(0).features()).containsExactly(Map.entry("age", 31L), Map.entry("city", "Oslo"),
                Map.entry("member", true));
        assertThat(records.get(2).features()).containsExactly(Map.entry("age", 52L), Map.entry("city", "Pune"),
                Map.entry("member", true));
        assertThat(records.get(0).predictions()).isEmpty();
    }

    @Test
    void aSingleColumnInputKeepsItsNameWithoutSchemaAndTakesTheSchemaNameWithOne() {
        String request = "{'inputs': [{'name': 'input-0', 'shape': [2, 1], 'datatype': 'FP32', 'data': [1.5, 2.5]}]}";
        assertThat(normalize(request, null).get(0).features()).containsExactly(Map.entry("input-0", 1.5));
        assertThat(normalize(request, null, Optional.of(schema("age")), Optional.empty()).get(1).features())
                .containsExactly(Map.entry("age", 2.5));
    }

    @Test
    void everyDatatypeFamilyIsTyped() {
        List<InferenceRecord> records = normalize("{'inputs': ["
                + "{'name': 'b', 'shape': [2], 'datatype': 'BOOL', 'data': [true, false]},"
                + "{'name': 'u8', 'shape': [2], 'datatype': 'UINT8', 'data': [0, 255]},"
                + "{'name': 'u64', 'shape': [2], 'datatype': 'UINT64', 'data': [0, 9223372036854775807]},"
                + "{'name': 'i8', 'shape': [2], 'datatype': 'INT8', 'data': [-128, 127]},"
                + "{'name': 'i16', 'shape': [2], 'datatype': 'INT16', 'data': [-32768, 7]},"
                + "{'name': 'u16', 'shape': [2], 'datatype': 'UINT16', 'data': [65535, 7]},"
                + "{'name': 'u32', 'shape': [2], 'datatype': 'UINT32', 'data': [4294967295, 7]},"
                + "{'name': 'i64', 'shape': [2], 'datatype': 'INT64', 'data': [-9223372036854775808, 1]},"
                + "{'name': 'h', 'shape': [2], 'datatype': 'FP16', 'data': [0.5, 1]},"
                + "{'name': 'f', 'shape': [2], 'datatype': 'fp32', 'data': [1.25, -3]},"
                + "{'name': 'd', 'shape': [2], 'datatype': 'FP64', 'data': [1e-300, 2.5]},"
                + "{'name': 's', 'shape': [2], 'datatype': 'BYTES', 'data': ['héllo', '']}]}",
                null);

        Map<String, Object> r0 = records.get(0).features();
        Map<String, Object> r1 = records.get(1).features();
        assertThat(r0).containsEntry("b", true).containsEntry("u8", 0L).containsEntry("u64", 0L)
                .containsEntry("i8", -128L).containsEntry("i16", -32768L).containsEntry("u16", 65535L)
                .containsEntry("u32", 4294967295L).containsEntry("i64", Long.MIN_VALUE)
                .containsEntry("h", 0.5).containsEntry("f", 1.25).containsEntry("d", 1e-300).containsEntry("s", "héllo");
        assertThat(r1).containsEntry("b", false).containsEntry("u8", 255L).containsEntry("u64", Long.MAX_VALUE)
                .containsEntry("i8", 127L).containsEntry("h", 1.0).containsEntry("f", -3.0).containsEntry("s", "");
        // FP given as JSON integers still become Double, integer types always Long.
        assertThat(r1.get("h")).isInstanceOf(Double.class);
        assertThat(r1.get("f")).isInstanceOf(Double.class);
        assertThat(r1.get("u8")).isInstanceOf(Long.class);
    }

    @Test
    void multiColumnOutputsGetIndexedNamesOrTheSchema() {
        String response = "{'model_name': 'iris', 'outputs': [{'name': 'probs', 'shape': [2, 3], 'datatype': 'FP32',"
                + " 'data': [0.1, 0.2, 0.7, 0.6, 0.3, 0.1]}]}";
        List<InferenceRecord> records = normalize(null, response);
        assertThat(records.get(0).features()).isEmpty();
        assertThat(records.get(0).modelVersion()).isEmpty();
        assertThat(records.get(1).predictions()).containsExactly(Map.entry("probs_0", 0.6), Map.entry("probs_1", 0.3),
                Map.entry("probs_2", 0.1));

        List<InferenceRecord> named = normalize(null, response, Optional.empty(), Optional.of(schema("a", "b", "c")));
        assertThat(named.get(0).predictions()).containsExactly(Map.entry("a", 0.1), Map.entry("b", 0.2),
                Map.entry("c", 0.7));
    }

    @Test
    void severalOutputsAreNamedByTensor() {
        List<InferenceRecord> records = normalize(null, "{'outputs': ["
                + "{'name': 'label', 'shape': [2], 'datatype': 'BYTES', 'data': ['stay', 'leave']},"
                + "{'name': 'probs', 'shape': [2, 2], 'datatype': 'FP64', 'data': [[0.9, 0.1], [0.2, 0.8]]}]}");
        assertThat(records.get(1).predictions()).containsExactly(Map.entry("label", "leave"),
                Map.entry("probs_0", 0.2), Map.entry("probs_1", 0.8));
    }

    @Test
    void v1RequestAndV2ResponseMix() {
        List<InferenceRecord> records = normalize("{'instances': [[1, 2]]}",
                "{'model_version': '7', 'outputs': [{'name': 'y', 'shape': [1], 'datatype': 'FP32', 'data': [0.5]}]}");
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.features()).containsExactly(Map.entry("_c0", 1L), Map.entry("_c1", 2L));
            assertThat(r.predictions()).containsExactly(Map.entry("y", 0.5));
            assertThat(r.modelVersion()).isEqualTo("7");
        });
    }

    @Test
    void aZeroRowBatchGivesNoRecords() {
        assertThat(normalize("{'inputs': [{'name': 'x', 'shape': [0, 4], 'datatype': 'FP32', 'data': []}]}", null))
                .isEmpty();
    }

    @Test
    void datatypesAreReadWhateverTheirCaseAndSurroundingBlanks() {
        String odd = SPEC_REQUEST.replace("'FP32'", "' fp32 '");
        assertThat(normalize(odd, SPEC_RESPONSE.replace("'INT64'", "'Int64'"))).isEqualTo(
                normalize(SPEC_REQUEST, SPEC_RESPONSE));
    }

    /** A tensor named like another's column ('p' of width 2 gives p_0, p_1): the later value, in the first place. */
    @Test
    void aColumnNamedTwiceKeepsItsFirstPlaceAndTheLaterValue() {
        List<InferenceRecord> records = normalize("{'inputs': ["
                + "{'name': 'p', 'shape': [2, 2], 'datatype': 'INT64', 'data': [1, 2, 3, 4]},"
                + "{'name': 'p_0', 'shape': [2], 'datatype': 'BYTES', 'data': ['a', 'b']}]}", null);
        assertThat(records.get(0).features()).containsExactly(Map.entry("p_0", "a"), Map.entry("p_1", 2L));
        assertThat(records.get(1).features()).containsExactly(Map.entry("p_0", "b"), Map.entry("p_1", 4L));
    }
}
