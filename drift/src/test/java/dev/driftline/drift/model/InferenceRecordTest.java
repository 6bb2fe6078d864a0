package dev.driftline.drift.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InferenceRecordTest {
    static final Instant T = Instant.parse("2025-01-02T03:04:05Z");

    @Test
    void copiesItsMapsKeepingNullsAndOrder() {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("b", 1.5);
        features.put("a", null);
        Map<String, Object> predictions = new HashMap<>(Map.of("score", 0.9));
        InferenceRecord r = new InferenceRecord("churn", "v3", "req-1", 0, T, features, predictions, null);

        features.put("c", "late");
        predictions.clear();
        assertThat(r.features()).containsOnlyKeys("b", "a").containsEntry("a", null);
        assertThat(r.features().keySet()).containsExactly("b", "a");
        assertThat(r.predictions()).containsEntry("score", 0.9);
        assertThatThrownBy(() -> r.features().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.predictions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void takesAHandedOverRowWithoutACopyAndKeepsItUnmodifiable() {
        LinkedHashMap<String, Object> row = new LinkedHashMap<>();
        row.put("b", 1.5);
        row.put("a", null);
        Map<String, Object> handed = InferenceRecord.handOver(row);
        InferenceRecord r = new InferenceRecord("churn", "", "req-1", 0, T, handed, Map.of(), null);

        assertThat(r.features()).isSameAs(handed).containsExactly(entry("b", 1.5), entry("a", null));
        assertThat(r.withLabel(1L).features()).isSameAs(handed);
        assertThat(r).isEqualTo(new InferenceRecord("churn", "", "req-1", 0, T, new HashMap<>(row), Map.of(), null));
        assertThatThrownBy(() -> r.features().put("c", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.features().entrySet().iterator().next().setValue(2))
                .isInstanceOf(UnsupportedOperationException.class);
        LinkedHashMap<String, Object> nullName = new LinkedHashMap<>();
        nullName.put(null, 1);
        assertThatThrownBy(() -> InferenceRecord.handOver(nullName)).isInstanceOf(IllegalArgumentException.class);
        // a record built from a plain map still copies it: later changes to the caller's map do not reach it
        Map<String, Object> plain = new LinkedHashMap<>(Map.of("x", 1L));
        InferenceRecord copied = new InferenceRecord("churn", "", "req-1", 0, T, plain, Map.of(), null);
        plain.put("y", 2L);
        assertThat(copied.features()).containsOnlyKeys("x");
        assertThat(new InferenceRecord("churn", "", "req-1", 0, T, copied.features(), Map.of(), null).features())
                .isSameAs(copied.features());
    }

    @Test
    void labelArrivesLater() {
        InferenceRecord r = new InferenceRecord("churn", "", "req-1", 2, T, Map.of(), Map.of(), null);
        assertThat(r.hasLabel()).isFalse();
        InferenceRecord labelled = r.withLabel(1);
        assertThat(labelled.label()).isEqualTo(1);
        assertThat(labelled.hasLabel()).isTrue();
        assertThat(labelled.withLabel(null)).isEqualTo(r);
        assertThat(r.label()).isNull();
    }

    @Test
    void validates() {
        assertThatThrownBy(() -> new InferenceRecord(" ", "v", "id", 0, T, Map.of(), Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InferenceRecord("m", "v", "id", -1, T, Map.of(), Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InferenceRecord("m", "v", "id", 0, null, Map.of(), Map.of(), null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new InferenceRecord("m", null, "id", 0, T, Map.of(), Map.of(), null))
                .isInstanceOf(NullPointerException.class);
        Map<String, Object> nullName = new HashMap<>();
        nullName.put(null, 1);
        assertThatThrownBy(() -> new InferenceRecord("m", "v", "id", 0, T, nullName, Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null name");
    }
}
