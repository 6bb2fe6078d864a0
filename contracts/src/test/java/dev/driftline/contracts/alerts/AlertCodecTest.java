package dev.driftline.contracts.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.contracts.RecordFormatException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AlertCodecTest {
    static final String OPENED = "{\"schema_version\":1,\"alert_id\":\"9c7a5b0e-1111-3222-8333-444455556666\","
            + "\"model\":\"wine\",\"kind\":\"data_drift\",\"feature\":\"alcohol\",\"state\":\"open\","
            + "\"severity\":\"warning\",\"window_start\":\"2026-11-22T00:25:00Z\","
            + "\"window_end\":\"2026-11-22T00:30:00Z\",\"metric\":\"wasserstein_norm\",\"value\":1.47,"
            + "\"threshold\":0.1,\"opened_at\":\"2026-11-22T00:30:00Z\",\"resolved_at\":null,"
            + "\"details\":{\"revision\":1,\"method\":\"wasserstein_norm\",\"bad_windows\":1,\"judged_windows\":1}}";

    @Test
    void readsAndWritesTheFormatUnchanged() {
        Alert a = AlertCodec.INSTANCE.decode(OPENED.getBytes(StandardCharsets.UTF_8));
        assertThat(a.open()).isTrue();
        assertThat(a.feature()).isEqualTo("alcohol");
        assertThat(a.value()).isEqualTo(1.47);
        assertThat(a.resolvedAt()).isNull();
        assertThat(a.details().path("bad_windows").asInt()).isEqualTo(1);
        assertThat(new String(AlertCodec.INSTANCE.encode(a), StandardCharsets.UTF_8)).isEqualTo(OPENED);
    }

    @Test
    void theSummaryKeepsTheIdentityAndTheFigureAsWritten() {
        Alert a = AlertCodec.INSTANCE.decode(OPENED.getBytes(StandardCharsets.UTF_8));
        assertThat(AlertCodec.INSTANCE.summary(a).toString()).isEqualTo("{\"alert_id\":"
                + "\"9c7a5b0e-1111-3222-8333-444455556666\",\"kind\":\"data_drift\",\"feature\":\"alcohol\","
                + "\"severity\":\"warning\",\"window_start\":\"2026-11-22T00:25:00Z\",\"metric\":"
                + "\"wasserstein_norm\",\"value\":1.47,\"threshold\":0.1,\"opened_at\":\"2026-11-22T00:30:00Z\"}");
    }

    @Test
    void resolvedAlertsAndModelQualityAlertsRoundTrip() {
        Alert a = new Alert(Alert.idOf("m", "model_quality", null, 0), "m", "model_quality", null, Alert.RESOLVED,
                Alert.CRITICAL, 0, 300_000, "accuracy", null, 0.9, 300_000, 600_000L, null);
        assertThat(AlertCodec.INSTANCE.decode(AlertCodec.INSTANCE.encode(a))).usingRecursiveComparison()
                .isEqualTo(a);
    }

    @Test
    void idsAreDeterministicAndDistinct() {
        assertThat(Alert.idOf("m", "data_drift", "a", 0)).isEqualTo(Alert.idOf("m", "data_drift", "a", 0))
                .isNotEqualTo(Alert.idOf("m", "data_drift", "a", 1)).isNotEqualTo(Alert.idOf("m", "data_drift", "b", 0));
    }

    @Test
    void aMissingFieldIsNamed() {
        String bad = OPENED.replace("\"state\":\"open\",", "");
        assertThatThrownBy(() -> AlertCodec.INSTANCE.decode(bad.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("state");
    }
}
