package dev.driftline.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.drift.model.FeatureType;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

class ProfileFactoriesTest {

    @Test
    void numericFromSummaryEqualsTheProfileOfTheValuesWhileExact() {
        double[] values = new SplittableRandom(1).doubles(150, 0, 10).toArray();
        NumericProfile direct = new NumericProfile(FeatureType.FRACTIONAL);
        KllDoublesSketch kll = KllDoublesSketch.newHeapInstance(NumericProfile.DEFAULT_K);
        HllSketch hll = new HllSketch(NumericProfile.DEFAULT_HLL_LG_K, NumericProfile.HLL_TYPE);
        RunningMoments moments = new RunningMoments();
        for (double v : values) {
            direct.update(v);
            kll.update(v);
            hll.update(v);
            moments.add(v);
        }
        direct.update((Object) null);
        NumericProfile built = NumericProfile.fromSummary(FeatureType.FRACTIONAL, 1, moments, kll, hll);
        // Same fields and sketches; only the direct profile holds its exact sample (a summary has none). Its
        // distribution comes from that sample, so KLL's level 0 may still be unsorted: compare the sketches' content.
        assertThat(built.holdsExactSample()).isFalse();
        assertThat(direct.holdsExactSample()).isTrue();
        assertThat(built.kllN()).isEqualTo(direct.kllN());
        assertThat(sortedItems(built.kllBytes())).isEqualTo(sortedItems(direct.kllBytes()));
        assertThat(built.hllBytes()).isEqualTo(direct.hllBytes());
        assertThat(built.extremes().lowest()).isEqualTo(direct.extremes().lowest());
        assertThat(built.extremes().highest()).isEqualTo(direct.extremes().highest());
        ProfileCodecTest.assertSameBits(built.mean(), direct.mean());
        ProfileCodecTest.assertSameBits(built.rawMoments().m2(), direct.rawMoments().m2());
        ProfileCodecTest.assertSameBits(built.sum(), direct.sum());
        assertThat(built.missing()).isEqualTo(direct.missing());
        assertThat(built.stepCdf().items()).isEqualTo(direct.stepCdf().items()); // 150 ≤ k: the sketch is exact
        kll.update(99); // the factory copied the sketch
        assertThat(built.present()).isEqualTo(150);
        assertThatThrownBy(() -> NumericProfile.fromSummary(FeatureType.FRACTIONAL, 0, moments, kll, hll))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double[] sortedItems(byte[] kllBytes) {
        return KllDoublesSketch.heapify(org.apache.datasketches.memory.Memory.wrap(kllBytes)).getSortedView()
                .getQuantiles();
    }

    @Test
    void numericFromACompactedSketchKeepsTheTrueMinAndMax() {
        KllDoublesSketch kll = KllDoublesSketch.newHeapInstance(200);
        RunningMoments moments = new RunningMoments();
        double[] values = new SplittableRandom(2).doubles(10_000).toArray();
        for (double v : values) {
            kll.update(v);
            moments.add(v);
        }
        NumericProfile p = NumericProfile.fromSummary(FeatureType.FRACTIONAL, 0, moments, kll,
                new HllSketch(11, NumericProfile.HLL_TYPE));
        Arrays.sort(values);
        assertThat(p.extremes().lowest()[0]).isEqualTo(values[0]);
        assertThat(p.extremes().highest()[31]).isEqualTo(values[values.length - 1]);
        assertThat(p.stepCdf().n()).isEqualTo(10_000);
        ProfileCodecTest.roundTrip(p);
    }

    @Test
    void categoricalFromCounts() {
        CategoricalProfile p = CategoricalProfile.fromCounts(FeatureType.STRING, 3, Map.of("a", 5L, "b", 2L));
        assertThat(p.frequencies()).isEqualTo(Map.of("a", 5L, "b", 2L));
        assertThat(p.present()).isEqualTo(7);
        assertThat(p.missing()).isEqualTo(3);
        assertThat(p.isSketched()).isFalse();
        ProfileCodecTest.roundTrip(p);
        CategoricalProfile direct = new CategoricalProfile(FeatureType.STRING);
        for (String s : new String[] {"a", "a", "b", "a", "b", "a", "a"}) {
            direct.update(s);
        }
        for (int i = 0; i < 3; i++) {
            direct.update(null);
        }
        assertThat(ProfileCodec.toBytes(p)).isEqualTo(ProfileCodec.toBytes(direct));
        assertThatThrownBy(() -> CategoricalProfile.fromCounts(FeatureType.STRING, 0, Map.of("a", 0L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyExactCountsStayExact() {
        Map<String, Long> counts = new java.util.HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            counts.put("c" + i, 1L + i % 3);
        }
        CategoricalProfile p = CategoricalProfile.fromCounts(FeatureType.STRING, 0, counts);
        assertThat(p.isSketched()).isFalse();
        assertThat(p.maxExactCategories()).isEqualTo(3_000);
        assertThat(p.frequencies()).isEqualTo(counts);
    }
}
