package dev.driftline.contracts.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class InferenceEventTest {
    @Test
    void binaryContentModeRoundTrip() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("specversion", "1.0");
        a.put("id", "3f1c0e");
        a.put("type", InferenceEvent.TYPE_REQUEST);
        a.put("datacontenttype", "application/json");
        InferenceEvent e = new InferenceEvent(a, "{\"inputs\":[]}".getBytes(StandardCharsets.UTF_8));
        RecordHeaders h = new RecordHeaders();
        byte[] value = InferenceEvent.serde().serializer().serialize("t", h, e);
        assertThat(value).isEqualTo(e.data());
        assertThat(h.lastHeader("ce_id").value()).isEqualTo("3f1c0e".getBytes(StandardCharsets.UTF_8));
        assertThat(h.lastHeader("content-type")).isNotNull();
        assertThat(h.lastHeader("ce_datacontenttype")).isNull();
        assertThat(InferenceEvent.attribute(h, "type")).isEqualTo(InferenceEvent.TYPE_REQUEST);
        assertThat(InferenceEvent.serde().deserializer().deserialize("t", h, value)).isEqualTo(e);
    }

    @Test
    void attributesReadAsAskedForAreTheDecodedMapsOwn() {
        RecordHeaders h = new RecordHeaders();
        h.add("ce_id", bytes("a-1"));
        h.add("content-type", bytes("application/json"));
        h.add("traceparent", bytes("00-ab"));           // not an attribute
        h.add("ce_type", bytes("first"));
        h.add("ce_endpoint", null);                      // a header without a value is no attribute
        h.add("ce_typ", bytes("prefix of type"));
        h.add("ce_type", bytes("second"));               // the last of a name wins
        h.add("ce_time", bytes("2026-12-05T01:00:00.5Z"));
        InferenceEvent e = InferenceEvent.of(h, bytes("{}"));
        h.add("ce_late", bytes("added after decoding")); // the record's headers change later: not seen

        assertThat(e.attribute("type")).isEqualTo("second");
        assertThat(e.attribute("typ")).isEqualTo("prefix of type");
        assertThat(e.attribute("datacontenttype")).isEqualTo("application/json");
        assertThat(e.attribute("content-type")).isNull();
        assertThat(e.attribute("endpoint")).isNull();
        assertThat(e.attribute("traceparent")).isNull();
        assertThat(e.attribute("late")).isNull();
        assertThat(e.attributes().containsKey("time")).isTrue();
        assertThat(e.attributes().containsKey("endpoint")).isFalse();
        assertThat(e.attributes().get(42)).isNull();

        Map<String, String> eager = new LinkedHashMap<>(); // the first of a name keeps its place, the last its value
        eager.put("id", "a-1");
        eager.put("datacontenttype", "application/json");
        eager.put("type", "second");
        eager.put("typ", "prefix of type");
        eager.put("time", "2026-12-05T01:00:00.5Z");
        assertThat(e.attributes()).isEqualTo(eager).hasSameHashCodeAs(eager);
        assertThat(e.attributes().entrySet()).containsExactlyElementsOf(eager.entrySet());
        assertThat(e).isEqualTo(new InferenceEvent(eager, bytes("{}")));
        assertThat(e.attribute("type")).as("asked again after the map was built").isEqualTo("second");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
