package dev.driftline.drift.baseline.sagemaker;

import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.FeatureProfile;
import dev.driftline.drift.profile.NumericProfile;
import dev.driftline.drift.profile.ProfileCodec;
import dev.driftline.drift.profile.RunningMoments;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.DoublesSortedView;

/**
 * Profiles assembled from summaries rather than values: a numeric profile with given exact moments and a given KLL
 * sketch, a categorical profile with given counts.
 *
 * <p>{@link NumericProfile} has no public constructor taking moments and a sketch, so these are built through the
 * public, versioned {@link ProfileCodec} format (version 1, as documented there): the bytes a profile with those
 * fields would serialise to are written and decoded, which also runs the codec's consistency checks (sketch n equals
 * the moments' n, category counts sum to the present count). A public factory on the profile classes would replace
 * this class.
 */
final class ImportedProfiles {
    private static final int CODEC_VERSION = 1;
    private static final int KIND_NUMERIC = 1;
    private static final int KIND_CATEGORICAL = 2;
    /** How many smallest and largest values a numeric profile keeps exactly (the profile package's default). */
    static final int EXTREMES_M = 32;

    private ImportedProfiles() {
    }

    /**
     * A numeric profile with exactly these moments and this sketch; {@code missing} values, no NaN, type-mismatch or
     * numeric-string counts (SageMaker has none of those); its exactly-kept extremes are {@link #tails the sketch's
     * order statistics}.
     */
    static NumericProfile numeric(FeatureType type, long missing, RunningMoments moments, KllDoublesSketch kll,
                                  HllSketch hll) {
        if (!type.isNumeric()) {
            throw new IllegalArgumentException("not a numeric type: " + type);
        }
        Out out = new Out();
        out.write(CODEC_VERSION);
        out.write(KIND_NUMERIC);
        out.write(typeCode(type));
        out.varLong(missing).varLong(0).varLong(0).varLong(0).varLong(moments.n());
        if (moments.n() == 0) {
            // An empty summary's raw fields, as RunningMoments keeps them.
            out.doubleBits(0).doubleBits(0).doubleBits(0).doubleBits(Double.POSITIVE_INFINITY)
                    .doubleBits(Double.NEGATIVE_INFINITY);
        } else {
            out.doubleBits(moments.mean()).doubleBits(moments.m2()).doubleBits(moments.sum()).doubleBits(moments.min())
                    .doubleBits(moments.max());
        }
        out.blob(kll.toByteArray());
        double[][] tails = tails(kll, EXTREMES_M);
        out.varLong(EXTREMES_M).varLong(tails[0].length);
        for (double[] tail : tails) {
            for (double x : tail) {
                out.doubleBits(x);
            }
        }
        out.blob(hll.toCompactByteArray());
        return (NumericProfile) decode(out);
    }

    /**
     * The min(n, m) smallest and largest values (each ascending) as the sketch's order statistics: exact while the
     * sketch has not compacted and for the true min and max (which its sorted view always holds); otherwise the
     * sketch's estimate, which for a sketch {@link SageMakerExport exported} from a profile are that profile's exact
     * extremes again (its step CDF is exact in the tails).
     */
    static double[][] tails(KllDoublesSketch kll, int m) {
        int c = (int) Math.min(kll.getN(), m);
        double[] low = new double[c];
        double[] high = new double[c];
        if (c == 0) {
            return new double[][] {low, high};
        }
        DoublesSortedView view = kll.getSortedView();
        double[] items = view.getQuantiles();
        long[] cum = view.getCumulativeWeights();
        long n = kll.getN();
        for (int j = 0; j < c; j++) {
            low[j] = orderStatistic(items, cum, j);
            high[j] = orderStatistic(items, cum, n - c + j);
        }
        return new double[][] {low, high};
    }

    /** The 0-based j-th smallest value: the first item whose cumulative weight exceeds j. */
    private static double orderStatistic(double[] items, long[] cum, long j) {
        int lo = 0;
        int hi = items.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] > j) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return items[lo];
    }

    /**
     * A categorical profile with exactly these category counts (each &gt; 0) and {@code missing} values. It stays in
     * exact mode even past {@link CategoricalProfile#DEFAULT_MAX_EXACT_CATEGORIES} categories (the cap is raised to
     * the number of categories), since the counts are exact.
     */
    static CategoricalProfile categorical(FeatureType type, long missing, Map<String, Long> counts) {
        if (!type.isCategorical()) {
            throw new IllegalArgumentException("not a categorical type: " + type);
        }
        int maxExact = Math.max(CategoricalProfile.DEFAULT_MAX_EXACT_CATEGORIES, counts.size());
        int mapSize = Math.max(8, Integer.highestOneBit(Math.max(1, 2 * maxExact - 1)) << 1);
        long present = 0;
        HllSketch hll = new HllSketch(NumericProfile.DEFAULT_HLL_LG_K, TgtHllType.HLL_4);
        for (var e : counts.entrySet()) {
            if (e.getValue() <= 0) {
                throw new IllegalArgumentException("category '" + e.getKey() + "' has count " + e.getValue());
            }
            present = Math.addExact(present, e.getValue());
            hll.update(e.getKey());
        }
        Out out = new Out();
        out.write(CODEC_VERSION);
        out.write(KIND_CATEGORICAL);
        out.write(typeCode(type));
        out.varLong(maxExact).varLong(mapSize).varLong(missing).varLong(0).varLong(present);
        out.write(0); // exact mode
        out.varLong(counts.size());
        new TreeMap<>(counts).forEach((k, v) -> out.blob(k.getBytes(StandardCharsets.UTF_8)).varLong(v));
        out.blob(hll.toCompactByteArray());
        return (CategoricalProfile) decode(out);
    }

    private static FeatureProfile decode(Out out) {
        return ProfileCodec.fromBytes(out.toByteArray());
    }

    private static int typeCode(FeatureType type) {
        return switch (type) {
            case FRACTIONAL -> 1;
            case INTEGRAL -> 2;
            case STRING -> 3;
            case BOOLEAN -> 4;
        };
    }

    /** The codec's primitives: unsigned LEB128 varints, big-endian raw double bits, length-prefixed blobs. */
    private static final class Out extends ByteArrayOutputStream {
        Out varLong(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("negative count " + v);
            }
            while ((v & ~0x7FL) != 0) {
                write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            write((int) v);
            return this;
        }

        Out doubleBits(double d) {
            long bits = Double.doubleToRawLongBits(d);
            for (int shift = 56; shift >= 0; shift -= 8) {
                write((int) (bits >>> shift));
            }
            return this;
        }

        Out blob(byte[] b) {
            varLong(b.length);
            writeBytes(b);
            return this;
        }
    }
}
