package dev.driftline.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import dev.driftline.drift.model.FeatureType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CategoricalProfileTest {

    @Test
    void stringFeatureCategories() {
        CategoricalProfile p = new CategoricalProfile(FeatureType.STRING);
        for (Object v : List.of("red", "red", " red", true, 3, 3L, 3.0, 2.5, new BigDecimal("4.50"), 'x')) {
            p.update(v);
        }
        for (Object v : Arrays.asList(null, "", "  ", Double.NaN, "NaN")) {
            p.update(v);
        }
        for (Object v : List.of(Map.of(), List.of("a"), Double.NEGATIVE_INFINITY)) {
            p.update(v);
        }
        assertThat(p.frequencies()).containsExactly(entry(" red", 1L), entry("2.5", 1L), entry("3", 3L),
                entry("4.5", 1L), entry("red", 2L), entry("true", 1L), entry("x", 1L));
        assertThat(p.present()).isEqualTo(10);
        assertThat(p.missing()).isEqualTo(5);
        assertThat(p.typeMismatches()).isEqualTo(3);
        assertThat(p.count()).isEqualTo(18);
        assertThat(p.distinctEstimate()).isEqualTo(7);
        assertThat(p.unattributed()).isZero();
        assertThat(p.isSketched()).isFalse();
    }

    @Test
    void booleanFeatureCategories() {
        CategoricalProfile p = new CategoricalProfile(FeatureType.BOOLEAN);
        for (Object v : List.of(true, "TRUE", " true ", "1", 1, 1.0, false, "False", "0", 0L)) {
            p.update(v);
        }
        for (Object v : Arrays.asList(null, "", "nan", Float.NaN)) {
            p.update(v);
        }
        for (Object v : List.of("yes", 2, 0.5, List.of(true))) {
            p.update(v);
        }
        assertThat(p.frequencies()).containsExactly(entry("false", 4L), entry("true", 6L));
        assertThat(p.missing()).isEqualTo(4);
        assertThat(p.typeMismatches()).isEqualTo(4);
        assertThat(p.count()).isEqualTo(18);
    }

    @Test
    void switchesToTheSketchBeyondTheCapAndStaysExactUntilItPurges() {
        // Cap 10 exact categories; map size 32 tracks 24 items before it has to purge.
        CategoricalProfile p = new CategoricalProfile(FeatureType.STRING, 10, 32, 11);
        for (int c = 0; c < 10; c++) {
            for (int i = 0; i <= c; i++) {
                p.update("c" + c);
            }
        }
        assertThat(p.isSketched()).isFalse();
        p.update("c10");
        assertThat(p.isSketched()).isTrue();
        assertThat(p.isApproximate()).isFalse(); // 11 items fit the sketch: counts still exact
        assertThat(p.frequencies()).hasSize(11).containsEntry("c9", 10L).containsEntry("c10", 1L);
        assertThat(p.unattributed()).isZero();

        for (int c = 11; c < 200; c++) {
            p.update("c" + c);
        }
        assertThat(p.isApproximate()).isTrue();
        assertThat(p.maximumError()).isPositive();
        assertThat(p.present()).isEqualTo(55 + 1 + 189);
        long attributed = p.frequencies().values().stream().mapToLong(Long::longValue).sum();
        assertThat(attributed + p.unattributed()).isEqualTo(p.present());
        // Lower bounds never exceed the truth, and the heaviest item survives.
        p.frequencies().forEach((k, v) -> assertThat(v).isLessThanOrEqualTo(k.equals("c9") ? 10 : 10));
        assertThat(p.frequencies()).containsKey("c9");
        assertThat(p.distinctEstimate()).isCloseTo(200, within(200 * 0.1));
        assertThat(p.count()).isEqualTo(p.present());
    }

    @Test
    void defaultMapSizeLeavesRoomAboveTheCap() {
        assertThat(CategoricalProfile.defaultSketchMapSize(1000)).isEqualTo(2048);
        assertThat(CategoricalProfile.defaultSketchMapSize(1024)).isEqualTo(2048);
        assertThat(CategoricalProfile.defaultSketchMapSize(1025)).isEqualTo(4096);
        assertThat(CategoricalProfile.defaultSketchMapSize(1)).isEqualTo(8);
        CategoricalProfile p = new CategoricalProfile(FeatureType.STRING);
        assertThat(p.maxExactCategories()).isEqualTo(1000);
        assertThat(p.sketchMapSize()).isEqualTo(2048);
    }

    @Test
    void refusesBadSettingsAndForeignMerges() {
        assertThatThrownBy(() -> new CategoricalProfile(FeatureType.FRACTIONAL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CategoricalProfile(FeatureType.STRING, 0, 64, 11))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CategoricalProfile(FeatureType.STRING, 10, 100, 11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
        CategoricalProfile p = new CategoricalProfile(FeatureType.STRING);
        assertThatThrownBy(() -> p.merge(new CategoricalProfile(FeatureType.BOOLEAN)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.merge(p)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copyIsIndependent() {
        CategoricalProfile p = new CategoricalProfile(FeatureType.STRING, 2, 8, 11);
        p.update("a");
        CategoricalProfile exact = p.copy();
        p.update("b");
        p.update("c");
        CategoricalProfile sketched = p.copy();
        p.update("d");
        assertThat(exact.frequencies()).containsOnlyKeys("a");
        assertThat(sketched.isSketched()).isTrue();
        assertThat(sketched.present()).isEqualTo(3);
        assertThat(ProfileCodec.toBytes(p.copy())).isEqualTo(ProfileCodec.toBytes(p));
    }
}
