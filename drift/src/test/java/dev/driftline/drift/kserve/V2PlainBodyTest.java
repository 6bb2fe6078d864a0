package dev.driftline.drift.kserve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which bodies the streaming reader takes itself; on all others the tree reader decides (see the fuzz test). */
class V2PlainBodyTest {
    private static final JsonFactory JSON = new JsonFactory();

    private static V2PlainBody.Read read(String body, String field) {
        return V2PlainBody.read(JSON, body.getBytes(UTF_8), field, field.equals("inputs") ? "instances" : "predictions");
    }

    @Test
    void readsAPlainBodyIntoTypedTensors() {
        V2PlainBody.Read r = read("{\"id\": \"1\", \"parameters\": {\"a\": [1, {\"b\": 2}]}, \"inputs\": ["
                + "{\"name\": \"x\", \"shape\": [2, 2], \"datatype\": \"FP32\", \"data\": [[1, 2.5], [-0.0, 3e2]]},"
                + "{\"data\": [7, 8], \"datatype\": \"int64\", \"shape\": [2], \"name\": \"n\"},"
                + "{\"name\": \"s\", \"shape\": [2], \"datatype\": \"BYTES\", \"data\": [\"a\", \"b\"]},"
                + "{\"name\": \"ok\", \"shape\": [2], \"datatype\": \"BOOL\", \"data\": [true, false]}]}", "inputs");
        assertThat(r).isNotNull();
        assertThat(r.modelVersion()).isNull();
        assertThat(r.tensors()).extracting(V2Tensors.Tensor::name).containsExactly("x", "n", "s", "ok");
        assertThat(r.tensors().get(0).values()).containsExactly(1.0, 2.5, -0.0, 300.0);
        assertThat(r.tensors().get(0).width()).isEqualTo(2);
        assertThat(r.tensors().get(1).values()).containsExactly(7L, 8L);
        assertThat(r.tensors().get(2).values()).containsExactly("a", "b");
        assertThat(r.tensors().get(3).values()).containsExactly(true, false);
        V2PlainBody.Read response = read("{\"model_version\": \"v3\", \"outputs\": [{\"name\": \"p\", \"shape\": [1],"
                + " \"datatype\": \"FP64\", \"data\": [0.5]}]}", "outputs");
        assertThat(response.modelVersion()).isEqualTo("v3");
        assertThat(response.tensors().get(0).values()).isEqualTo(List.of(0.5));
    }

    @Test
    void checksTheStringsItSkipsAsTheTreeReaderDoes() throws Exception {
        // an encoded surrogate (ED A0 80) is not UTF-8: the tree reader refuses it wherever it is, so must this one
        for (String field : List.of("id", "parameters")) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.write(("{\"" + field + "\": " + (field.equals("id") ? "\"" : "{\"a\": [\"")).getBytes(UTF_8));
            body.write(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});
            body.write((field.equals("id") ? "\"" : "\"]}").getBytes(UTF_8));
            body.write(", \"inputs\": [{\"name\": \"a\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}]}"
                    .getBytes(UTF_8));
            assertThat(V2PlainBody.read(JSON, body.toByteArray(), "inputs", "instances")).as(field).isNull();
            assertThat(V2PlainBody.read(JSON, body.toString(java.nio.charset.StandardCharsets.ISO_8859_1)
                    .replace("\u00ed\u00a0\u0080", "x").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    "inputs", "instances")).as(field + ", valid").isNotNull();
        }
    }

    @Test
    void refusesASkippedStringOverTheParsersLengthLimitAsTheTreeReaderDoes() {
        int limit = JSON.streamReadConstraints().getMaxStringLength();
        String body = "{\"inputs\": [{\"name\": \"a\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}],"
                + " \"id\": \"" + "a".repeat(limit + 1) + "\"}";
        assertThat(read(body, "inputs")).isNull();
        assertThat(read(body.replace("a".repeat(limit + 1), "a".repeat(1000)), "inputs")).isNotNull();
    }

    @Test
    void leavesEverythingUnusualToTheTreeReader() {
        String tensor = "{\"name\": \"a\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1.0]}";
        for (String body : List.of(
                "{\"instances\": [[1]], \"inputs\": [" + tensor + "]}", // V1 wins
                "{\"inputs\": [" + tensor + "], \"inputs\": [" + tensor + "]}", // duplicate field
                "{\"inputs\": [" + tensor + "]} 1", // trailing tokens
                "{\"inputs\": [" + tensor + "]", // truncated
                "{\"inputs\": []}", "{\"inputs\": {}}", "{}", "[]", "",
                "{\"model_version\": 3, \"inputs\": [" + tensor + "]}", // a number the tree path spells
                "{\"inputs\": [{\"name\": \"a\", \"shape\": [2], \"datatype\": \"FP32\", \"data\": [1.0]}]}",
                "{\"inputs\": [{\"name\": \"a\", \"shape\": [1], \"datatype\": \"FP33\", \"data\": [1.0]}]}",
                "{\"inputs\": [{\"name\": \"a\", \"shape\": [1], \"datatype\": \"UINT8\", \"data\": [256]}]}",
                "{\"inputs\": [{\"name\": \"a\", \"shape\": [1], \"datatype\": \"INT64\", \"data\": [1.0]}]}",
                "{\"inputs\": [{\"name\": \"a\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [null]}]}",
                "{\"inputs\": [{\"name\": \"a\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [\"1\"]}]}",
                "{\"inputs\": [{\"name\": \"a\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [{\"v\": 1}]}]}",
                "{\"inputs\": [{\"name\": \"a\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": 1.0}]}",
                "{\"inputs\": [{\"name\": {\"shape\": [1]}, \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}]}",
                "{\"inputs\": [{\"name\": \"a\", \"shape\": [1, 1, 1], \"datatype\": \"FP32\", \"data\": [1]}]}",
                "{\"inputs\": [{\"name\": \"a\", \"shape\": [99999999999], \"datatype\": \"FP32\", \"data\": [1]}]}",
                "{\"inputs\": [{\"name\": \"\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}]}",
                "{\"inputs\": [{\"name\": \"a\", \"name\": \"b\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}]}",
                "{\"inputs\": [{\"name\": \"a\", \"shape\": [1], \"datatype\": \"UINT64\","
                        + " \"data\": [18446744073709551615]}]}")) {
            assertThat(read(body, "inputs")).as(body).isNull();
        }
    }
}
