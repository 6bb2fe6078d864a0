package dev.driftline.drift.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowColumnsTest {
    /** The batch [a, b, a, c] filled in order: the map a parser would build with LinkedHashMap.put. */
    @Test
    void aRowReadsAsTheInsertionOrderedMapOfItsPutsWithRepeatedNamesReplacedInPlace() {
        RowColumns.Builder b = RowColumns.builder();
        String[] puts = {"a", "b", "a", "c"};
        Object[] given = {1L, null, "later", 2.5};
        int[] target = new int[puts.length];
        for (int i = 0; i < puts.length; i++) {
            target[i] = b.column(puts[i]);
        }
        RowColumns table = b.build();
        Object[] values = new Object[table.size()];
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int i = 0; i < puts.length; i++) {
            values[target[i]] = given[i];
            expected.put(puts[i], given[i]);
        }
        Map<String, Object> row = table.row(values);

        assertThat(table.names()).containsExactly("a", "b", "c");
        assertThat(row).isEqualTo(expected);
        assertThat(expected).isEqualTo(row);
        assertThat(row.hashCode()).isEqualTo(expected.hashCode());
        assertThat(row.toString()).isEqualTo(expected.toString());
        assertThat(new ArrayList<>(row.keySet())).containsExactly("a", "b", "c");
        assertThat(new ArrayList<>(row.values())).containsExactly("later", null, 2.5);
        assertThat(new ArrayList<>(row.entrySet())).isEqualTo(new ArrayList<>(expected.entrySet()));
        List<String> visited = new ArrayList<>();
        row.forEach((k, v) -> visited.add(k + "=" + v));
        assertThat(visited).containsExactly("a=later", "b=null", "c=2.5");
        assertThat(row.containsKey("b")).isTrue();
        assertThat(row.get("b")).isNull();
        assertThat(row.getOrDefault("b", "dflt")).isNull(); // present null, not absent
        assertThat(row.getOrDefault("zz", "dflt")).isEqualTo("dflt");
        assertThat(row.containsKey("zz")).isFalse();
        assertThat(RowColumns.value(row, 2)).isEqualTo(2.5);
        assertThat(RowColumns.of(row)).isSameAs(table);
        assertThat(RowColumns.of(expected)).isNull();
    }

    @Test
    void rowsAreReadOnlyAndTheirShapeIsChecked() {
        RowColumns.Builder b = RowColumns.builder();
        b.column("x");
        RowColumns table = b.build();
        Map<String, Object> row = table.row(new Object[] {1L});
        assertThatThrownBy(() -> row.put("y", 2L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> row.remove("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> row.keySet().iterator().remove()).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> table.row(new Object[2])).hasMessageContaining("2 values for 1 columns");
        assertThatThrownBy(() -> RowColumns.builder().column(null)).hasMessageContaining("null name");
    }

    @Test
    void recordsTakeTableRowsWithoutACopy() {
        RowColumns.Builder b = RowColumns.builder();
        b.column("f");
        RowColumns table = b.build();
        Map<String, Object> features = table.row(new Object[] {3L});
        InferenceRecord r = new InferenceRecord("m", "", "id", 0, Instant.EPOCH, features, Map.of(), null);
        assertThat(r.features()).isSameAs(features);
        assertThat(r.withLabel(1L).features()).isSameAs(features);
        assertThat(r).isEqualTo(new InferenceRecord("m", "", "id", 0, Instant.EPOCH, Map.of("f", 3L), Map.of(),
                null));
    }

    @Test
    void batchesWithTheSameNamesShareOneLayout() {
        RowColumns.Layout a = RowColumns.layout(new ArrayList<>(List.of("x", "y", "x", "z")));
        RowColumns.Layout b = RowColumns.layout(List.of(new String("x"), "y", "x", "z"));
        assertThat(b).isSameAs(a);
        assertThat(a.columns().names()).containsExactly("x", "y", "z");
        assertThat(a.target()).containsExactly(0, 1, 0, 2);
        assertThat(RowColumns.layout(List.of("y", "x")).columns()).isNotSameAs(a.columns());
        assertThatThrownBy(() -> RowColumns.layout(java.util.Arrays.asList("x", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null name");
    }
}
