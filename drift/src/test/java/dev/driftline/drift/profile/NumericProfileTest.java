package dev.driftline.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.driftline.drift.model.FeatureType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.junit.jupiter.api.Test;

class NumericProfileTest {

    static void assertCountsAddUp(FeatureProfile p) {
        assertThat(p.count()).isEqualTo(p.present() + p.missing() + p.typeMismatches());
    }

    @Test
    void classifiesEveryKindOfValue() {
        NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
        // present: numbers of every boxed type and plain decimal strings
        for (Object v : List.of(1.5, 2.5f, 3, 4L, (short) 5, (byte) 6, new BigDecimal("7.25"), BigInteger.TEN,
                "3.5", " -1e3 ", "+.5", "42")) {
            p.update(v);
        }
        // missing: null, blank, NaN in both forms
        for (Object v : Arrays.asList(null, "", "   ", Double.NaN, Float.NaN, "NaN", "nan")) {
            p.update(v);
        }
        // mismatches: other text, hex/suffixed floats Java would parse, infinities, booleans, containers
        for (Object v : List.of("abc", "0x1p3", "1d", "Infinity", "inf", Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, true, Map.of("a", 1), List.of(1.0), 'c')) {
            p.update(v);
        }
        assertThat(p.present()).isEqualTo(12);
        assertThat(p.numericStrings()).isEqualTo(4);
        assertThat(p.missing()).isEqualTo(7);
        assertThat(p.nanCount()).isEqualTo(4);
        assertThat(p.typeMismatches()).isEqualTo(11);
        assertThat(p.count()).isEqualTo(30);
        assertCountsAddUp(p);
        assertThat(p.min()).isEqualTo(-1000);
        assertThat(p.max()).isEqualTo(42);
        assertThat(p.sum()).isCloseTo(1.5 + 2.5 + 3 + 4 + 5 + 6 + 7.25 + 10 + 3.5 - 1000 + 0.5 + 42, within(1e-12));
    }

    @Test
    void integralFeaturesCountFractionalValuesAsMismatches() {
        NumericProfile p = new NumericProfile(FeatureType.INTEGRAL);
        for (Object v : List.of(3, 3.0, "4", "4.0", 5L, 1e3)) {
            p.update(v);
        }
        for (Object v : List.of(2.5, "2.5", 0.1f)) {
            p.update(v);
        }
        p.update(7.5); // the primitive path applies the same rule
        assertThat(p.present()).isEqualTo(6);
        assertThat(p.typeMismatches()).isEqualTo(4);
        assertThat(p.numericStrings()).isEqualTo(2); // "2.5" was a numeric string but not accepted
        assertCountsAddUp(p);
    }

