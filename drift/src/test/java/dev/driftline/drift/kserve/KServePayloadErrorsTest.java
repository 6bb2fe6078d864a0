package dev.driftline.drift.kserve;

import static dev.driftline.drift.kserve.KServeFixtures.normalize;
import static dev.driftline.drift.kserve.KServeFixtures.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.drift.kserve.PayloadException.Reason;
import dev.driftline.drift.model.FeatureSchema;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every refusal carries its dead-letter reason and a message that says what was wrong. */
class KServePayloadErrorsTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(String request, String response,
                                                                          Reason reason) {
        return refused(request, response, Optional.empty(), Optional.empty(), reason);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(String request, String response,
            Optional<FeatureSchema> in, Optional<FeatureSchema> out, Reason reason) {
        return assertThatThrownBy(() -> normalize(request, response, in, out))
                .isInstanceOf(PayloadException.class)
                .satisfies(e -> assertThat(((PayloadException) e).reason()).isEqualTo(reason))
                .satisfies(e -> assertThat(((PayloadException) e).reasonCode()).isEqualTo(reason.code()));
    }

    private static String tensor(String datatype, String shape, String data) {
        return "{'inputs': [{'name': 'x', 'shape': " + shape + ", 'datatype': '" + datatype + "', 'data': " + data
                + "}]}";
    }

    @Test
    void reasonCodesAreSnakeCase() {
        assertThat(Arrays.stream(Reason.values()).map(Reason::code)).containsExactly("no_payload", "not_json",
                "unknown_format", "bad_shape", "shape_mismatch", "bad_datatype", "bad_value", "row_count_mismatch",
                "schema_mismatch", "bad_record");
    }

    @Test
    void noBodyAtAll() {
        refused(null, null, Reason.NO_PAYLOAD).hasMessageContaining("neither");
    }

    @Test
    void notJson() {
        refused("{'instances': [[1, 2]", null, Reason.NOT_JSON).hasMessageContaining("request body is not JSON");
        refused(null, "predictions=1", Reason.NOT_JSON).hasMessageContaining("response");
        refused("{'instances': []} trailing", null, Reason.NOT_JSON);
        assertThatThrownBy(() -> KServePayloads.normalize("m", "id", KServeFixtures.T, new byte[0], null,
                Optional.empty(), Optional.empty()))
                .isInstanceOfSatisfying(PayloadException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo("not_json"));
        assertThatThrownBy(() -> KServePayloads.normalize("m", "id", KServeFixtures.T,
                "\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1), null, Optional.empty(), Optional.empty()))
                .isInstanceOfSatisfying(PayloadException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo("not_json"));
    }

    @Test
    void unknownFormat() {
        refused("{'rows': [[1]]}", null, Reason.UNKNOWN_FORMAT).hasMessageContaining("rows");
        refused(null, "{'result': 1}", Reason.UNKNOWN_FORMAT);
        refused("[[1, 2]]", null, Reason.UNKNOWN_FORMAT).hasMessageContaining("expected an object");
        refused("{'instances': {'a': 1}}", null, Reason.UNKNOWN_FORMAT).hasMessageContaining("must be an array");
        refused("{'instances': [[1], {'a': 1}]}", null, Reason.UNKNOWN_FORMAT).hasMessageContaining("mixes");
        refused("{'inputs': []}", null, Reason.UNKNOWN_FORMAT);
        refused("{'inputs': [{'shape': [1], 'datatype': 'FP32', 'data': [1]}]}", null, Reason.UNKNOWN_FORMAT)
                .hasMessageContaining("without a name");
        refused("{'inputs': [{'name': 'x', 'shape': [1], 'datatype': 'FP32'}]}", null, Reason.UNKNOWN_FORMAT)
                .hasMessageContaining("no JSON 'data'");
        refused("{'inputs': [{'name': 'x', 'shape': [1], 'datatype': 'FP32', 'data': [1]},"
                + " {'name': 'x', 'shape': [1], 'datatype': 'FP32', 'data': [2]}]}", null, Reason.UNKNOWN_FORMAT)
                .hasMessageContaining("two tensors named 'x'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"[]", "[2, 2, 2]", "[-1]", "[1.5]", "['2']", "null"})
    void badShape(String shape) {
        refused(tensor("FP32", shape, "[1]"), null, Reason.BAD_SHAPE).hasMessageContaining("tensor 'x'");
    }

    @Test
    void shapeMismatch() {
        refused(tensor("FP32", "[2, 2]", "[1, 2, 3]"), null, Reason.SHAPE_MISMATCH)
                .hasMessageContaining("[2, 2]").hasMessageContaining("3 data values");
        refused(tensor("FP32", "[2]", "[[1], [2], [3]]"), null, Reason.SHAPE_MISMATCH);
        refused("{'inputs': [{'name': 'a', 'shape': [2], 'datatype': 'FP32', 'data': [1, 2]},"
                + " {'name': 'b', 'shape': [3], 'datatype': 'FP32', 'data': [1, 2, 3]}]}", null, Reason.SHAPE_MISMATCH)
                .hasMessageContaining("batch size");
        refused("{'instances': [[1, 2], [3]]}", null, Reason.SHAPE_MISMATCH).hasMessageContaining("ragged");
    }

    @Test
    void badDatatype() {
        refused(tensor("FLOAT", "[1]", "[1]"), null, Reason.BAD_DATATYPE).hasMessageContaining("FLOAT");
        refused("{'inputs': [{'name': 'x', 'shape': [1], 'data': [1]}]}", null, Reason.BAD_DATATYPE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "BOOL|1", "BOOL|'true'", "UINT8|256", "UINT8|-1", "INT8|128", "INT16|40000", "UINT16|-1", "INT32|2147483648",
        "UINT32|4294967296", "UINT64|18446744073709551615", "INT64|1.5", "INT64|'7'", "FP16|'0.5'", "FP32|true",
        "FP64|null", "BYTES|1", "BYTES|null"})
    void valuesInconsistentWithTheDatatype(String datatype, String value) {
        refused(tensor(datatype, "[1]", "[" + value + "]"), null, Reason.BAD_VALUE)
                .hasMessageContaining("not a valid " + datatype);
    }

    @Test
    void rowCountMismatchNamesBothCounts() {
        refused("{'instances': [[1], [2]]}", "{'predictions': [1, 2, 3]}", Reason.ROW_COUNT_MISMATCH)
                .hasMessageContaining("request has 2 rows").hasMessageContaining("response has 3");
        refused(KServeV2Test.SPEC_REQUEST,
                "{'outputs': [{'name': 'y', 'shape': [1], 'datatype': 'INT64', 'data': [1]}]}",
                Reason.ROW_COUNT_MISMATCH);
    }

    @Test
    void schemaMismatch() {
        refused("{'instances': [[1, 2, 3]]}", null, Optional.of(schema("a", "b")), Optional.empty(),
                Reason.SCHEMA_MISMATCH).hasMessageContaining("3 positional values").hasMessageContaining("[a, b]");
        refused(KServeV2Test.SPEC_REQUEST, null, Optional.of(schema("a", "b", "c")), Optional.empty(),
                Reason.SCHEMA_MISMATCH).hasMessageContaining("input-0");
        refused(null, "{'predictions': [[0.1, 0.9]]}", Optional.empty(), Optional.of(schema("p")),
                Reason.SCHEMA_MISMATCH);
        refused(null, "{'predictions': [1]}", Optional.empty(), Optional.of(schema("p", "q")),
                Reason.SCHEMA_MISMATCH);
    }
}
