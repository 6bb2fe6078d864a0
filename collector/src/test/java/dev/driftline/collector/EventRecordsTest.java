package dev.driftline.collector;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventRecordsTest {
    static final String TOPIC = "driftline.inference.events";

    @TempDir
    java.nio.file.Path dir;

    static Map<String, String> headersOf(ProducerRecord<byte[], byte[]> record) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            String previous = out.put(h.key(), new String(h.value(), UTF_8));
            assertThat(previous).as("header %s appears once", h.key()).isNull();
        }
        return out;
    }

    @Test
    void kserveRequestBecomesABinaryModeKafkaRecord() throws Rejection {
        byte[] body = EventDecoderTest.V2_REQUEST.getBytes(UTF_8);
        CloudEvent e = new EventDecoder(TestSettings.defaults(dir), new ObjectMapper())
                .decode(EventDecoderTest.kserveHeaders(EventDecoderTest.REQUEST, "iris"), "application/json", body)
                .get(0);

        ProducerRecord<byte[], byte[]> r = EventRecords.toRecord(TOPIC, e);

        assertThat(r.topic()).isEqualTo(TOPIC);
        assertThat(r.partition()).isNull();
        assertThat(new String(r.key(), UTF_8)).isEqualTo(EventDecoderTest.ID);
        assertThat(r.value()).isEqualTo(body);
        assertThat(headersOf(r)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("ce_specversion", "1.0"),
                Map.entry("ce_id", EventDecoderTest.ID),
                Map.entry("ce_type", EventDecoderTest.REQUEST),
                Map.entry("ce_source", "http://localhost:9081/"),
                Map.entry("ce_time", EventDecoderTest.TIME),
                Map.entry("ce_inferenceservicename", "iris"),
                Map.entry("ce_namespace", "models"),
                Map.entry("ce_component", "predictor"),
                Map.entry("ce_endpoint", ""),
                Map.entry("content-type", "application/json")));
    }

    @Test
    void valueIsTheDataUnchangedEvenWhenNotUtf8() {
        byte[] data = {(byte) 0xc3, 0x28, 0, (byte) 0xff};
        CloudEvent e = new CloudEvent(Map.of("specversion", "1.0", "id", "é-1", "type", "t", "source", "s",
                "datacontenttype", "application/octet-stream"), data);

        ProducerRecord<byte[], byte[]> r = EventRecords.toRecord(TOPIC, e);

        assertThat(r.value()).containsExactly(data);
        assertThat(r.key()).containsExactly("é-1".getBytes(UTF_8));
        assertThat(headersOf(r)).containsEntry("content-type", "application/octet-stream")
                .doesNotContainKey("ce_datacontenttype").containsEntry("ce_id", "é-1");
    }

    @Test
    void requestAndResponseOfOnePredictionShareTheKey() {
        Map<String, String> base = Map.of("specversion", "1.0", "id", "pair-1", "source", "s");
        CloudEvent req = new CloudEvent(with(base, "type", EventDecoderTest.REQUEST), new byte[0]);
        CloudEvent resp = new CloudEvent(with(base, "type", EventDecoderTest.RESPONSE), new byte[0]);
        assertThat(EventRecords.toRecord(TOPIC, req).key()).isEqualTo(EventRecords.toRecord(TOPIC, resp).key());
    }

    @Test
    void noContentTypeHeaderWithoutDatacontenttype() {
        CloudEvent e = new CloudEvent(Map.of("specversion", "1.0", "id", "1", "type", "t", "source", "s"),
                "x".getBytes(UTF_8));
        ProducerRecord<byte[], byte[]> r = EventRecords.toRecord(TOPIC, e);
        List<String> names = Arrays.stream(r.headers().toArray()).map(Header::key).collect(Collectors.toList());
        assertThat(names).containsExactlyInAnyOrder("ce_specversion", "ce_id", "ce_type", "ce_source");
    }

    private static Map<String, String> with(Map<String, String> m, String k, String v) {
        Map<String, String> out = new LinkedHashMap<>(m);
        out.put(k, v);
        return out;
    }
}
