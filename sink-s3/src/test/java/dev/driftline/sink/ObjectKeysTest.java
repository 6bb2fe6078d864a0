package dev.driftline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ObjectKeysTest {

    private static final Instant T = Instant.parse("2026-11-21T10:05:00Z");

    @Test
    void keyLayoutIsHiveStyleAndZeroPadded() {
        assertThat(ObjectKeys.key(LakeTable.INFERENCE_LOG, "iris", T, "driftline.inference.records", 3, 42))
                .isEqualTo("inference_log/model=iris/dt=2026-11-21/hour=10/"
                        + "driftline.inference.records+3+00000000000000000042.parquet");
        assertThat(ObjectKeys.key(LakeTable.ALERTS, "m", T, "driftline.alerts", 0, Long.MAX_VALUE))
                .endsWith("+0+09223372036854775807.parquet");
        assertThat(ObjectKeys.key(LakeTable.ALERTS, "m", T, "t", 0, 0)).endsWith("t+0+00000000000000000000.parquet");
    }

    @Test
    void deterministic() {
        String a = ObjectKeys.key(LakeTable.DRIFT_METRICS, "fraud", T, "driftline.drift", 1, 7);
        String b = ObjectKeys.key(LakeTable.DRIFT_METRICS, "fraud", Instant.parse("2026-11-21T10:05:00Z"),
                "driftline.drift", 1, 7);
        assertThat(a).isEqualTo(b);
        assertThat(ObjectKeys.key(LakeTable.DRIFT_METRICS, "fraud", T.plusSeconds(60), "driftline.drift", 1, 7))
                .isEqualTo(a); // same hour, same key
        assertThat(ObjectKeys.key(LakeTable.DRIFT_METRICS, "fraud", T, "driftline.drift", 1, 8)).isNotEqualTo(a);
    }

    @Test
    void utcHourBoundaries() {
        Instant lastMs = Instant.parse("2026-11-21T23:59:59.999Z");
        assertThat(ObjectKeys.partitionPath(LakeTable.ALERTS, "m", lastMs))
                .isEqualTo("alerts/model=m/dt=2026-11-21/hour=23/");
        assertThat(ObjectKeys.partitionPath(LakeTable.ALERTS, "m", lastMs.plusMillis(1)))
                .isEqualTo("alerts/model=m/dt=2026-11-22/hour=00/");
        assertThat(ObjectKeys.hour(Instant.parse("2026-11-21T09:59:59.999Z"))).isEqualTo("09");
        assertThat(ObjectKeys.hour(Instant.parse("2026-11-21T10:00:00Z"))).isEqualTo("10");
        assertThat(ObjectKeys.dt(Instant.parse("2026-12-31T23:59:59.999Z"))).isEqualTo("2026-12-31");
        assertThat(ObjectKeys.dt(Instant.parse("2027-01-01T00:00:00Z"))).isEqualTo("2027-01-01");
        assertThat(ObjectKeys.dt(Instant.parse("2028-02-29T12:00:00Z"))).isEqualTo("2028-02-29");
    }

    @Test
    void escapesModelAndTopic() {
        assertThat(ObjectKeys.escape("iris-v2_a.b")).isEqualTo("iris-v2_a.b");
        assertThat(ObjectKeys.escape("fraud/v2")).isEqualTo("fraud%2Fv2");
        assertThat(ObjectKeys.escape("a=b+c d%")).isEqualTo("a%3Db%2Bc%20d%25");
        assertThat(ObjectKeys.escape("Ø")).isEqualTo("%C3%98");
        assertThat(ObjectKeys.escape(".")).isEqualTo("%2E");
        assertThat(ObjectKeys.escape("..")).isEqualTo("%2E%2E");
        assertThat(ObjectKeys.escape("a..b")).isEqualTo("a..b");
        assertThatThrownBy(() -> ObjectKeys.escape("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ObjectKeys.key(LakeTable.INFERENCE_LOG, "fraud/v2", T, "p+x.inference.records", 0, 1))
                .isEqualTo("inference_log/model=fraud%2Fv2/dt=2026-11-21/hour=10/"
                        + "p%2Bx.inference.records+0+00000000000000000001.parquet");
        assertThat(ObjectKeys.partitionPath(LakeTable.DEAD_LETTERS, ObjectKeys.UNKNOWN_MODEL, T))
                .startsWith("dead_letters/model=_unknown/");
    }

    @Test
    void refusesBadInput() {
        assertThatThrownBy(() -> ObjectKeys.key(LakeTable.ALERTS, "m", T, "t", -1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectKeys.key(LakeTable.ALERTS, "m", T, "t", 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectKeys.key(LakeTable.ALERTS, "", T, "t", 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
