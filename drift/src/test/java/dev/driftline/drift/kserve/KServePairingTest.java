package dev.driftline.drift.kserve;

import static dev.driftline.drift.kserve.KServeFixtures.normalize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.drift.model.InferenceRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Either body may be missing: the logger sends no response event when the model did not answer 200. */
class KServePairingTest {

    @Test
    void aRequestAloneGivesRecordsWithEmptyPredictions() {
        List<InferenceRecord> records = normalize(KServeV2Test.SPEC_REQUEST, null);
        assertThat(records).hasSize(2).allSatisfy(r -> {
            assertThat(r.predictions()).isEmpty();
            assertThat(r.features()).hasSize(4);
            assertThat(r.modelVersion()).isEmpty();
        });
        assertThat(records).extracting(InferenceRecord::row).containsExactly(0, 1);
    }

    @Test
    void aResponseAloneGivesRecordsWithEmptyFeatures() {
        List<InferenceRecord> records = normalize(null, KServeV2Test.SPEC_RESPONSE);
        assertThat(records).hasSize(2).allSatisfy(r -> {
            assertThat(r.features()).isEmpty();
            assertThat(r.predictions()).containsExactly(Map.entry("output-0", 1L));
            assertThat(r.modelVersion()).isEqualTo("v3");
        });
    }

    @Test
    void aV1ResponseAloneToo() {
        assertThat(normalize(null, "{'predictions': [0, 1, 1]}"))
                .extracting(r -> r.predictions().get("prediction")).containsExactly(0L, 1L, 1L);
    }

    @Test
    void rowsOfRequestAndResponseAreZipped() {
        List<InferenceRecord> records = normalize("{'instances': [{'a': 1}, {'a': 2}, {'a': 3}]}",
                "{'predictions': ['x', 'y', 'z']}");
        assertThat(records).extracting(r -> r.features().get("a") + "→" + r.predictions().get("prediction"))
                .containsExactly("1→x", "2→y", "3→z");
        assertThat(records).extracting(InferenceRecord::inferenceId).containsOnly("req-1");
    }
}