    @Test
    void primitivePathMatchesTheObjectPath() {
        double[] values = new double[5_000];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 97 == 0 ? Double.NaN : i % 89 == 0 ? Double.POSITIVE_INFINITY : rnd.nextGaussian();
        }
        NumericProfile a = new NumericProfile(FeatureType.FRACTIONAL);
        NumericProfile b = new NumericProfile(FeatureType.FRACTIONAL);
        KllRandom.seed(7); // same compaction coins for both sketches
        for (double v : values) {
            a.update(v);
        }
        KllRandom.seed(7);
        for (double v : values) {
            b.update((Object) v);
        }
        assertThat(ProfileCodec.toBytes(a)).isEqualTo(ProfileCodec.toBytes(b));
    }

    @Test
    void exactMomentsAndExactDistributionWhileSmall() {
        NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
        double[] values = {4, 1, 3, 3, 9, -2};
        for (double v : values) {
            p.update(v);
        }
        assertThat(p.present()).isEqualTo(6);
        assertThat(p.mean()).isCloseTo(3, within(1e-15));
        // sample variance (n-1): deviations 1,-2,0,0,6,-5 -> 66/5
        assertThat(p.standardDeviation()).isCloseTo(Math.sqrt(66.0 / 5), within(1e-14));
        assertThat(p.isApproximate()).isFalse();
        StepCdf cdf = p.stepCdf();
        assertThat(cdf.n()).isEqualTo(6);
        assertThat(cdf.items()).containsExactly(-2, 1, 3, 4, 9);
        assertThat(cdf.cdf(3)).isEqualTo(4 / 6.0);
        assertThat(p.quantile(0.5)).isEqualTo(3);
        assertThat(p.distinctEstimate()).isCloseTo(5, within(0.01));
    }

    @Test
    void emptyProfile() {
        NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
        assertThat(p.count()).isZero();
        assertThat(p.mean()).isNaN();
        assertThat(p.min()).isNaN();
        assertThat(p.standardDeviation()).isNaN();
        assertThat(p.stepCdf().n()).isZero();
        assertThat(p.quantile(0.5)).isNaN();
        assertThat(p.distinctEstimate()).isZero();
    }

    @Test
    void compactedSketchKeepsTheTailsExact() {
        // A heavy tail: one value far out. After compaction KLL may weight it 16-fold or drop it; the profile's
        // distribution must still put exactly one value there.
        NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
        SplittableRandom rnd = new SplittableRandom(11);
        double[] values = new double[20_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i == 12_345 ? 1e6 : rnd.nextDouble();
            p.update(values[i]);
        }
        assertThat(p.isApproximate()).isTrue();
        Arrays.sort(values);
        StepCdf cdf = p.stepCdf();
        assertThat(cdf.n()).isEqualTo(values.length);
        assertThat(cdf.weightAtOrBelow(1e6 - 1)).isEqualTo(values.length - 1);
        // Exact below the 32nd smallest and from the 32nd largest value on.
        for (int i = 0; i < 31; i++) {
            assertThat(cdf.weightAtOrBelow(values[i])).isEqualTo(i + 1);
            int j = values.length - 1 - i;
            assertThat(cdf.weightAtOrBelow(values[j])).isEqualTo(j + 1);
        }
        // In between, the sketch: within its rank error, and monotone.
        long previous = 0;
        for (int q = 1; q < 100; q++) {
            double x = values[q * values.length / 100];
            long w = cdf.weightAtOrBelow(x);
            assertThat(w).isGreaterThanOrEqualTo(previous);
            previous = w;
            assertThat(Math.abs(w - (q * values.length / 100 + 1))).isLessThanOrEqualTo(values.length / 50);
        }
        assertThat(p.max()).isEqualTo(1e6);
    }

    @Test
    void refusesCategoricalTypesAndForeignMerges() {
        assertThatThrownBy(() -> new NumericProfile(FeatureType.STRING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numeric feature type");
        NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
        assertThatThrownBy(() -> p.merge(new NumericProfile(FeatureType.INTEGRAL)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INTEGRAL");
        assertThatThrownBy(() -> p.merge(new CategoricalProfile(FeatureType.STRING)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.merge(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("copy()");
    }

    @Test
    void keepsEveryValueUpToTheCapThenTheSketchTakesOver() {
        int cap = NumericProfile.EXACT_CAP;
        double[] values = new SplittableRandom(12).doubles(cap + 1, -3, 3).toArray();
        values[7] = values[3]; // a tie: one step of weight 2
        NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
        for (int i = 0; i < cap; i++) {
            p.update(values[i]);
        }
        double[] sorted = Arrays.copyOf(values, cap);
        Arrays.sort(sorted);
        assertThat(p.holdsExactSample()).isTrue();
        assertThat(p.isApproximate()).isFalse(); // although the KLL sketch (k = 200) has compacted
        assertThat(p.stepCdf().size()).isLessThan(cap - 1); // the sketch's own distribution (SageMaker export)
        StepCdf cdf = p.distribution();
        assertThat(cdf.n()).isEqualTo(cap);
        assertThat(cdf.size()).isEqualTo(cap - 1);
        assertThat(cdf.items()).isEqualTo(Arrays.stream(sorted).distinct().toArray());
        assertThat(cdf.weightAtOrBelow(values[3]) - cdf.weightAtOrBelow(Math.nextDown(values[3]))).isEqualTo(2);
        assertThat(p.quantile(0.3)).isEqualTo(cdf.quantileType7(0.3));
        assertThat(p.quantile(0.3))
                .isCloseTo(sorted[306] + (sorted[307] - sorted[306]) * (0.3 * (cap - 1) - 306), within(1e-12));

        p.update(values[cap]); // 1025 values: dropped for good
        assertThat(p.holdsExactSample()).isFalse();
        assertThat(p.isApproximate()).isTrue();
        assertThat(p.distribution().n()).isEqualTo(cap + 1);
        assertThat(p.distribution().items()).isEqualTo(p.stepCdf().items());
    }

    @Test
    void mergesConcatenateSamplesWhileTheyFitTheCap() {
        NumericProfile a = new NumericProfile(FeatureType.FRACTIONAL);
        NumericProfile b = new NumericProfile(FeatureType.FRACTIONAL);
        double[] all = new double[1000];
        for (int i = 0; i < 600; i++) {
            a.update(all[i] = i);
        }
        for (int i = 0; i < 400; i++) {
            b.update(all[600 + i] = -i - 0.5);
        }
        Arrays.sort(all);
        NumericProfile ab = a.copy().merge(b.copy());
        NumericProfile ba = b.copy().merge(a.copy());
        for (NumericProfile p : List.of(ab, ba)) {
            assertThat(p.holdsExactSample()).isTrue();
            assertThat(p.isApproximate()).isFalse();
            assertThat(p.exactValues()).isEqualTo(all);
            assertThat(p.distribution().items()).isEqualTo(all);
        }
        assertThat(ProfileCodec.toBytes(ab.copy().merge(new NumericProfile(FeatureType.FRACTIONAL))))
                .isEqualTo(ProfileCodec.toBytes(ab)); // canonical: sorted on the way out
        assertThat(a.exactValues()).hasSize(600); // the merge copied, the parts are untouched

        NumericProfile c = new NumericProfile(FeatureType.FRACTIONAL);
        for (int i = 0; i < 25; i++) {
            c.update(1e3 + i);
        }
        NumericProfile over = ab.copy().merge(c); // 1025 > cap
        assertThat(over.holdsExactSample()).isFalse();
        assertThat(over.present()).isEqualTo(1025);
        over.update(1.0);
        assertThat(over.holdsExactSample()).isFalse(); // for good

        // A profile without a sample (from a summary, or dropped) takes the sample away from any merge.
        NumericProfile summary = NumericProfile.fromSummary(FeatureType.FRACTIONAL, 0, c.moments(),
                KllDoublesSketch.heapify(Memory.wrap(c.kllBytes())), new HllSketch(11, NumericProfile.HLL_TYPE));
        assertThat(summary.holdsExactSample()).isFalse();
        assertThat(a.copy().merge(summary).holdsExactSample()).isFalse();
        assertThat(summary.copy().merge(a).holdsExactSample()).isFalse();
    }

    @Test
    void sketchesHoldEveryValueAlthoughFilledOnlyWhenRead() {
        // The sketches are not fed while the exact sample holds the values; whenever they are read they must hold
        // exactly what value-by-value updating would have put in them.
        int cap = NumericProfile.EXACT_CAP;
        NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
        for (int i = 0; i < 300; i++) {
            p.update(i % 250); // 250 distinct
        }
        assertThat(p.kllN()).isEqualTo(300);
        assertThat(p.distinctEstimate()).isCloseTo(250, within(3.0));
        assertThat(p.stepCdf().n()).isEqualTo(300);
        assertThat(p.extremes().lowest()).containsExactly(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9,
                10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15); // 0..49 twice, 50..249 once
        assertThat(p.extremes().highest()[31]).isEqualTo(249);
        NumericProfile q = p.copy();
        q.update(-5.0); // behind again; writing the profile sorts its sample, whose ends are then the extremes
        ProfileCodec.toBytes(q);
        assertThat(q.extremes().lowest()).startsWith(-5, 0, 0, 1, 1).hasSize(32);
        assertThat(q.extremes().highest()).startsWith(218, 219).endsWith(248, 249).hasSize(32);
        assertThat(q.kllN()).isEqualTo(301);
        for (int i = 300; i < cap + 50; i++) { // read once, then updated past the cap
            p.update(i);
        }
        assertThat(p.holdsExactSample()).isFalse();
        assertThat(p.kllN()).isEqualTo(cap + 50);
        assertThat(p.distinctEstimate()).isCloseTo(cap + 50 - 50, within(cap * 0.05));

        NumericProfile a = new NumericProfile(FeatureType.FRACTIONAL, 100, 10);
        NumericProfile b = new NumericProfile(FeatureType.FRACTIONAL);
        for (int i = 0; i < 400; i++) {
            a.update(i);
            b.update(-1 - i);
        }
        NumericProfile ab = a.copy().merge(b); // still exact: the smaller precisions of the two
        assertThat(ab.holdsExactSample()).isTrue();
        assertThat(ab.k()).isEqualTo(100);
        assertThat(ab.hllLgK()).isEqualTo(10);
        assertThat(ab.kllN()).isEqualTo(800);
        assertThat(ab.distinctEstimate()).isCloseTo(800, within(800 * 0.05));
        assertThat(a.copy().merge(b.copy()).summariesCurrent()).isFalse(); // merged samples: filled when read
        NumericProfile shared = (NumericProfile) ProfileCodec.fromBytesShareable(ProfileCodec.toBytes(ab));
        assertThat(shared.summariesCurrent()).isTrue(); // shared across threads (baselines): never changed by a read
        assertThat(shared.kllN()).isEqualTo(800);
        assertThat(shared.distinctEstimate()).isCloseTo(800, within(800 * 0.05));
        NumericProfile decoded = (NumericProfile) ProfileCodec.fromBytes(ProfileCodec.toBytes(ab));
        assertThat(decoded.summariesCurrent()).isFalse(); // read once by one thread (partials): filled when read
        assertThat(ProfileCodec.toBytes(decoded)).isEqualTo(ProfileCodec.toBytes(shared)); // the sample alone
        assertThat(decoded.kllN()).isEqualTo(800);
        assertThat(decoded.summariesCurrent()).isTrue();
        assertThat(decoded.distinctEstimate()).isCloseTo(800, within(800 * 0.05)); // HIP estimates depend on order
        NumericProfile over = decoded.merge(a.copy().merge(b.copy())); // 1600 > cap: the sketches are merged
        assertThat(over.holdsExactSample()).isFalse();
        assertThat(over.kllN()).isEqualTo(1600);
        assertThat(over.distinctEstimate()).isCloseTo(800, within(800 * 0.05));
    }

    @Test
    void mergingSortedSamplesKeepsThemSortedWithTheBytesOfASort() {
        java.util.Random random = new java.util.Random(7);
        NumericProfile unsortedA = new NumericProfile(FeatureType.FRACTIONAL);
        NumericProfile unsortedB = new NumericProfile(FeatureType.FRACTIONAL);
        for (int i = 0; i < 300; i++) { // ties, signed zeros and both sides' values interleaved
            unsortedA.update(i % 7 == 0 ? -0.0 : Math.rint(random.nextGaussian() * 20) / 2);
            unsortedB.update(i % 5 == 0 ? 0.0 : Math.rint(random.nextGaussian() * 20) / 2);
        }
        NumericProfile sortedA = (NumericProfile) ProfileCodec.fromBytes(ProfileCodec.toBytes(unsortedA));
        NumericProfile sortedB = (NumericProfile) ProfileCodec.fromBytes(ProfileCodec.toBytes(unsortedB));
        byte[] viaSort = ProfileCodec.toBytes(unsortedA.copy().merge(unsortedB.copy()));
        NumericProfile merged = sortedA.merge(sortedB);
        assertThat(merged.holdsExactSample()).isTrue();
        assertThat(merged.exactSampleSorted()).isTrue(); // no sort left for the encoding
        assertThat(ProfileCodec.toBytes(merged)).isEqualTo(viaSort);
        assertThat(merged.exactValues()).isSorted().hasSize(600);
    }

    @Test
    void distributionIsKeptUntilTheValuesChange() {
        NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
        for (int i = 0; i < 3000; i++) { // past the exact sample: the sketch's distribution, the costly one
            p.update(i % 997);
        }
        StepCdf first = p.distribution();
        assertThat(p.distribution()).isSameAs(first);
        p.update(5000.0);
        assertThat(p.distribution().n()).isEqualTo(3001);
        assertThat(p.distribution().items()).contains(5000.0);
        StepCdf second = p.distribution();
        NumericProfile other = new NumericProfile(FeatureType.FRACTIONAL);
        other.update(-7.0);
        p.merge(other);
        assertThat(p.distribution()).isNotSameAs(second);
        assertThat(p.distribution().n()).isEqualTo(3002);
        NumericProfile small = new NumericProfile(FeatureType.FRACTIONAL);
        small.update(2.0);
        assertThat(small.distribution().n()).isEqualTo(1);
        small.update("1.5");
        assertThat(small.distribution().items()).containsExactly(1.5, 2.0);
    }

    @Test
    void copyIsIndependent() {
        NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
        for (int i = 0; i < 1000; i++) {
            p.update(i);
        }
        NumericProfile copy = p.copy();
        assertThat(ProfileCodec.toBytes(copy)).isEqualTo(ProfileCodec.toBytes(p));
        copy.update(5000.0);
        assertThat(p.present()).isEqualTo(1000);
        assertThat(p.max()).isEqualTo(999);
        assertThat(copy.max()).isEqualTo(5000);
    }

    @Test
    void factoryPicksTheProfileForTheType() {
        assertThat(FeatureProfile.forType(FeatureType.INTEGRAL)).isInstanceOf(NumericProfile.class);
        assertThat(FeatureProfile.forType(FeatureType.FRACTIONAL)).isInstanceOf(NumericProfile.class);
        assertThat(FeatureProfile.forType(FeatureType.STRING)).isInstanceOf(CategoricalProfile.class);
        assertThat(FeatureProfile.forType(FeatureType.BOOLEAN)).isInstanceOf(CategoricalProfile.class);
    }
}
