package dev.driftline.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.driftline.drift.model.FeatureType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.datasketches.kll.KllSketch;
import org.junit.jupiter.api.Test;

/**
 * Merging is associative and commutative: random partitions of one stream, merged left to right, right to left, as a
 * balanced tree and in a shuffled order, all describe the whole stream.
 */
class ProfileMergeTest {
    static final int PARTS = 9;

    /** Splits values into PARTS random, contiguous, possibly empty chunks and profiles each. */
    static <P extends FeatureProfile> List<P> partitionProfiles(Object[] values, Supplier<P> factory, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] cuts = new int[PARTS + 1];
        for (int i = 1; i < PARTS; i++) {
            cuts[i] = rnd.nextInt(values.length + 1);
        }
        cuts[PARTS] = values.length;
        Arrays.sort(cuts);
        List<P> parts = new ArrayList<>();
        for (int i = 0; i < PARTS; i++) {
            P p = factory.get();
            for (int j = cuts[i]; j < cuts[i + 1]; j++) {
                p.update(values[j]);
            }
            parts.add(p);
        }
        return parts;
    }

    /** The four merge orders, each on copies so the parts stay intact. */
    @SuppressWarnings("unchecked")
    static <P extends FeatureProfile> List<P> mergeInFourOrders(List<P> parts, long seed) {
        List<P> results = new ArrayList<>();
        P left = (P) parts.get(0).copy();
        for (int i = 1; i < parts.size(); i++) {
            left.merge(parts.get(i));
        }
        results.add(left);
        P right = (P) parts.get(parts.size() - 1).copy();
        for (int i = parts.size() - 2; i >= 0; i--) {
            right.merge(parts.get(i));
        }
        results.add(right);
        List<P> level = new ArrayList<>();
        parts.forEach(p -> level.add((P) p.copy()));
        while (level.size() > 1) {
            List<P> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                next.add(i + 1 < level.size() ? (P) level.get(i).merge(level.get(i + 1)) : level.get(i));
            }
            level.clear();
            level.addAll(next);
        }
        results.add(level.get(0));
        List<P> shuffled = new ArrayList<>(parts);
        Collections.shuffle(shuffled, new Random(seed));
        P any = (P) shuffled.get(0).copy();
        shuffled.subList(1, shuffled.size()).forEach(any::merge);
        results.add(any);
        return results;
    }

    @Test
    void numericMergesAgreeWithTheWholeStream() {
        SplittableRandom rnd = new SplittableRandom(21);
        int n = 60_000;
        Object[] values = new Object[n];
        double[] present = new double[n];
        int np = 0;
        for (int i = 0; i < n; i++) {
            if (i % 500 == 0) {
                values[i] = i % 1000 == 0 ? null : "not a number";
            } else {
                double v = 1e6 + rnd.nextGaussian() * 25; // large offset: stresses the moment merge
                values[i] = v;
                present[np++] = v;
            }
        }
        double[] sorted = Arrays.copyOf(present, np);
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).sum() / np;
        double m2 = Arrays.stream(sorted).map(x -> (x - mean) * (x - mean)).sum();

        KllRandom.seed(5);
        List<NumericProfile> parts = partitionProfiles(values, () -> new NumericProfile(FeatureType.FRACTIONAL), 22);
        List<NumericProfile> merged = mergeInFourOrders(parts, 23);
        double rankError = KllSketch.getNormalizedRankError(NumericProfile.DEFAULT_K, true);
        for (NumericProfile p : merged) {
            assertThat(p.count()).isEqualTo(n);
            assertThat(p.present()).isEqualTo(np);
            assertThat(p.kllN()).isEqualTo(np);
            assertThat(p.missing()).isEqualTo(n / 1000);
            assertThat(p.typeMismatches()).isEqualTo(n / 1000);
            assertThat(p.mean()).isCloseTo(mean, org.assertj.core.data.Percentage.withPercentage(1e-10));
            assertThat(Math.abs(p.rawMoments().m2() - m2) / m2).isLessThan(1e-12);
            assertThat(p.min()).isEqualTo(sorted[0]);
            assertThat(p.max()).isEqualTo(sorted[np - 1]);
            assertThat(p.distinctEstimate()).isEqualTo(merged.get(0).distinctEstimate()); // HLL union: exact
            assertThat(p.extremes().lowest()).isEqualTo(Arrays.copyOf(sorted, 32));
            assertThat(p.extremes().highest()).isEqualTo(Arrays.copyOfRange(sorted, np - 32, np));
            for (int q = 1; q < 100; q++) {
                double estimate = p.quantile(q / 100.0);
                double trueRank = (double) StepCdf.exact(sorted).weightAtOrBelow(estimate) / np;
                assertThat(Math.abs(trueRank - q / 100.0)).as("quantile %d%%", q)
                        .isLessThanOrEqualTo(rankError);
            }
            ProfileCodecTest.roundTrip(p);
        }
        // Mean and variance agree between merge orders far below rounding of the sums.
        for (NumericProfile p : merged) {
            double first = merged.get(0).standardDeviation();
            assertThat(Math.abs(p.standardDeviation() - first) / first).isLessThan(1e-12);
            assertThat(Math.abs(p.mean() - merged.get(0).mean()) / merged.get(0).mean()).isLessThan(1e-12);
        }
    }

    @Test
    void smallMergesStayExact() {
        double[] values = new SplittableRandom(31).doubles(150, -5, 5).toArray();
        Object[] boxed = Arrays.stream(values).boxed().toArray();
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (NumericProfile p : mergeInFourOrders(
                partitionProfiles(boxed, () -> new NumericProfile(FeatureType.FRACTIONAL), 32), 33)) {
            assertThat(p.isApproximate()).isFalse();
            assertThat(p.stepCdf().items()).isEqualTo(sorted); // 150 ≤ k: every value, weight 1
        }
    }

    @Test
    void categoricalMergesAreExactWhileCategoriesFit() {
        SplittableRandom rnd = new SplittableRandom(41);
        int n = 30_000;
        Object[] values = new Object[n];
        Map<String, Long> truth = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String v = "cat" + (int) Math.abs(rnd.nextGaussian() * 20);
            values[i] = i % 700 == 0 ? null : v;
            if (values[i] != null) {
                truth.merge(v, 1L, Long::sum);
            }
        }
        List<CategoricalProfile> merged = mergeInFourOrders(
                partitionProfiles(values, () -> new CategoricalProfile(FeatureType.STRING), 42), 43);
        for (CategoricalProfile p : merged) {
            assertThat(p.frequencies()).isEqualTo(truth);
            assertThat(p.missing()).isEqualTo((n + 699) / 700);
            assertThat(p.count()).isEqualTo(n);
            assertThat(p.distinctEstimate()).isEqualTo(truth.size());
            ProfileCodecTest.roundTrip(p);
        }
    }

    /**
     * A decoded partial (its sketches never built) merged into a window past the cap: its values go straight into
     * the window's sketches. The result has the same counts, distinct estimate and extremes as merging the partial's
     * own sketches, and quantiles within the sketch's error of the truth.
     */
    @Test
    void aPartialsSampleGoesStraightIntoTheSketchesWithTheSameResult() {
        Random r = new Random(11);
        List<byte[]> partials = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            NumericProfile part = new NumericProfile(FeatureType.FRACTIONAL);
            for (int i = 0; i < 833; i++) {
                double v = Math.round(r.nextGaussian() * 1000) / 10.0; // repeats, so the distinct count matters
                part.update(v);
                all.add(v);
            }
            partials.add(ProfileCodec.toBytes(part));
        }
        NumericProfile straight = (NumericProfile) ProfileCodec.fromBytes(partials.get(0));
        NumericProfile viaSketches = (NumericProfile) ProfileCodec.fromBytes(partials.get(0));
        for (int p = 1; p < 6; p++) {
            straight.merge(ProfileCodec.fromBytes(partials.get(p)));
            NumericProfile built = (NumericProfile) ProfileCodec.fromBytes(partials.get(p));
            built.quantile(0.5); // its sketches built: merged sketch into sketch
            viaSketches.merge(built);
        }
        assertThat(straight.holdsExactSample()).isFalse();
        assertThat(straight.present()).isEqualTo(viaSketches.present()).isEqualTo(all.size());
        assertThat(straight.distinctEstimate()).isEqualTo(viaSketches.distinctEstimate());
        assertThat(straight.extremes().lowest()).containsExactly(viaSketches.extremes().lowest());
        assertThat(straight.extremes().highest()).containsExactly(viaSketches.extremes().highest());
        assertThat(straight.min()).isEqualTo(viaSketches.min());
        assertThat(straight.max()).isEqualTo(viaSketches.max());
        assertThat(straight.mean()).isCloseTo(viaSketches.mean(), within(1e-9));
        Collections.sort(all);
        for (double q : new double[] {0.1, 0.25, 0.5, 0.75, 0.9}) {
            double truth = all.get((int) (q * (all.size() - 1)));
            double spread = all.get((int) (Math.min(q + 0.02, 1) * (all.size() - 1)))
                    - all.get((int) (Math.max(q - 0.02, 0) * (all.size() - 1)));
            assertThat(straight.quantile(q)).as("q%.2f", q).isCloseTo(truth, within(spread));
        }
        ProfileCodecTest.roundTrip(straight);
    }

    @Test
    void mergingPastTheCapSwitchesToTheSketchWithoutLosingCounts() {
        Object[] values = new Object[4_000];
        Map<String, Long> truth = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            values[i] = "c" + (i * 7 % 40);
            truth.merge((String) values[i], 1L, Long::sum);
        }
        // Each part sees fewer than 30 categories, but the union has 40: merging crosses the cap of 30. The sketch
        // (map size 64, 48 items) still holds every category, so counts stay exact in every order.
        List<CategoricalProfile> merged = mergeInFourOrders(
                partitionProfiles(values, () -> new CategoricalProfile(FeatureType.STRING, 30, 64, 11), 52), 53);
        for (CategoricalProfile p : merged) {
            assertThat(p.isSketched()).isTrue();
            assertThat(p.isApproximate()).isFalse();
            assertThat(p.frequencies()).isEqualTo(truth);
            assertThat(p.present()).isEqualTo(values.length);
            ProfileCodecTest.roundTrip(p);
        }
    }
}
