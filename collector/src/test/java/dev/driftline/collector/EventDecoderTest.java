package dev.driftline.collector;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.collector.privacy.KeyedHasher;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventDecoderTest {
    static final String REQUEST = CollectorSettings.TYPE_REQUEST;
    static final String RESPONSE = CollectorSettings.TYPE_RESPONSE;
    static final String ID = "5f0e8e4c-8a3b-4c2e-9d47-1f3a2b6c7d8e";
    static final String TIME = "2024-05-01T12:00:00.123456789Z";

    static final String V1_REQUEST = "{\"instances\": [[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]}";
    static final String V1_RESPONSE = "{\"predictions\": [1, 1]}";
    static final String V2_REQUEST = "{\"id\": \"42\", \"parameters\": {},\n"
            + " \"inputs\": [{\"name\": \"input-0\", \"shape\": [2, 4], \"datatype\": \"FP32\",\n"
            + "             \"data\": [6.8, 2.8, 4.8, 1.4, 6.0, 3.4, 4.5, 1.6]}]}";
    static final String V2_RESPONSE = "{\"model_name\": \"iris\", \"model_version\": \"v3\", \"id\": \"42\",\n"
            + " \"outputs\": [{\"name\": \"output-0\", \"shape\": [2], \"datatype\": \"INT64\", \"data\": [1, 1]}]}";

    @TempDir
    java.nio.file.Path dir;

    final ObjectMapper mapper = new ObjectMapper();
    EventDecoder decoder;

    @BeforeEach
    void setUp() {
        decoder = new EventDecoder(TestSettings.defaults(dir), mapper);
    }

    /** The headers KServe's logger sends for one event, in the mixed case it uses, plus ordinary HTTP headers. */
    static List<Map.Entry<String, String>> kserveHeaders(String type, String model) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "collector.monitoring.svc:8080");
        h.put("User-Agent", "Go-http-client/1.1");
        h.put("Content-Length", "123");
        h.put("Authorization", "Bearer not-an-attribute");
        h.put("Ce-Specversion", "1.0");
        h.put("Ce-Id", ID);
        h.put("Ce-Type", type);
        h.put("Ce-Source", "http://localhost:9081/");
        h.put("Ce-Time", TIME);
        h.put("Ce-Inferenceservicename", model);
        h.put("Ce-Namespace", "models");
        h.put("Ce-Component", "predictor");
        h.put("Ce-Endpoint", "");
        h.put("Content-Type", "application/json");
        return new ArrayList<>(h.entrySet());
    }

    static List<Map.Entry<String, String>> without(List<Map.Entry<String, String>> headers, String name) {
        List<Map.Entry<String, String>> out = new ArrayList<>(headers);
        boolean removed = out.removeIf(e -> e.getKey().equalsIgnoreCase(name));
        assertThat(removed).as("header %s present before removal", name).isTrue();
        return out;
    }

    static List<Map.Entry<String, String>> with(List<Map.Entry<String, String>> headers, String name, String value) {
        List<Map.Entry<String, String>> out = new ArrayList<>(headers);
        out.removeIf(e -> e.getKey().equalsIgnoreCase(name));
        out.add(Map.entry(name, value));
        return out;
    }

    Rejection rejectDecode(List<Map.Entry<String, String>> headers, String contentType, String body) {
        Rejection r = catchThrowableOfType(Rejection.class,
                () -> decoder.decode(headers, contentType, body.getBytes(UTF_8)));
        assertThat(r).as("decode must reject").isNotNull();
        return r;
    }

    Rejection rejectHeaders(String contentType, String contentEncoding, String contentLength) {
        Rejection r = catchThrowableOfType(Rejection.class,
                () -> decoder.checkHeaders(contentType, contentEncoding, contentLength));
        assertThat(r).as("checkHeaders must reject").isNotNull();
        return r;
    }

    static String structured(String type, String id, String extraMembers) {
        return "{\"specversion\": \"1.0\", \"id\": \"" + id + "\", \"type\": \"" + type + "\","
                + " \"source\": \"http://localhost:9081/\", \"time\": \"" + TIME + "\","
                + " \"inferenceservicename\": \"iris\", \"namespace\": \"models\", \"component\": \"predictor\""
                + extraMembers + "}";
    }

    @Nested
    class BinaryMode {
        @Test
        void kserveV2RequestKeepsAttributesAndBodyVerbatim() throws Rejection {
            byte[] body = V2_REQUEST.getBytes(UTF_8);
            List<CloudEvent> events = decoder.decode(kserveHeaders(REQUEST, "iris"), "application/json", body);

            assertThat(events).hasSize(1);
            CloudEvent e = events.get(0);
            assertThat(e.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "specversion", "1.0", "id", ID, "type", REQUEST, "source", "http://localhost:9081/",
                    "time", TIME, "inferenceservicename", "iris", "namespace", "models", "component", "predictor",
                    "endpoint", "", "datacontenttype", "application/json"));
            assertThat(e.id()).isEqualTo(ID);
            assertThat(e.type()).isEqualTo(REQUEST);
            assertThat(e.model()).isEqualTo("iris");
            assertThat(e.data()).isEqualTo(body);
        }

        @Test
        void kserveV2ResponseWithHeaderNamesInAnyCase() throws Rejection {
            List<Map.Entry<String, String>> headers = List.of(
                    Map.entry("CE-SPECVERSION", "1.0"), Map.entry("ce-id", ID), Map.entry("Ce-TYPE", RESPONSE),
                    Map.entry("cE-sOuRcE", "iris-predictor-00001-deployment-7d9f8"), Map.entry("Ce-Time", TIME),
                    Map.entry("CE-INFERENCESERVICENAME", "iris"), Map.entry("ce-namespace", "models"),
                    Map.entry("Ce-Component", "predictor"), Map.entry("ce-endpoint", "iris-predictor-00001"));
            byte[] body = V2_RESPONSE.getBytes(UTF_8);

            CloudEvent e = decoder.decode(headers, "application/json", body).get(0);

            assertThat(e.type()).isEqualTo(RESPONSE);
            assertThat(e.attributes()).containsEntry("source", "iris-predictor-00001-deployment-7d9f8")
                    .containsEntry("inferenceservicename", "iris").containsEntry("endpoint", "iris-predictor-00001")
                    .containsEntry("specversion", "1.0").containsEntry("id", ID);
            assertThat(e.attributes().keySet()).allMatch(k -> k.equals(k.toLowerCase()));
            assertThat(e.data()).isEqualTo(body);
        }

        @Test
        void kserveV1RequestAndResponsePairShareTheId() throws Rejection {
            CloudEvent req = decoder.decode(kserveHeaders(REQUEST, "sklearn-iris"), "application/json; charset=utf-8",
                    V1_REQUEST.getBytes(UTF_8)).get(0);
            CloudEvent resp = decoder.decode(kserveHeaders(RESPONSE, "sklearn-iris"), "application/json; charset=utf-8",
                    V1_RESPONSE.getBytes(UTF_8)).get(0);

            assertThat(req.id()).isEqualTo(resp.id()).isEqualTo(ID);
            assertThat(req.dataContentType()).isEqualTo("application/json; charset=utf-8");
            assertThat(new String(req.data(), UTF_8)).isEqualTo(V1_REQUEST);
            assertThat(new String(resp.data(), UTF_8)).isEqualTo(V1_RESPONSE);
        }

        @Test
        void onlyCeHeadersBecomeAttributes() throws Rejection {
            CloudEvent e = decoder.decode(kserveHeaders(REQUEST, "iris"), "application/json",
                    V1_REQUEST.getBytes(UTF_8)).get(0);
            assertThat(e.attributes()).doesNotContainKeys("host", "user-agent", "content-length", "authorization",
                    "content-type");
        }

        @Test
        void kserveMetadataAndAnnotationHeadersAreKeptAsAttributes() throws Rejection {
            var headers = with(with(kserveHeaders(REQUEST, "iris"), "Ce-Metadata", "{\"X-Request-Id\": [\"abc\"]}"),
                    "Ce-Recordedtime", "2024-05-01T12:00:00.2Z");
            CloudEvent e = decoder.decode(headers, "application/json", V1_REQUEST.getBytes(UTF_8)).get(0);
            assertThat(e.attributes()).containsEntry("metadata", "{\"X-Request-Id\": [\"abc\"]}")
                    .containsEntry("recordedtime", "2024-05-01T12:00:00.2Z");
        }

        @Test
        void missingContentTypeIsReadAsJson() throws Rejection {
            CloudEvent e = decoder.decode(without(kserveHeaders(REQUEST, "iris"), "Content-Type"), null,
                    V1_REQUEST.getBytes(UTF_8)).get(0);
            assertThat(e.dataContentType()).isEqualTo("application/json");

            Rejection r = rejectDecode(kserveHeaders(REQUEST, "iris"), null, "instances=1");
            assertThat(r.status()).isEqualTo(400);
        }

        @Test
        void nonJsonBodyIsNotParsed() throws Rejection {
            String csv = "6.8,2.8,4.8,1.4\n6.0,3.4,4.5,1.6\n";
            CloudEvent e = decoder.decode(kserveHeaders(REQUEST, "iris"), "text/csv", csv.getBytes(UTF_8)).get(0);
            assertThat(e.dataContentType()).isEqualTo("text/csv");
            assertThat(new String(e.data(), UTF_8)).isEqualTo(csv);
        }
    }

    @Nested
    class StructuredMode {
        @Test
        void v2RequestDataIsCopiedAsTheExactBytesSent() throws Rejection {
            String data = "{ \"id\" : \"42\",\n   \"inputs\": [{\"name\": \"city\", \"shape\": [1], \"datatype\": \"BYTES\","
                    + " \"data\": [\"Zürich\"]}] ,\"parameters\":{ } }";
            String body = structured(REQUEST, ID, ", \"datacontenttype\": \"application/json\",\n  \"data\": " + data);

            List<CloudEvent> events = decoder.decode(List.of(), "application/cloudevents+json; charset=UTF-8",
                    body.getBytes(UTF_8));

            assertThat(events).hasSize(1);
            CloudEvent e = events.get(0);
            assertThat(e.attributes()).containsEntry("specversion", "1.0").containsEntry("id", ID)
                    .containsEntry("type", REQUEST).containsEntry("source", "http://localhost:9081/")
                    .containsEntry("time", TIME).containsEntry("inferenceservicename", "iris")
                    .containsEntry("datacontenttype", "application/json").doesNotContainKey("data");
            assertThat(e.data()).isEqualTo(data.getBytes(UTF_8));
        }

        @Test
        void headersAreIgnoredInStructuredMode() throws Rejection {
            String body = structured(RESPONSE, "from-body", ", \"data\": " + V1_RESPONSE);
            CloudEvent e = decoder.decode(kserveHeaders(REQUEST, "other"), "application/cloudevents+json",
                    body.getBytes(UTF_8)).get(0);
            assertThat(e.id()).isEqualTo("from-body");
            assertThat(e.type()).isEqualTo(RESPONSE);
            assertThat(e.model()).isEqualTo("iris");
        }

        @Test
        void absentDatacontenttypeDefaultsToJson() throws Rejection {
            String body = structured(REQUEST, ID, ", \"data\": " + V1_REQUEST);
            CloudEvent e = decoder.decode(List.of(), "application/cloudevents+json", body.getBytes(UTF_8)).get(0);
            assertThat(e.dataContentType()).isEqualTo("application/json");
            assertThat(new String(e.data(), UTF_8)).isEqualTo(V1_REQUEST);
        }

        @Test
        void dataBase64IsDecoded() throws Rejection {
            String csv = "6.8,2.8,4.8,1.4\n";
            String body = structured(REQUEST, ID, ", \"datacontenttype\": \"text/csv\", \"data_base64\": \""
                    + Base64.getEncoder().encodeToString(csv.getBytes(UTF_8)) + "\"");
            CloudEvent e = decoder.decode(List.of(), "application/cloudevents+json", body.getBytes(UTF_8)).get(0);
            assertThat(e.data()).isEqualTo(csv.getBytes(UTF_8));
            assertThat(e.dataContentType()).isEqualTo("text/csv");
        }

        @Test
        void malformedJsonInsideDataBase64IsRejected() {
            String body = structured(REQUEST, ID, ", \"datacontenttype\": \"application/json\", \"data_base64\": \""
                    + Base64.getEncoder().encodeToString("{\"instances\": [1,".getBytes(UTF_8)) + "\"");
            Rejection r = rejectDecode(List.of(), "application/cloudevents+json", body);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("not well-formed JSON").contains("line 1").contains("column");
        }

        @Test
        void stringDataUnderNonJsonContentTypeIsTheTextItself() throws Rejection {
            String body = structured(REQUEST, ID, ", \"datacontenttype\": \"text/plain\", \"data\": \"a \\\"quoted\\\" line\"");
            CloudEvent e = decoder.decode(List.of(), "application/cloudevents+json", body.getBytes(UTF_8)).get(0);
            assertThat(new String(e.data(), UTF_8)).isEqualTo("a \"quoted\" line");
        }

        @Test
        void malformedStructuredJsonNamesLineAndColumn() {
            String body = "{\"specversion\": \"1.0\",\n \"id\": \"1\",\n \"data\": {\"instances\": [1, 2}\n}";
            Rejection r = rejectDecode(List.of(), "application/cloudevents+json", body);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("not well-formed JSON").contains("line 3").contains("column");
        }

        @Test
        void nonObjectIsRejected() {
            Rejection r = rejectDecode(List.of(), "application/cloudevents+json", "[" + structured(REQUEST, ID, "") + "]");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("must be a JSON object");
        }
    }

    @Nested
    class BatchedMode {
        @Test
        void kserveV1RequestAndResponseInOneBatch() throws Rejection {
            String body = "[\n " + structured(REQUEST, ID, ", \"data\": " + V1_REQUEST) + ",\n "
                    + structured(RESPONSE, ID, ", \"datacontenttype\": \"application/json\", \"data\": " + V1_RESPONSE)
                    + "\n]";

            List<CloudEvent> events = decoder.decode(List.of(), "application/cloudevents-batch+json",
                    body.getBytes(UTF_8));

            assertThat(events).extracting(CloudEvent::type).containsExactly(REQUEST, RESPONSE);
            assertThat(events).extracting(CloudEvent::id).containsOnly(ID);
            assertThat(new String(events.get(0).data(), UTF_8)).isEqualTo(V1_REQUEST);
            assertThat(new String(events.get(1).data(), UTF_8)).isEqualTo(V1_RESPONSE);
        }

        @Test
        void v2PayloadsInABatchKeepTheirBytes() throws Rejection {
            String body = "[" + structured(REQUEST, "a", ", \"data\":" + V2_REQUEST) + ","
                    + structured(RESPONSE, "a", ", \"data\":" + V2_RESPONSE) + "]";
            List<CloudEvent> events = decoder.decode(List.of(), "application/cloudevents-batch+json",
                    body.getBytes(UTF_8));
            assertThat(events).hasSize(2);
            assertThat(events.get(0).data()).isEqualTo(V2_REQUEST.getBytes(UTF_8));
            assertThat(events.get(1).data()).isEqualTo(V2_RESPONSE.getBytes(UTF_8));
        }

        @Test
        void emptyBatchIsNoEvents() throws Rejection {
            assertThat(decoder.decode(List.of(), "application/cloudevents-batch+json", "[ ]".getBytes(UTF_8))).isEmpty();
        }

        @Test
        void elementThatIsNotAnObjectIsRejectedByIndex() {
            String body = "[" + structured(REQUEST, ID, ", \"data\": {}") + ", \"oops\"]";
            Rejection r = rejectDecode(List.of(), "application/cloudevents-batch+json", body);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("event 1").contains("not a JSON object");
        }

        @Test
        void invalidElementIsNamedByIndex() {
            String body = "[" + structured(REQUEST, "ok", ", \"data\": {}") + ","
                    + "{\"specversion\": \"1.0\", \"type\": \"" + REQUEST + "\", \"source\": \"s\", \"data\": {}}]";
            Rejection r = rejectDecode(List.of(), "application/cloudevents-batch+json", body);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).startsWith("event 1: ").contains("missing required attribute id")
                    .doesNotContain("header");
        }

        @Test
        void nonArrayIsRejected() {
            Rejection r = rejectDecode(List.of(), "application/cloudevents-batch+json", structured(REQUEST, ID, ""));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("JSON array");
        }

        @Test
        void malformedBatchNamesLineAndColumn() {
            String body = "[\n" + structured(REQUEST, ID, ", \"data\": {}") + "\n,,]";
            Rejection r = rejectDecode(List.of(), "application/cloudevents-batch+json", body);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("line 3").contains("column");
        }
    }

    @Nested
    class AttributeRejections {
        @ParameterizedTest
        @CsvSource({"Ce-Specversion,specversion", "Ce-Id,id", "Ce-Source,source", "Ce-Type,type"})
        void missingRequiredAttributeNamesItAndItsHeader(String header, String attribute) {
            Rejection r = rejectDecode(without(kserveHeaders(REQUEST, "iris"), header), "application/json", V1_REQUEST);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.reason()).isEqualTo(Rejection.Reason.BAD_REQUEST);
            assertThat(r.getMessage()).contains("missing required attribute " + attribute).contains(header);
        }

        @Test
        void blankIdIsMissing() {
            Rejection r = rejectDecode(with(kserveHeaders(REQUEST, "iris"), "Ce-Id", "  "), "application/json", V1_REQUEST);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("attribute id");
        }

        @Test
        void missingAttributeInStructuredModeNamesTheAttribute() {
            String body = "{\"specversion\": \"1.0\", \"id\": \"1\", \"type\": \"" + REQUEST + "\", \"data\": {}}";
            Rejection r = rejectDecode(List.of(), "application/cloudevents+json", body);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).isEqualTo("missing required attribute source");
        }

        @Test
        void invalidAttributeNameIsRejected() {
            Rejection r = rejectDecode(with(kserveHeaders(REQUEST, "iris"), "Ce-Model_Version", "v3"),
                    "application/json", V1_REQUEST);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("invalid attribute name 'model_version'");
        }

        @Test
        void objectValuedAttributeInStructuredModeIsRejected() {
            String body = structured(REQUEST, ID, ", \"labels\": {\"a\": 1}, \"data\": {}");
            Rejection r = rejectDecode(List.of(), "application/cloudevents+json", body);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("attribute labels");
        }

        @Test
        void specversion03IsRejected() {
            Rejection r = rejectDecode(with(kserveHeaders(REQUEST, "iris"), "Ce-Specversion", "0.3"),
                    "application/json", V1_REQUEST);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("specversion").contains("1.0").contains("'0.3'");
        }

        @Test
        void specversion03InStructuredModeIsRejected() {
            String body = structured(REQUEST, ID, ", \"data\": {}").replace("\"1.0\"", "\"0.3\"");
            Rejection r = rejectDecode(List.of(), "application/cloudevents+json", body);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("specversion").contains("'0.3'");
        }

        @Test
        void unknownTypeIsRejectedAndPointsToTheSetting() {
            Rejection r = rejectDecode(with(kserveHeaders(REQUEST, "iris"), "Ce-Type", "dev.knative.sources.ping"),
                    "application/json", V1_REQUEST);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("type 'dev.knative.sources.ping' is not accepted")
                    .contains(REQUEST).contains(RESPONSE).contains("collector.extra-event-types");
        }

        @Test
        void extraEventTypesAreAcceptedWhenConfigured() throws Rejection {
            EventDecoder d = new EventDecoder(TestSettings.settings(dir, "collector.extra-event-types = "
                    + "dev.knative.sources.ping, com.example.scored\n", Map.of()), mapper);
            var headers = with(kserveHeaders(REQUEST, "iris"), "Ce-Type", "com.example.scored");
            assertThat(d.decode(headers, "application/json", V1_REQUEST.getBytes(UTF_8)))
                    .extracting(CloudEvent::type).containsExactly("com.example.scored");
            // the KServe types stay accepted
            assertThat(d.decode(kserveHeaders(RESPONSE, "iris"), "application/json", V1_RESPONSE.getBytes(UTF_8)))
                    .hasSize(1);
            // and a type that was not listed is still refused
            Rejection r = catchThrowableOfType(Rejection.class, () -> d.decode(
                    with(kserveHeaders(REQUEST, "iris"), "Ce-Type", "com.example.other"), "application/json",
                    V1_REQUEST.getBytes(UTF_8)));
            assertThat(r).isNotNull();
            assertThat(r.status()).isEqualTo(400);
        }

        @ParameterizedTest
        @ValueSource(strings = {"yesterday", "2024-05-01 12:00:00Z", "2024-05-01T12:00:00", "2024-13-01T00:00:00Z",
                "1714564800"})
        void badTimeIsRejected(String time) {
            Rejection r = rejectDecode(with(kserveHeaders(REQUEST, "iris"), "Ce-Time", time), "application/json",
                    V1_REQUEST);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("attribute time").contains("RFC 3339").contains(time);
        }

        @ParameterizedTest
        @ValueSource(strings = {"2024-05-01T12:00:00Z", "2024-05-01T14:00:00.5+02:00", "2024-05-01T12:00:00.123456789Z"})
        void rfc3339TimesAreAccepted(String time) {
            assertThatCode(() -> decoder.decode(with(kserveHeaders(REQUEST, "iris"), "Ce-Time", time),
                    "application/json", V1_REQUEST.getBytes(UTF_8))).doesNotThrowAnyException();
        }

        @Test
        void timeIsOptional() throws Rejection {
            assertThat(decoder.decode(without(kserveHeaders(REQUEST, "iris"), "Ce-Time"), "application/json",
                    V1_REQUEST.getBytes(UTF_8))).hasSize(1);
        }
    }

    @Nested
    class MalformedJson {
        @Test
        void binaryBodyNamesLineAndColumn() {
            String body = "{\"instances\": [[6.8, 2.8, 4.8, 1.4],\n  [6.0 3.4, 4.5, 1.6]]}";
            Rejection r = rejectDecode(kserveHeaders(REQUEST, "iris"), "application/json", body);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).startsWith("body is not well-formed JSON").containsPattern("line 2, column \\d+");
        }

        @Test
        void truncatedBody() {
            Rejection r = rejectDecode(kserveHeaders(REQUEST, "iris"), "application/json", "{\"instances\": [[6.8, 2.8");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("line 1").contains("column");
        }

        @Test
        void trailingContentAfterTheValue() {
            Rejection r = rejectDecode(kserveHeaders(REQUEST, "iris"), "application/json",
                    V1_REQUEST + "\n" + V1_REQUEST);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("unexpected content").contains("line 2").contains("column");
        }

        @Test
        void emptyJsonBody() {
            Rejection r = rejectDecode(kserveHeaders(REQUEST, "iris"), "application/json", "");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("empty");
        }

        @Test
        void plusJsonTypesAreCheckedToo() {
            Rejection r = rejectDecode(kserveHeaders(REQUEST, "iris"), "application/vnd.kserve.v2+json", "{\"inputs\": ]");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("not well-formed JSON");
        }
    }

    @Nested
    class HeaderChecks {
        EventDecoder small;

        @BeforeEach
        void smallLimit() {
            small = new EventDecoder(TestSettings.settings(dir, "collector.max-body-size=1KiB\n", Map.of()), mapper);
        }

        @Test
        void contentLengthOverTheLimitIs413() {
            Rejection r = catchThrowableOfType(Rejection.class,
                    () -> small.checkHeaders("application/json", null, "1025"));
            assertThat(r).isNotNull();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.reason()).isEqualTo(Rejection.Reason.TOO_LARGE);
            assertThat(r.getMessage()).contains("1025").contains("1024").contains("collector.max-body-size");
        }

        @Test
        void contentLengthAtTheLimitPasses() {
            assertThatCode(() -> small.checkHeaders("application/json", null, "1024")).doesNotThrowAnyException();
            assertThatCode(() -> small.checkHeaders("application/json", null, null)).doesNotThrowAnyException();
        }

        @Test
        void defaultLimitIsTenMebibytes() {
            assertThatCode(() -> decoder.checkHeaders(null, null, Long.toString(10L << 20))).doesNotThrowAnyException();
            assertThat(rejectHeaders(null, null, Long.toString((10L << 20) + 1)).status()).isEqualTo(413);
        }

        @Test
        void invalidContentLengthIs400() {
            Rejection r = rejectHeaders("application/json", null, "lots");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("Content-Length");
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/xml", "text/html; charset=utf-8", "multipart/form-data; boundary=x"})
        void unsupportedMediaTypeIs415(String contentType) {
            Rejection r = rejectHeaders(contentType, null, "10");
            assertThat(r.status()).isEqualTo(415);
            assertThat(r.getMessage()).contains("unsupported media type " + contentType.split(";")[0])
                    .contains("application/json");
        }

        @Test
        void unknownCloudEventsFormatIs415() {
            Rejection r = rejectHeaders("application/cloudevents+protobuf", null, null);
            assertThat(r.status()).isEqualTo(415);
            assertThat(r.getMessage()).contains("application/cloudevents+protobuf");
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/json", "Application/JSON; charset=utf-8", "application/vnd.kserve+json",
                "text/csv", "text/plain", "application/octet-stream", "application/cloudevents+json",
                "application/cloudevents-batch+json; charset=utf-8"})
        void acceptedMediaTypes(String contentType) {
            assertThatCode(() -> decoder.checkHeaders(contentType, null, "10")).doesNotThrowAnyException();
        }

        @Test
        void contentTypesAreConfigurable() {
            EventDecoder jsonOnly = new EventDecoder(TestSettings.settings(dir, "collector.content-types=application/json\n",
                    Map.of()), mapper);
            Rejection r = catchThrowableOfType(Rejection.class, () -> jsonOnly.checkHeaders("text/csv", null, null));
            assertThat(r).isNotNull();
            assertThat(r.status()).isEqualTo(415);
        }

        @ParameterizedTest
        @ValueSource(strings = {"br", "gzip, br", "zstd", "compress"})
        void unsupportedContentEncodingIs415(String encoding) {
            Rejection r = rejectHeaders("application/json", encoding, "10");
            assertThat(r.status()).isEqualTo(415);
            assertThat(r.reason()).isEqualTo(Rejection.Reason.UNSUPPORTED_MEDIA_TYPE);
            assertThat(r.getMessage()).contains("Content-Encoding").containsAnyOf("br", "zstd", "compress");
        }

        @ParameterizedTest
        @ValueSource(strings = {"gzip", "GZIP", "deflate", "identity", "x-gzip"})
        void supportedContentEncodings(String encoding) {
            assertThatCode(() -> decoder.checkHeaders("application/json", encoding, "10")).doesNotThrowAnyException();
        }
    }

    @Nested
    class Redaction {
        EventDecoder redacting;
        KeyedHasher hasher = new KeyedHasher(TestSettings.HASH_KEY.getBytes(UTF_8));

        @BeforeEach
        void rules() {
            redacting = new EventDecoder(TestSettings.settings(dir, """
                    collector.redaction.model.credit.drop = ssn, name
                    collector.redaction.model.credit.hash = city
                    """, Map.of("DRIFTLINE_COLLECTOR_REDACTION_HASH_KEY", TestSettings.HASH_KEY)), mapper);
        }

        @Test
        void v2RequestIsRewrittenInBinaryMode() throws Exception {
            String body = "{\"id\": \"7\", \"inputs\": ["
                    + "{\"name\": \"ssn\", \"shape\": [2], \"datatype\": \"BYTES\", \"data\": [\"123-45-6789\", \"987-65-4321\"]},"
                    + "{\"name\": \"city\", \"shape\": [2], \"datatype\": \"BYTES\", \"data\": [\"Oslo\", \"Lima\"]},"
                    + "{\"name\": \"age\", \"shape\": [2], \"datatype\": \"INT64\", \"data\": [31, 45]}]}";

            CloudEvent e = redacting.decode(kserveHeaders(REQUEST, "credit"), "application/json", body.getBytes(UTF_8))
                    .get(0);

            String out = new String(e.data(), UTF_8);
            assertThat(out).doesNotContain("123-45-6789").doesNotContain("987-65-4321").doesNotContain("ssn")
                    .doesNotContain("Oslo").doesNotContain("Lima");
            JsonNode inputs = mapper.readTree(e.data()).get("inputs");
            assertThat(inputs).hasSize(2);
            assertThat(inputs.get(0).get("name").asText()).isEqualTo("city");
            assertThat(inputs.get(0).get("datatype").asText()).isEqualTo("BYTES");
            assertThat(inputs.get(0).get("data").get(0).asText()).isEqualTo(hasher.hash("Oslo"));
            assertThat(inputs.get(0).get("data").get(1).asText()).isEqualTo(hasher.hash("Lima"));
            assertThat(inputs.get(1)).isEqualTo(mapper.readTree("{\"name\": \"age\", \"shape\": [2], "
                    + "\"datatype\": \"INT64\", \"data\": [31, 45]}"));
            assertThat(e.attributes()).containsEntry("inferenceservicename", "credit").containsEntry("id", ID);
        }

        @Test
        void v1ObjectRowsAreRewrittenInStructuredMode() throws Exception {
            String data = "{\"instances\": [{\"name\": \"Ada\", \"age\": 31, \"city\": \"Oslo\"},"
                    + " {\"name\": \"Bo\", \"age\": 45, \"city\": \"Pune\"}]}";
            String body = structured(REQUEST, ID, ", \"data\": " + data).replace("\"iris\"", "\"credit\"");

            CloudEvent e = redacting.decode(List.of(), "application/cloudevents+json", body.getBytes(UTF_8)).get(0);

            JsonNode rows = mapper.readTree(e.data()).get("instances");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).has("name")).isFalse();
            assertThat(rows.get(0).get("age").asInt()).isEqualTo(31);
            assertThat(rows.get(0).get("city").asText()).isNotEqualTo("Oslo").isEqualTo(hasher.hash("Oslo"));
            assertThat(rows.get(1).get("city").asText()).isEqualTo(hasher.hash("Pune"));
            assertThat(new String(e.data(), UTF_8)).doesNotContain("Ada").doesNotContain("Bo\"");
        }

        @Test
        void eachEventOfABatchIsRedactedByItsOwnModel() throws Exception {
            String credit = structured(REQUEST, "1", ", \"data\": {\"instances\": [{\"ssn\": \"123\", \"x\": 1}]}")
                    .replace("\"iris\"", "\"credit\"");
            String irisData = "{\"instances\": [{\"ssn\": \"123\", \"x\": 1}]}";
            String iris = structured(REQUEST, "2", ", \"data\": " + irisData);

            List<CloudEvent> events = redacting.decode(List.of(), "application/cloudevents-batch+json",
                    ("[" + credit + "," + iris + "]").getBytes(UTF_8));

            assertThat(mapper.readTree(events.get(0).data())).isEqualTo(mapper.readTree("{\"instances\": [{\"x\": 1}]}"));
            assertThat(events.get(1).data()).isEqualTo(irisData.getBytes(UTF_8));
        }

        @Test
        void modelsWithoutRulesAndUntouchedPayloadsKeepTheirExactBytes() throws Rejection {
            byte[] body = V2_REQUEST.getBytes(UTF_8);
            assertThat(redacting.decode(kserveHeaders(REQUEST, "iris"), "application/json", body).get(0).data())
                    .isSameAs(body);
            byte[] response = V2_RESPONSE.getBytes(UTF_8);
            assertThat(redacting.decode(kserveHeaders(RESPONSE, "credit"), "application/json", response).get(0).data())
                    .isEqualTo(response);
        }

        @Test
        void nonJsonPayloadOfARedactedModelIsRefused() {
            Rejection r = catchThrowableOfType(Rejection.class, () -> redacting.decode(
                    kserveHeaders(REQUEST, "credit"), "text/csv", "123-45-6789,Oslo,31".getBytes(UTF_8)));
            assertThat(r).isNotNull();
            assertThat(r.status()).isEqualTo(415);
            assertThat(r.getMessage()).contains("credit").contains("redaction").doesNotContain("123-45-6789");
        }
    }
}
