package dev.driftline.drift.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.drift.io.InputFormatException;
import dev.driftline.drift.kserve.KServePayloads;
import dev.driftline.drift.model.InferenceRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DataCaptureReaderTest {
    private final DataCaptureReader reader = new DataCaptureReader();

    private static String line(String input, String output, String meta) {
        return "{\"captureData\":{" + input + (output == null ? "" : "," + output) + "},\"eventMetadata\":" + meta
                + ",\"eventVersion\":\"0\"}";
    }

    @Test
    void csvCaptureFromTheSpecBecomesV1RowsThatNormalise() {
        String l = line("\"endpointInput\":{\"observedContentType\":\"text/csv\",\"mode\":\"INPUT\",\"data\":\"132,25,113.2\",\"encoding\":\"CSV\"}",
                "\"endpointOutput\":{\"observedContentType\":\"text/csv; charset=utf-8\",\"mode\":\"OUTPUT\",\"data\":\"0.0107\",\"encoding\":\"CSV\"}",
                "{\"eventId\":\"feca1ab1-8025-47e3-8f6a-99e3fdd7b8d9\",\"inferenceId\":\"optional-caller-id\",\"inferenceTime\":\"2019-11-20T23:33:12Z\"}");
        CapturedInference c = reader.read(l, "capture.jsonl", 1);
        assertThat(c.id()).isEqualTo("optional-caller-id");
        assertThat(c.eventId()).isEqualTo("feca1ab1-8025-47e3-8f6a-99e3fdd7b8d9");
        assertThat(c.time()).isEqualTo(Instant.parse("2019-11-20T23:33:12Z"));
        assertThat(new String(c.request(), StandardCharsets.UTF_8)).isEqualTo("{\"instances\":[[132,25,113.2]]}");
        assertThat(new String(c.response(), StandardCharsets.UTF_8)).isEqualTo("{\"predictions\":[0.0107]}");
        List<InferenceRecord> records = KServePayloads.normalize("m", c.id(), c.time(), c.request(), c.response(),
                Optional.empty(), Optional.empty());
        assertThat(records).hasSize(1);
        assertThat(records.get(0).features()).containsEntry("_c0", 132L).containsEntry("_c2", 113.2);
        assertThat(records.get(0).predictions()).containsEntry("prediction", 0.0107);
    }

    @Test
    void jsonAndBase64EncodingsAndEventIdFallback() {
        String json = "{\"instances\":[{\"age\":31,\"city\":\"Oslo\"}]}";
        String b64 = Base64.getEncoder().encodeToString("0.9".getBytes(StandardCharsets.UTF_8));
        String l = line("\"endpointInput\":{\"observedContentType\":\"application/json\",\"data\":" + quote(json)
                        + ",\"encoding\":\"JSON\"}",
                "\"endpointOutput\":{\"observedContentType\":\"text/csv\",\"data\":\"" + b64 + "\",\"encoding\":\"BASE64\"}",
                "{\"eventId\":\"ev-1\",\"inferenceTime\":\"2024-01-01T00:00:00Z\"}");
        CapturedInference c = reader.read(l, "f", 3);
        assertThat(c.id()).isEqualTo("ev-1");
        assertThat(new String(c.request(), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(new String(c.response(), StandardCharsets.UTF_8)).isEqualTo("{\"predictions\":[0.9]}");
    }

    @Test
    void errorsNameFileLineAndField() {
        assertThatThrownBy(() -> reader.read("{not json", "cap.jsonl", 7))
                .isInstanceOf(InputFormatException.class).hasMessageContaining("cap.jsonl:7");
        assertThatThrownBy(() -> reader.read(line("\"endpointInput\":{\"data\":\"1\",\"encoding\":\"XML\"}", null,
                "{\"eventId\":\"e\",\"inferenceTime\":\"2024-01-01T00:00:00Z\"}"), "cap.jsonl", 2))
                .hasMessageContaining("cap.jsonl:2").hasMessageContaining("encoding");
        assertThatThrownBy(() -> reader.read(line("\"endpointInput\":{\"data\":\"1\",\"encoding\":\"CSV\"}", null,
                "{\"eventId\":\"e\",\"inferenceTime\":\"yesterday\"}"), "cap.jsonl", 4))
                .hasMessageContaining("inferenceTime");
        assertThatThrownBy(() -> reader.read(line("\"endpointInput\":{\"data\":\"{oops\",\"encoding\":\"JSON\"}", null,
                "{\"eventId\":\"e\",\"inferenceTime\":\"2024-01-01T00:00:00Z\"}"), "cap.jsonl", 5))
                .hasMessageContaining("not JSON");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
