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
}
