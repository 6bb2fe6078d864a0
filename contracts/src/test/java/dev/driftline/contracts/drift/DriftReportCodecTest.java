package dev.driftline.contracts.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.contracts.RecordFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftReportCodecTest {
    /** A report as the evaluation wrote it before the codec existed (key order included). */
    static final String EVALUATED = "{\"schema_version\":1,\"model\":\"wine\",\"window_start\":\"2026-11-22T00:25:00Z\","
            + "\"window_end\":\"2026-11-22T00:30:00Z\",\"revision\":1,\"rows\":1200,\"status\":\"evaluated\","
            + "\"baseline_created_at\":\"2026-11-01T00:00:00Z\",\"reference\":{\"mode\":\"baseline\"},"
            + "\"features\":{\"alcohol\":{\"type\":\"numeric\",\"role\":\"feature\",\"n_reference\":178,"
            + "\"n_current\":1200,\"ks_statistic\":0.61,\"ks_pvalue\":1.0E-12,\"psi\":2.5,\"wasserstein\":1.2,"
            + "\"wasserstein_norm\":1.47,\"jensen_shannon\":0.52,\"hellinger\":0.6,\"bin_edges\":[12.0,12.5,13.0],"
            + "\"feature_type\":\"fractional\",\"missing_current\":0,\"type_mismatches_current\":0,"
            + "\"method\":\"wasserstein_norm\",\"threshold\":0.1,\"status\":\"drift\",\"drift\":true},"
            + "\"predicted_cultivar\":{\"type\":\"categorical\",\"role\":\"prediction\",\"n_reference\":178,"
            + "\"n_current\":1200,\"chi2_statistic\":3.5,\"chi2_pvalue\":0.17,\"chi2_dof\":2,\"linf\":0.05,"
            + "\"psi\":\"NaN\",\"jensen_shannon\":0.04,\"hellinger\":0.03,\"feature_type\":\"integral\","
            + "\"missing_current\":0,\"type_mismatches_current\":0,\"method\":\"chi2\",\"threshold\":null,"
            + "\"status\":\"insufficient_data\",\"drift\":false}},\"dataset_drift\":false,\"drifted_features\":1,"
            + "\"judged_features\":1,\"drifted_share\":0.5,\"violations\":[{\"feature_name\":\"alcohol\","
            + "\"constraint_check_type\":\"baseline_range_check\",\"description\":\"out of range\"}]}";

    @Test
    void readsAndWritesTheFormatUnchanged() {
        DriftReport r = DriftReportCodec.INSTANCE.decode(EVALUATED.getBytes(StandardCharsets.UTF_8));
        assertThat(r.model()).isEqualTo("wine");
        assertThat(r.evaluated()).isTrue();
        assertThat(r.reference()).isEqualTo(DriftReport.Reference.baseline());
        assertThat(r.features().keySet()).containsExactly("alcohol", "predicted_cultivar");
        DriftReport.FeatureDrift a = r.features().get("alcohol");
        assertThat(a.figure("wasserstein_norm")).isEqualTo(1.47);
        assertThat(a.binEdges()).containsExactly(12.0, 12.5, 13.0);
        DriftReport.FeatureDrift p = r.features().get("predicted_cultivar");
        assertThat(p.figures().get("chi2_dof")).isEqualTo(2.0);
        assertThat(p.figure("psi")).isNaN();
        assertThat(p.threshold()).isNaN();
        assertThat(r.violations()).hasSize(1);
        assertThat(new String(DriftReportCodec.INSTANCE.encode(r), StandardCharsets.UTF_8)).isEqualTo(EVALUATED);
    }

    @Test
    void noBaselineReportsRoundTrip() {
        DriftReport r = DriftReport.noBaseline("m", 0, 300_000, 2, 10);
        DriftReport back = DriftReportCodec.INSTANCE.decode(DriftReportCodec.INSTANCE.encode(r));
        assertThat(back).isEqualTo(r);
        // older writers left the dataset decision out of no_baseline reports
        String old = "{\"schema_version\":1,\"model\":\"m\",\"window_start\":\"1970-01-01T00:00:00Z\","
                + "\"window_end\":\"1970-01-01T00:05:00Z\",\"revision\":2,\"rows\":10,\"status\":\"no_baseline\","
                + "\"features\":{},\"violations\":[]}";
        assertThat(DriftReportCodec.INSTANCE.decode(old.getBytes(StandardCharsets.UTF_8))).isEqualTo(r);
    }

    @Test
    void historyReferencesRoundTrip() {
        DriftReport.Reference ref = new DriftReport.Reference("rolling:12", null, 12, 0L, 3_600_000L);
        DriftReport r = new DriftReport("m", 3_600_000, 3_900_000, 1, 5, DriftReport.Status.EVALUATED, 0L, ref,
                Map.of(), false, 0, 0, 0.0, java.util.List.of());
        assertThat(DriftReportCodec.INSTANCE.decode(DriftReportCodec.INSTANCE.encode(r))).isEqualTo(r);
    }

    @Test
    void rejectsWhatIsNotAReport() {
        assertThatThrownBy(() -> DriftReportCodec.INSTANCE.decode("nope".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RecordFormatException.class)
                .satisfies(e -> assertThat(((RecordFormatException) e).reason()).isEqualTo("not_json"));
        String newer = EVALUATED.replace("\"schema_version\":1", "\"schema_version\":2");
        assertThatThrownBy(() -> DriftReportCodec.INSTANCE.decode(newer.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("newer driftline")
                .satisfies(e -> assertThat(((RecordFormatException) e).reason())
                        .isEqualTo("unknown_schema_version"));
        String noStart = EVALUATED.replace("\"window_start\":\"2026-11-22T00:25:00Z\",", "");
        assertThatThrownBy(() -> DriftReportCodec.INSTANCE.decode(noStart.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("window_start")
                .satisfies(e -> assertThat(((RecordFormatException) e).reason()).isEqualTo("missing_field"));
    }
}
