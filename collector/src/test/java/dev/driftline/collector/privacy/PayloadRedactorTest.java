package dev.driftline.collector.privacy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PayloadRedactorTest {
    static final byte[] KEY = "0123456789abcdef-redaction".getBytes(UTF_8);

    final ObjectMapper mapper = new ObjectMapper();
    final PayloadRedactor redactor = new PayloadRedactor(mapper);
    final KeyedHasher hasher = new KeyedHasher(KEY);

    static final String V2 = "{\"id\": \"42\", \"parameters\": {}, \"inputs\": ["
            + "{\"name\": \"ssn\", \"shape\": [2], \"datatype\": \"BYTES\", \"data\": [\"123-45-6789\", \"987-65-4321\"]},"
            + "{\"name\": \"city\", \"shape\": [2, 1], \"datatype\": \"BYTES\", \"data\": [[\"Oslo\"], [null]]},"
            + "{\"name\": \"age\", \"shape\": [2], \"datatype\": \"INT64\", \"data\": [31, 45]}]}";

    JsonNode redactToTree(String json, RedactionRule rule) throws Exception {
        return mapper.readTree(redactor.redact(json.getBytes(UTF_8), rule, hasher));
    }

    JsonNode tree(String json) throws Exception {
        return mapper.readTree(json);
    }

    @Test
    void v2DropRemovesTheNamedInput() throws Exception {
        JsonNode out = redactToTree(V2, new RedactionRule(Set.of("ssn"), Set.of()));
        assertThat(out.get("inputs")).hasSize(2);
        assertThat(out.get("inputs").findValuesAsText("name")).containsExactly("city", "age");
        assertThat(out.toString()).doesNotContain("123-45-6789").doesNotContain("987-65-4321");
        assertThat(out.get("id").asText()).isEqualTo("42");
        assertThat(out.get("parameters")).isEqualTo(tree("{}"));
    }

    @Test
    void v2HashReplacesEveryValueKeepsShapeAndNulls() throws Exception {
        JsonNode out = redactToTree(V2, new RedactionRule(Set.of(), Set.of("city", "age")));
        JsonNode city = out.get("inputs").get(1);
        assertThat(city.get("datatype").asText()).isEqualTo("BYTES");
        assertThat(city.get("shape")).isEqualTo(tree("[2, 1]"));
        assertThat(city.get("data")).isEqualTo(tree("[[\"" + hasher.hash("Oslo") + "\"], [null]]"));
        JsonNode age = out.get("inputs").get(2);
        assertThat(age.get("datatype").asText()).isEqualTo("BYTES");
        assertThat(age.get("data")).isEqualTo(tree("[\"" + hasher.hash("31") + "\", \"" + hasher.hash("45") + "\"]"));
        assertThat(hasher.hash("31")).isNotEqualTo("31");
        // the input not listed is unchanged
        assertThat(out.get("inputs").get(0)).isEqualTo(tree(V2).get("inputs").get(0));
    }

    @Test
    void v2DropAndHashTogether() throws Exception {
        JsonNode out = redactToTree(V2, new RedactionRule(Set.of("ssn"), Set.of("city")));
        assertThat(out.get("inputs").findValuesAsText("name")).containsExactly("city", "age");
        assertThat(out.get("inputs").get(0).get("data").get(0).get(0).asText()).isEqualTo(hasher.hash("Oslo"));
        assertThat(out.get("inputs").get(1)).isEqualTo(tree(V2).get("inputs").get(2));
    }

    @Test
    void v1ObjectRowsLoseDroppedKeysAndHashOthers() throws Exception {
        String v1 = "{\"instances\": [{\"name\": \"Ada\", \"age\": 31, \"city\": \"Oslo\"},"
                + " {\"name\": \"Bo\", \"age\": 45, \"city\": \"Lima\"}, {\"age\": 50}]}";
        JsonNode out = redactToTree(v1, new RedactionRule(Set.of("name"), Set.of("city")));
        assertThat(out).isEqualTo(tree("{\"instances\": [{\"age\": 31, \"city\": \"" + hasher.hash("Oslo") + "\"},"
                + " {\"age\": 45, \"city\": \"" + hasher.hash("Lima") + "\"}, {\"age\": 50}]}"));
    }

    @Test
    void v1ColumnarInputsObject() throws Exception {
        String v1 = "{\"signature_name\": \"serving_default\", \"inputs\": {\"name\": [\"Ada\", \"Bo\"],"
                + " \"city\": [\"Oslo\", \"Oslo\"], \"age\": [31, 45]}}";
        JsonNode out = redactToTree(v1, new RedactionRule(Set.of("name"), Set.of("city")));
        assertThat(out).isEqualTo(tree("{\"signature_name\": \"serving_default\", \"inputs\": {"
                + "\"city\": [\"" + hasher.hash("Oslo") + "\", \"" + hasher.hash("Oslo") + "\"], \"age\": [31, 45]}}"));
    }

    @Test
    void untouchedPayloadsAreReturnedAsTheSameArray() throws Exception {
        RedactionRule rule = new RedactionRule(Set.of("ssn"), Set.of("city"));
        for (String json : new String[] {
                "{\"instances\": [[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]}", // positional rows: no names
                "{\"predictions\": [1, 1]}",
                "{\"model_name\": \"iris\", \"outputs\": [{\"name\": \"ssn\", \"shape\": [1], \"datatype\": \"BYTES\","
                        + " \"data\": [\"x\"]}]}", // outputs are not inputs
                "{\"inputs\": [{\"name\": \"age\", \"shape\": [1], \"datatype\": \"INT64\", \"data\": [1]}]}",
                "{\"inputs\": [[1, 2], [3, 4]]}",
                "[{\"ssn\": \"123\"}]",
                "\"ssn\"",
                "{ \"instances\" : [ {\"age\": 1} ] }"}) {
            byte[] in = json.getBytes(UTF_8);
            assertThat(redactor.redact(in, rule, hasher)).as(json).isSameAs(in);
        }
    }

    @Test
    void emptyRuleNeverParses() throws Exception {
        byte[] notJson = "6.8,2.8,4.8".getBytes(UTF_8);
        assertThat(redactor.redact(notJson, new RedactionRule(Set.of(), Set.of()), null)).isSameAs(notJson);
    }

    @Test
    void nonJsonPayloadCannotBeRedacted() {
        assertThatThrownBy(() -> redactor.redact("ssn=123-45-6789".getBytes(UTF_8),
                new RedactionRule(Set.of("ssn"), Set.of()), hasher))
                .isInstanceOf(PayloadRedactor.NotRedactableException.class)
                .hasMessageContaining("not JSON")
                .message().doesNotContain("123-45-6789");
    }

    @Test
    void hashingIsDeterministicAcrossPayloads() throws Exception {
        RedactionRule rule = new RedactionRule(Set.of(), Set.of("city"));
        JsonNode a = redactToTree("{\"instances\": [{\"city\": \"Oslo\"}]}", rule);
        JsonNode b = redactToTree("{\"inputs\": [{\"name\": \"city\", \"shape\": [1], \"datatype\": \"BYTES\","
                + " \"data\": [\"Oslo\"]}]}", rule);
        assertThat(a.get("instances").get(0).get("city").asText())
                .isEqualTo(b.get("inputs").get(0).get("data").get(0).asText());
    }
}
