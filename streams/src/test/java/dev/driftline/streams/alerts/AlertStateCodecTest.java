package dev.driftline.streams.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AlertStateCodecTest {
    /** Written by the code before AlertStateCodec (AlertState.toBytes) for {@link #openState()}. */
    static final String FORMAT1_OPEN = "{\"format\":1,\"windows\":[[1000,1,\"B\"],[2000,2,\"N\"],[3000,1,\"B\"]],"
            + "\"open\":{\"alert_id\":\"id-1\",\"severity\":\"warning\",\"window_start\":3000,\"opened_at\":4000,"
            + "\"metric\":\"ks_pvalue\"}}";
    /** The same state after two clean windows resolved the alert (resolve after 1). */
    static final String FORMAT1_RESOLVED = "{\"format\":1,\"windows\":[[3000,1,\"B\"],[4000,1,\"C\"],[5000,1,\"C\"]],"
            + "\"resolved_through\":4000}";

    static Verdict v(long start, long revision, Verdict.Outcome o) {
        return new Verdict(AlertKind.DATA_DRIFT, "age", start, start + 1_000L, revision, o, "ks_pvalue", 0.001, 0.002,
                false, null);
    }

    static AlertState openState() {
        AlertState s = new AlertState();
        s.apply(v(1_000L, 1, Verdict.Outcome.BAD), 2, 3, 3);
        s.apply(v(2_000L, 2, Verdict.Outcome.NOT_JUDGED), 2, 3, 3);
        assertThat(s.apply(v(3_000L, 1, Verdict.Outcome.BAD), 2, 3, 3).transition())
                .isEqualTo(AlertState.Transition.OPENED);
        s.opened(new AlertState.Open("id-1", "warning", 3_000L, 4_000L, "ks_pvalue"));
        return s;
    }

    private static String json(AlertState s) {
        return new String(AlertStateCodec.toBytes(s), StandardCharsets.UTF_8);
    }

    private static AlertState read(String json) {
        return AlertStateCodec.fromBytes(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesAndReadsTheFormatOfTheCodeBeforeIt() {
        AlertState s = openState();
        assertThat(json(s)).isEqualTo(FORMAT1_OPEN);
        s.apply(v(4_000L, 1, Verdict.Outcome.CLEAN), 2, 3, 1);
        s.apply(v(5_000L, 1, Verdict.Outcome.CLEAN), 2, 3, 1);
        assertThat(json(s)).isEqualTo(FORMAT1_RESOLVED);
        assertThat(json(read(FORMAT1_OPEN))).isEqualTo(FORMAT1_OPEN);
        assertThat(json(read(FORMAT1_RESOLVED))).isEqualTo(FORMAT1_RESOLVED);
    }

    @Test
    void aReadStateBehavesAsTheOneWritten() {
        AlertState r = read(FORMAT1_OPEN);
        assertThat(r.open()).isEqualTo(new AlertState.Open("id-1", "warning", 3_000L, 4_000L, "ks_pvalue"));
        assertThat(r.history()).containsOnlyKeys(1_000L, 2_000L, 3_000L);
        // the alert is open: a clean window records; three clean ones resolve it
        assertThat(r.apply(v(4_000L, 1, Verdict.Outcome.CLEAN), 2, 3, 3).transition())
                .isEqualTo(AlertState.Transition.RECORDED);
        assertThat(read(FORMAT1_RESOLVED).resolvedThrough()).isEqualTo(4_000L);
        assertThat(read(FORMAT1_RESOLVED).open()).isNull();
        // windows up to the resolving one cannot reopen the alert
        assertThat(read(FORMAT1_RESOLVED).apply(v(3_500L, 1, Verdict.Outcome.BAD), 1, 3, 3).transition())
                .isEqualTo(AlertState.Transition.RECORDED);
    }

    @Test
    void anUnknownFormatIsAClearError() {
        assertThatThrownBy(() -> read("{\"format\":2,\"windows\":[]}")).isInstanceOf(IllegalStateException.class)
                .hasMessage("alert state format 2 is not supported");
        assertThatThrownBy(() -> read("not json")).isInstanceOf(IllegalStateException.class)
                .hasMessage("unreadable alert state");
    }
}
