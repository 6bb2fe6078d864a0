package dev.driftline.contracts.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
    @Test
    void headersCarryTheReasonAndTheValueStaysAsItWas() {
        DeadLetter d = new DeadLetter("{bad".getBytes(StandardCharsets.UTF_8), "not_json", "value is not JSON",
                "request", "normalize", "wine");
        RecordHeaders h = new RecordHeaders();
        byte[] value = DeadLetter.serde().serializer().serialize("t", h, d);
        assertThat(value).isEqualTo(d.original());
        assertThat(DeadLetter.header(h, DeadLetter.REASON)).isEqualTo("not_json");
        assertThat(h.toArray()).extracting(x -> x.key()).containsExactly("dl_model", "dl_reason", "dl_message",
                "dl_part", "dl_stage");
        assertThat(DeadLetter.serde().deserializer().deserialize("t", h, value)).isEqualTo(d);
        DeadLetter noModel = new DeadLetter(null, "r", "m", null, "evaluate", null);
        RecordHeaders h2 = new RecordHeaders();
        DeadLetter.serde().serializer().serialize("t", h2, noModel);
        assertThat(DeadLetter.of(h2, null)).isEqualTo(noModel);
    }
}
