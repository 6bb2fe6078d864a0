package dev.driftline.drift.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeatureTypeTest {
    @Test
    void numericAndCategorical() {
        assertThat(FeatureType.FRACTIONAL.isNumeric()).isTrue();
        assertThat(FeatureType.INTEGRAL.isNumeric()).isTrue();
        assertThat(FeatureType.STRING.isNumeric()).isFalse();
        assertThat(FeatureType.BOOLEAN.isNumeric()).isFalse();
        assertThat(FeatureType.BOOLEAN.isCategorical()).isTrue();
    }

    @Test
    void sageMakerNames() {
        assertThat(FeatureType.FRACTIONAL.sageMakerName()).isEqualTo("Fractional");
        assertThat(FeatureType.INTEGRAL.sageMakerName()).isEqualTo("Integral");
        assertThat(FeatureType.STRING.sageMakerName()).isEqualTo("String");
        assertThat(FeatureType.BOOLEAN.sageMakerName()).isEqualTo("String");
        assertThat(FeatureType.fromSageMakerName("Fractional")).isEqualTo(FeatureType.FRACTIONAL);
        assertThat(FeatureType.fromSageMakerName(" integral ")).isEqualTo(FeatureType.INTEGRAL);
        assertThat(FeatureType.fromSageMakerName("STRING")).isEqualTo(FeatureType.STRING);
        assertThatThrownBy(() -> FeatureType.fromSageMakerName("Unknown"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Fractional, Integral or String");
        assertThatThrownBy(() -> FeatureType.fromSageMakerName(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
