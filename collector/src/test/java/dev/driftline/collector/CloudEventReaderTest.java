package dev.driftline.collector;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CloudEventReaderTest {
    final CloudEventReader reader = new CloudEventReader(new ObjectMapper().getFactory());

    CloudEvent read(String body) throws Rejection {
        return reader.structured(body.getBytes(UTF_8));
    }

    Rejection reject(String body) {
        Rejection r = catchThrowableOfType(Rejection.class, () -> reader.structured(body.getBytes(UTF_8)));
        assertThat(r).as("must reject").isNotNull();
        return r;
    }

    @Test
    void structuredDataKeepsWhitespaceOrderAndUnicodeExactly() throws Rejection {
        String data = "{\n  \"inputs\" : {\"city\": [\"Zürich\", \"São Paulo\", \"東京\"],\t\"age\":[31 ,45]},\n"
                + "  \"z\": 1.50e+2, \"a\": null }";
        CloudEvent e = read("{\"specversion\":\"1.0\",\"data\" :  " + data + "  , \"id\":\"x\"}");
        assertThat(e.data()).isEqualTo(data.getBytes(UTF_8));
        assertThat(e.attributes()).containsEntry("id", "x").containsEntry("specversion", "1.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "-1.5e3", "true", "false", "\"text\"", "[1, [2, 3] ]", "{}", "[]"})
    void scalarAndContainerDataAreCopiedAsTheirJsonText(String data) throws Rejection {
        CloudEvent e = read("{\"id\": \"1\", \"data\": " + data + " }");
        assertThat(new String(e.data(), UTF_8)).isEqualTo(data);
        assertThat(e.dataContentType()).isEqualTo("application/json");
    }

    @Test
    void datacontenttypeAfterDataStillDecidesHowStringDataIsRead() throws Rejection {
        CloudEvent e = read("{\"id\": \"1\", \"data\": \"6.8,2.8\\n6.0,3.4\", \"datacontenttype\": \"text/csv\"}");
        assertThat(new String(e.data(), UTF_8)).isEqualTo("6.8,2.8\n6.0,3.4");
        assertThat(e.dataContentType()).isEqualTo("text/csv");
    }

    @Test
    void stringDataUnderJsonContentTypeStaysAJsonString() throws Rejection {
        CloudEvent e = read("{\"id\": \"1\", \"datacontenttype\": \"application/json\", \"data\": \"{\\\"a\\\":1}\"}");
        assertThat(new String(e.data(), UTF_8)).isEqualTo("\"{\\\"a\\\":1}\"");
    }

    @Test
    void dataBase64IsDecodedToTheOriginalBytes() throws Rejection {
        byte[] raw = {0, 1, 2, (byte) 0xff, (byte) 0xfe, 10};
        CloudEvent e = read("{\"id\": \"1\", \"datacontenttype\": \"application/octet-stream\", \"data_base64\": \""
                + Base64.getEncoder().encodeToString(raw) + "\"}");
        assertThat(e.data()).containsExactly(raw);
        assertThat(e.attributes()).doesNotContainKey("data_base64");
    }

    @Test
    void dataBase64WithoutContentTypeGetsNoDefault() throws Rejection {
        CloudEvent e = read("{\"id\": \"1\", \"data_base64\": \"" + Base64.getEncoder().encodeToString("hi".getBytes(UTF_8))
                + "\"}");
        assertThat(e.data()).isEqualTo("hi".getBytes(UTF_8));
        assertThat(e.dataContentType()).isNull();
    }

    @Test
    void invalidDataBase64() {
        assertThat(reject("{\"id\": \"1\", \"data_base64\": \"not base64!\"}").getMessage())
                .contains("data_base64 is not valid base64");
        assertThat(reject("{\"id\": \"1\", \"data_base64\": 12}").getMessage()).contains("data_base64 must be a string");
    }

    @Test
    void dataAndDataBase64TogetherAreRefused() {
        Rejection r = reject("{\"id\": \"1\", \"data\": {}, \"data_base64\": \"aGk=\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.getMessage()).contains("data and data_base64");
    }

    @Test
    void noDataIsEmptyData() throws Rejection {
        CloudEvent e = read("{\"id\": \"1\"}");
        assertThat(e.data()).isEmpty();
    }

    @Test
    void scalarAttributesAreStringsAndNullMeansAbsent() throws Rejection {
        CloudEvent e = read("{\"id\": \"1\", \"sequence\": 7, \"sampled\": true, \"subject\": null}");
        assertThat(e.attributes()).containsEntry("sequence", "7").containsEntry("sampled", "true")
                .doesNotContainKey("subject");
    }

    @Test
    void arrayAttributeIsRefusedByName() {
        Rejection r = reject("{\"id\": \"1\", \"tags\": [\"a\"]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.getMessage()).contains("attribute tags");
    }

    @Test
    void trailingContentAfterTheEventIsRefused() {
        Rejection r = reject("{\"id\": \"1\"}\n{\"id\": \"2\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.getMessage()).contains("unexpected content").contains("line 2, column 1");
    }

    @Test
    void malformedJsonReportsLineAndColumn() {
        Rejection r = reject("{\"id\": \"1\",\n \"data\": {\"a\": tru}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.getMessage()).contains("not well-formed JSON").containsPattern("line 2, column \\d+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[]", "\"event\"", "42"})
    void structuredBodyMustBeAnObject(String body) {
        Rejection r = reject(body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.getMessage()).contains("must be a JSON object");
    }

    @Test
    void batchReadsEachObjectWithItsOwnData() throws Rejection {
        List<CloudEvent> events = reader.batch(("[{\"id\": \"a\", \"data\": [1, 2]}, {\"id\": \"b\", \"data\": "
                + "{\"predictions\": [1]}}, {\"id\": \"c\"}]").getBytes(UTF_8));
        assertThat(events).extracting(CloudEvent::id).containsExactly("a", "b", "c");
        assertThat(new String(events.get(0).data(), UTF_8)).isEqualTo("[1, 2]");
        assertThat(new String(events.get(1).data(), UTF_8)).isEqualTo("{\"predictions\": [1]}");
        assertThat(events.get(2).data()).isEmpty();
    }

    @Test
    void batchElementErrorsNameTheIndex() {
        Rejection notObject = catchThrowableOfType(Rejection.class,
                () -> reader.batch("[{\"id\": \"a\"}, {\"id\": \"b\"}, [1]]".getBytes(UTF_8)));
        assertThat(notObject).isNotNull();
        assertThat(notObject.getMessage()).isEqualTo("event 2 of the batch is not a JSON object");

        Rejection badAttr = catchThrowableOfType(Rejection.class,
                () -> reader.batch("[{\"id\": \"a\"}, {\"id\": \"b\", \"data_base64\": false}]".getBytes(UTF_8)));
        assertThat(badAttr).isNotNull();
        assertThat(badAttr.getMessage()).startsWith("event 1: ");
    }

    @Test
    void binaryModeLowerCasesCeHeadersAndTakesContentTypeAsDatacontenttype() {
        byte[] body = "{\"instances\": [[1]]}".getBytes(UTF_8);
        CloudEvent e = reader.binary(List.of(Map.entry("Ce-Id", "1"), Map.entry("CE-TYPE", "t"),
                Map.entry("Ce-", "ignored"), Map.entry("Cell", "ignored"), Map.entry("X-Ce-Id", "ignored")),
                "application/json; charset=utf-8", body);
        assertThat(e.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("id", "1", "type", "t",
                "datacontenttype", "application/json; charset=utf-8"));
        assertThat(e.data()).isSameAs(body);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "application/json|application/json",
            "Application/JSON; charset=utf-8|application/json",
            "  text/csv ;header=present|text/csv",
            "application/cloudevents+json; charset=UTF-8|application/cloudevents+json"})
    void mediaTypeStripsParametersAndCase(String contentType, String expected) {
        assertThat(CloudEventReader.mediaType(contentType)).isEqualTo(expected);
    }

    @Test
    void mediaTypeOfNothingIsNull() {
        assertThat(CloudEventReader.mediaType(null)).isNull();
        assertThat(CloudEventReader.mediaType(" ; charset=utf-8")).isNull();
    }
}
