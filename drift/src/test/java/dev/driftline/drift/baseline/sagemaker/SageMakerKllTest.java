package dev.driftline.drift.baseline.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.NumericProfile;
import dev.driftline.drift.profile.ProfileCodec;
import dev.driftline.drift.profile.StepCdf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

/** Deequ compactor levels ↔ DataSketches KLL sketches: exactness of the rebuild and the capacity arithmetic. */
class SageMakerKllTest {

    private static NumericProfile profileOf(double[] xs, int k) {
        NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL, k, NumericProfile.DEFAULT_HLL_LG_K);
        for (double x : xs) {
            p.update(x);
        }
        return p;
    }

    private static void assertSameDistribution(StepCdf actual, DeequKll.WeightedItems expected) {
        DeequKll.WeightedItems got = DeequKll.WeightedItems.of(actual);
        assertThat(got.items()).containsExactly(expected.items());
        assertThat(got.weights()).containsExactly(expected.weights());
    }

    @Test
    void capacityMatchesDataSketchesLayout() {
        // The compact image stores the free space (capacity − retained) as the first level offset: read it back.
        Random rnd = new Random(1);
        for (int k : new int[] {8, 20, 200, 2048}) {
            KllDoublesSketch s = KllDoublesSketch.newHeapInstance(k);
            for (int n = 1; n <= 60_000; n++) {
                s.update(rnd.nextGaussian());
                if (n > 1 && (n % 997 == 0 || n == 2)) {
                    ByteBuffer b = ByteBuffer.wrap(s.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
                    int numLevels = b.get(18);
                    int free = b.getInt(20);
                    assertThat(DeequKll.capacity(k, numLevels)).as("k=%d n=%d", k, n)
                            .isEqualTo(free + s.getNumRetained());
                }
            }
        }
    }

    @Test
    void levelsAreLevelZeroCopiesUpToKThenBinary() {
        DeequKll.WeightedItems w = new DeequKll.WeightedItems(new double[] {1, 2, 3}, new long[] {1, 3, 2});
        assertThat(DeequKll.levels(w, 8)).containsExactly(new double[] {1, 2, 2, 2, 3, 3});
        // 1 = 1, 3 = 2 + 1, 2 = 2
        assertThat(DeequKll.levels(w, 5)).containsExactly(new double[] {1, 2}, new double[] {2, 3});
        assertThat(DeequKll.levels(DeequKll.WeightedItems.EMPTY, 8)).isEmpty();
    }

    @Test
    void weightedItemsOfLevelsSumEqualItems() {
        DeequKll.WeightedItems w = DeequKll.WeightedItems.ofLevels(List.of(new double[] {3, 1, 3}, new double[] {1},
                new double[] {}, new double[] {-0.0, 0.0}));
        assertThat(w.items()).containsExactly(0.0, 1.0, 3.0);
        assertThat(w.weights()).containsExactly(16L, 3L, 2L);
        assertThatThrownBy(() -> DeequKll.WeightedItems.ofLevels(List.<double[]>of(new double[] {Double.NaN})))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sketchRebuildIsExactForCompactedProfiles() {
        Random rnd = new Random(3);
        for (int n : new int[] {2, 150, 200, 201, 5_000, 100_000}) {
            double[] xs = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = i % 3 == 0 ? rnd.nextInt(20) : rnd.nextGaussian() * 5; // ties and unique values
            }
            NumericProfile p = profileOf(xs, 200);
            DeequKll.WeightedItems w = DeequKll.WeightedItems.of(p.stepCdf());
            assertThat(w.total()).isEqualTo(n);
            KllDoublesSketch s = DeequKll.sketch(w, 200, p.min(), p.max());
            assertThat(s.getK()).isEqualTo(200);
            assertThat(s.getN()).isEqualTo(n);
            assertThat(s.isEstimationMode()).isEqualTo(n > 200);
            assertThat(s.getMinItem()).isEqualTo(p.min());
            assertThat(s.getMaxItem()).isEqualTo(p.max());
            NumericProfile rebuilt = NumericProfile.fromSummary(FeatureType.FRACTIONAL, 0, p.moments(), s,
                    new org.apache.datasketches.hll.HllSketch(11));
            assertSameDistribution(rebuilt.stepCdf(), w);
            // and it survives the profile codec, and can keep streaming
            NumericProfile copy = (NumericProfile) ProfileCodec.fromBytes(ProfileCodec.toBytes(rebuilt));
            assertSameDistribution(copy.stepCdf(), w);
            for (int i = 0; i < 1000; i++) {
                copy.update(rnd.nextGaussian());
            }
            assertThat(copy.stepCdf().n()).isEqualTo(n + 1000);
        }
    }

    @Test
    void rebuildKeepsKAndTheDistributionAcrossSizes() {
        // A profile's step CDF has exact tails and clamped weights, so it often needs more items than the
        // sketch had: the rebuild must still hold it exactly without changing k.
        Random rnd = new Random(5);
        for (int trial = 0; trial < 300; trial++) {
            int n = 2 + rnd.nextInt(trial < 250 ? 20_000 : 300_000);
            int k = new int[] {8, 20, 200, 200, 1000}[rnd.nextInt(5)];
            boolean ties = rnd.nextBoolean();
            double[] xs = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = ties ? rnd.nextInt(50) : rnd.nextGaussian();
            }
            NumericProfile p = profileOf(xs, k);
            DeequKll.WeightedItems w = DeequKll.WeightedItems.of(p.stepCdf());
            KllDoublesSketch s = DeequKll.sketch(w, k, p.min(), p.max());
            assertThat(s.getK()).as("n=%d k=%d", n, k).isEqualTo(k);
            NumericProfile q = NumericProfile.fromSummary(FeatureType.FRACTIONAL, 0, p.moments(), s,
                    new org.apache.datasketches.hll.HllSketch(11));
            assertSameDistribution(q.stepCdf(), w);
        }
    }

    @Test
    void singleAndEmptySketches() {
        assertThat(DeequKll.sketch(DeequKll.WeightedItems.EMPTY, 200, 0, 0).isEmpty()).isTrue();
        KllDoublesSketch one = DeequKll.sketch(new DeequKll.WeightedItems(new double[] {4}, new long[] {1}), 200,
                4, 4);
        assertThat(one.getN()).isEqualTo(1);
        KllDoublesSketch heavy = DeequKll.sketch(new DeequKll.WeightedItems(new double[] {4}, new long[] {1000}),
                20, 4, 4);
        assertThat(heavy.getN()).isEqualTo(1000);
        assertThat(heavy.getNumRetained()).isEqualTo(Long.bitCount(1000));
    }

    @Test
    void trueMinAndMaxOutsideTheItemsAreKept() {
        DeequKll.WeightedItems w = new DeequKll.WeightedItems(new double[] {2, 3}, new long[] {64, 64});
        KllDoublesSketch s = DeequKll.sketch(w, 8, 0, 9);
        assertThat(s.getMinItem()).isEqualTo(0);
        assertThat(s.getMaxItem()).isEqualTo(9);
        assertThat(s.getN()).isEqualTo(128);
    }

    @Test
    void fullDeequLevelZeroFitsWithAnEmptyTopLevel() {
        // Deequ's level 0 holds up to k + 2 items before compacting; DataSketches' single level holds k.
        double[] level0 = new double[2050];
        Arrays.setAll(level0, i -> i * 0.5);
        DeequKll.WeightedItems w = DeequKll.WeightedItems.ofLevels(List.<double[]>of(level0));
        KllDoublesSketch s = DeequKll.sketch(w, 2048, 0, 1024.5);
        assertThat(s.getK()).isEqualTo(2048);
        assertThat(s.getN()).isEqualTo(2050);
        assertSameDistribution(profileView(s), w);
    }

    @Test
    void oversizedLevelsGetRoomAndRaiseKOnlyAsALastResort() {
        double[] level0 = new double[600];
        Arrays.setAll(level0, i -> i);
        DeequKll.WeightedItems w = DeequKll.WeightedItems.ofLevels(List.of(level0, new double[] {10_000}));
        KllDoublesSketch s = DeequKll.sketch(w, 100, 0, 10_000);
        assertThat(s.getK()).isEqualTo(100); // empty top levels give the room
        assertSameDistribution(profileView(s), w);

        double[] huge = new double[5000];
        Arrays.setAll(huge, i -> i);
        w = DeequKll.WeightedItems.ofLevels(List.of(huge, new double[] {10_000}));
        s = DeequKll.sketch(w, 100, 0, 10_000);
        assertThat(s.getK()).isGreaterThan(100); // 61 levels of k = 100 hold fewer than 5,001 items
        assertThat(s.getN()).isEqualTo(5002);
        assertSameDistribution(profileView(s), w);
    }

    private static StepCdf profileView(KllDoublesSketch s) {
        NumericProfile p = NumericProfile.fromSummary(FeatureType.FRACTIONAL, 0,
                dev.driftline.drift.profile.RunningMoments.of(s.getN(), 0, 0, 0, s.getMinItem(), s.getMaxItem()), s,
                new org.apache.datasketches.hll.HllSketch(11));
        return p.stepCdf();
    }

    @Test
    void realDeequSketchesImportExactly() {
        Random rnd = new Random(11);
        for (int n : new int[] {100, 2050, 2051, 30_000, 200_000}) {
            DeequKllSimulator deequ = new DeequKllSimulator(2048, 0.64);
            double[] xs = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = Math.exp(rnd.nextGaussian());
                deequ.update(xs[i]);
            }
            List<double[]> data = deequ.data();
            DeequKll.WeightedItems w = DeequKll.WeightedItems.ofLevels(data);
            assertThat(w.total()).as("Deequ keeps the total weight").isEqualTo(n);
            double min = Arrays.stream(xs).min().orElseThrow();
            double max = Arrays.stream(xs).max().orElseThrow();
            KllDoublesSketch s = DeequKll.sketch(w, 2048, min, max);
            assertThat(s.getN()).isEqualTo(n);
            StepCdf view = profileView(s);
            // Every Deequ item keeps its weight, except that the sorted view adds the true min and max with
            // weight 1 taken from their neighbours.
            DeequKll.WeightedItems got = DeequKll.WeightedItems.of(view);
            assertThat(got.total()).isEqualTo(n);
            for (int i = 0; i < w.size(); i++) {
                int j = Arrays.binarySearch(got.items(), w.items()[i]);
                if (j < 0) { // an end item of weight 1 whose unit went to the true min or max
                    assertThat(w.weights()[i]).isEqualTo(1);
                    assertThat(i == 0 || i == w.size() - 1).isTrue();
                    continue;
                }
                assertThat(Math.abs(got.weights()[j] - w.weights()[i])).isLessThanOrEqualTo(1);
            }
            double[] sorted = xs.clone();
            Arrays.sort(sorted);
            for (double p = 0.1; p < 0.95; p += 0.1) {
                double q = view.quantileType7(p);
                assertThat(rankInterval(sorted, q, p)).as("n=%d p=%.1f", n, p).isLessThanOrEqualTo(0.01);
            }
        }
    }

    /** Distance of p from the rank interval [#(x < q)/n, #(x ≤ q)/n] of q in the sorted sample. */
    static double rankInterval(double[] sorted, double q, double p) {
        int below = 0;
        while (below < sorted.length && sorted[below] < q) {
            below++;
        }
        int atOrBelow = below;
        while (atOrBelow < sorted.length && sorted[atOrBelow] <= q) {
            atOrBelow++;
        }
        double lo = (double) below / sorted.length;
        double hi = (double) atOrBelow / sorted.length;
        return p < lo ? lo - p : p > hi ? p - hi : 0;
    }

    @Test
    void bucketsFollowDeequ() {
        NumericProfile p = profileOf(new double[] {0, 1, 1, 2, 5, 9.5, 10}, 200);
        List<DeequKll.Bucket> b = DeequKll.buckets(p.stepCdf(), 0, 10);
        assertThat(b).hasSize(10);
        assertThat(b.get(0)).isEqualTo(new DeequKll.Bucket(0, 1, 1)); // [0, 1)
        assertThat(b.get(1).count()).isEqualTo(2); // [1, 2)
        assertThat(b.get(2).count()).isEqualTo(1);
        assertThat(b.get(5).count()).isEqualTo(1);
        assertThat(b.get(9)).isEqualTo(new DeequKll.Bucket(9, 10, 2)); // [9, 10] closed
        assertThat(b.stream().mapToLong(DeequKll.Bucket::count).sum()).isEqualTo(7);
        List<DeequKll.Bucket> constant = DeequKll.buckets(profileOf(new double[] {3, 3}, 200).stepCdf(), 3, 3);
        assertThat(constant.get(9).count()).isEqualTo(2);
        assertThat(constant.stream().mapToLong(DeequKll.Bucket::count).sum()).isEqualTo(2);
    }

    @Test
    void apportionKeepsTotalsAndProportions() {
        assertThat(Apportion.scale(new long[] {1, 1, 2}, 1990)).containsExactly(498L, 497L, 995L);
        assertThat(Apportion.scale(new long[] {5, 7}, 12)).containsExactly(5L, 7L);
        assertThat(Apportion.scale(new long[] {900}, 2000)).containsExactly(2000L);
        assertThat(Arrays.stream(Apportion.scale(new long[] {3, 3, 3}, 10)).sum()).isEqualTo(10);
        assertThatThrownBy(() -> Apportion.scale(new long[] {0, 0}, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Deequ's QuantileNonSample / NonSampleCompactor (as in Deequ's source, deterministic offsets), for tests. */
    static final class DeequKllSimulator {
        private final int k;
        private final double c;
        private final List<List<Double>> buffers = new ArrayList<>();
        private final List<int[]> state = new ArrayList<>(); // {numOfCompress, offset}
        private int actual;
        private int total;

        DeequKllSimulator(int k, double c) {
            this.k = k;
            this.c = c;
            expand();
        }

        private int capacity(int height) {
            return 2 * ((int) Math.ceil(k * Math.pow(c, height) / 2) + 1);
        }

        private void expand() {
            buffers.add(new ArrayList<>());
            state.add(new int[2]);
            total = 0;
            for (int h = 0; h < buffers.size(); h++) {
                total += capacity(h);
            }
        }

        void update(double x) {
            buffers.get(0).add(x);
            actual++;
            if (actual > total) {
                condense();
            }
        }

        private void condense() {
            for (int h = 0; h < buffers.size(); h++) {
                if (buffers.get(h).size() >= capacity(h)) {
                    if (h + 1 >= buffers.size()) {
                        expand();
                    }
                    buffers.get(h + 1).addAll(compact(h));
                    actual = buffers.stream().mapToInt(List::size).sum();
                    return;
                }
            }
        }

        private List<Double> compact(int h) {
            List<Double> buffer = buffers.get(h);
            int[] s = state.get(h);
            int items = buffer.size();
            int len = items - items % 2;
            if (s[0] % 2 == 1) {
                s[1] = 1 - s[1];
            }
            List<Double> sorted = new ArrayList<>(buffer.subList(0, len));
            sorted.sort(null);
            List<Double> out = new ArrayList<>();
            for (int i = s[1]; i < len; i += 2) {
                out.add(sorted.get(i));
            }
            List<Double> rest = new ArrayList<>();
            if (items % 2 == 1) {
                rest.add(buffer.get(items - 1));
            }
            buffers.set(h, rest);
            s[0]++;
            return out;
        }

        List<double[]> data() {
            List<double[]> out = new ArrayList<>();
            for (List<Double> b : buffers) {
                out.add(b.stream().mapToDouble(Double::doubleValue).toArray());
            }
            return out;
        }
    }
}
