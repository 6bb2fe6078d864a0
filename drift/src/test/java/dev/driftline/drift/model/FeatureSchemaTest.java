package dev.driftline.drift.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSchemaTest {
    static final FeatureSchema SCHEMA = FeatureSchema.of(new FeatureSpec("age", FeatureType.INTEGRAL),
            new FeatureSpec("income", FeatureType.FRACTIONAL), new FeatureSpec("city", FeatureType.STRING));

    @Test
    void orderAndLookup() {
        assertThat(SCHEMA.names()).containsExactly("age", "income", "city");
        assertThat(SCHEMA.size()).isEqualTo(3);
        assertThat(SCHEMA.get(1).type()).isEqualTo(FeatureType.FRACTIONAL);
        assertThat(SCHEMA.find("city")).contains(new FeatureSpec("city", FeatureType.STRING));
        assertThat(SCHEMA.find("zip")).isEmpty();
        assertThat(SCHEMA.indexOf("city")).isEqualTo(2);
        assertThat(SCHEMA.indexOf("zip")).isEqualTo(-1);
    }

    @Test
    void immutableAndValueEqual() {
        List<FeatureSpec> specs = new ArrayList<>(SCHEMA.features());
        FeatureSchema copy = new FeatureSchema(specs);
        specs.clear();
        assertThat(copy).isEqualTo(SCHEMA).hasSameHashCodeAs(SCHEMA);
        assertThatThrownBy(() -> copy.features().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void positionalNamesAreSageMakers() {
        FeatureSchema s = FeatureSchema.positional(List.of(FeatureType.FRACTIONAL, FeatureType.BOOLEAN));
        assertThat(s.names()).containsExactly("_c0", "_c1");
        assertThat(s.get(1).type()).isEqualTo(FeatureType.BOOLEAN);
        assertThat(FeatureSchema.positionalName(12)).isEqualTo("_c12");
        assertThatThrownBy(() -> FeatureSchema.positionalName(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesPositionalRows() {
        assertThat(SCHEMA.nameRow(Arrays.asList(41, null, "Oslo")))
                .containsExactly(org.assertj.core.api.Assertions.entry("age", 41),
                        org.assertj.core.api.Assertions.entry("income", null),
                        org.assertj.core.api.Assertions.entry("city", "Oslo"));
        assertThatThrownBy(() -> SCHEMA.nameRow(List.of(1, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 values").hasMessageContaining("3 features");
    }

    @Test
    void refusesDuplicatesAndBlankNames() {
        assertThatThrownBy(() -> FeatureSchema.of(new FeatureSpec("a", FeatureType.STRING),
                new FeatureSpec("a", FeatureType.INTEGRAL))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate");
        assertThatThrownBy(() -> new FeatureSpec(" ", FeatureType.STRING)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeatureSpec("a", null)).isInstanceOf(NullPointerException.class);
    }
}
