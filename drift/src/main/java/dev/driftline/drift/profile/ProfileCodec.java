package dev.driftline.drift.profile;

import dev.driftline.drift.model.FeatureType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Compact, versioned binary form of a {@link FeatureProfile}, for state stores, Kafka changelogs and baselines.
 *
 * <p>Format version 3 (all multi-byte numbers big-endian; "varint" is unsigned LEB128, 1 byte below 128; a "blob" is
 * a varint length then that many bytes; doubles are raw IEEE 754 bits, so every field round-trips exactly):
 * <pre>
 *   byte    format version (3; versions 1 and 2 are still read)
 *   byte    kind: 1 numeric, 2 categorical
 *   byte    feature type: 1 FRACTIONAL, 2 INTEGRAL, 3 STRING, 4 BOOLEAN (fixed codes, not enum ordinals)
 *   numeric:     varint missing, nan, typeMismatches, numericStrings, n;
 *                double mean, m2, sum, min, max; byte form, then
 *                form 0 (sketches; the profile no longer holds its exact sample):
 *                  blob KLL (DataSketches compact form);
 *                  varint m, varint c = min(n, m), c × double smallest (ascending), c × double largest (ascending);
 *                  blob HLL (updatable form: the compact form of a sketch in SET mode lists its coupons in
 *                  hash order, which changes on every round trip; both are at most 1,128 bytes at lgK 11);
 *                form 1 (the exact sample, n ≤ 1024: the KLL, extremes and HLL are rebuilt from it on reading,
 *                  each value added as it was when profiled, so they hold nothing the sample does not):
 *                  varint KLL k, varint HLL lgK, varint extremes m;
 *                  the n values ascending: the first as double, then each one's step from the previous one as
 *                  an unsigned 64-bit varint of their order-preserving bits (sign-flipped IEEE 754), so repeated
 *                  values cost a byte;
 *                version 2 had no form byte: the form-0 fields, then byte 1 and varint n and n × double
 *                (ascending) when the profile held its exact sample, else byte 0; version 1 stops after the HLL.
 *                A profile read from its sample has a KLL sketch equal in content to the original's while
 *                n ≤ k; between k and 1024 values its compaction is a fresh random draw (the exact sample, not the
 *                sketch, is what the figures use then), and its HLL estimate may differ in the last digits (the
 *                HIP estimator depends on the order of updates).
 *   categorical: varint maxExactCategories, sketchMapSize, missing, typeMismatches, present;
 *                byte mode (0 exact, 1 sketch);
 *                exact: varint size, then size × (blob UTF-8 category, varint count), categories sorted
 *                sketch: varint offset (maximum error), then tracked items as in exact mode with their raw
 *                        counters (canonical; the stream length is the present count; see FrequentItemsSketches);
 *                blob HLL (updatable form)
 * </pre>
 * The sketches carry their own parameters (k, lgK) and serial versions. Decoding checks the counters against the
 * sketches, so corrupt input fails here instead of producing wrong drift figures later. A reader that meets a newer
 * version fails with a {@link ProfileFormatException} naming it: a rolling upgrade must deploy readers first.
 */
public final class ProfileCodec {
    public static final int FORMAT_VERSION = 3;
    /** Version 3 numeric forms: sketches (no exact sample), or the exact sample alone. */
    static final int FORM_SKETCHES = 0;
    static final int FORM_SAMPLE = 1;
    /** The oldest version this build still reads (numeric profiles without an exact sample). */
    static final int OLDEST_READABLE_VERSION = 1;
    static final int KIND_NUMERIC = 1;
    static final int KIND_CATEGORICAL = 2;

    private ProfileCodec() {
    }

    public static byte[] toBytes(FeatureProfile profile) {
        ProfileOut out = new ProfileOut();
        out.write(FORMAT_VERSION);
        if (profile instanceof NumericProfile p) {
            out.write(KIND_NUMERIC);
            out.write(typeCode(p.type()));
            RunningMoments m = p.rawMoments();
            out.varLong(p.missing()).varLong(p.nanCount()).varLong(p.typeMismatches()).varLong(p.numericStrings())
                    .varLong(m.n());
            out.doubleBits(m.rawMean()).doubleBits(m.m2()).doubleBits(m.sum()).doubleBits(m.rawMin())
                    .doubleBits(m.rawMax());
            double[] sample = p.exactValues();
            if (sample != null) {
                // the sketches hold nothing the sample does not: rebuilt from it on reading
                out.write(FORM_SAMPLE);
                out.varLong(p.k()).varLong(p.hllLgK()).varLong(p.extremeM());
                out.sortedDoubles(sample);
            } else {
                out.write(FORM_SKETCHES);
                out.blob(p.kllBytes());
                ExtremeValues e = p.extremes();
                double[] low = e.lowest();
                double[] high = e.highest();
                out.varLong(e.m()).varLong(low.length).doubles(low).doubles(high);
                out.blob(p.hllBytes());
            }
        } else if (profile instanceof CategoricalProfile p) {
            out.write(KIND_CATEGORICAL);
            out.write(typeCode(p.type()));
            out.varLong(p.maxExactCategories()).varLong(p.sketchMapSize()).varLong(p.missing())
                    .varLong(p.typeMismatches()).varLong(p.present());
            Map<String, Long> counts = p.rawCounts();
            if (counts != null) {
                out.write(0);
                out.varLong(counts.size());
                // Sorted so equal profiles give equal bytes (hash order is not stable across JVMs).
                new TreeMap<>(counts).forEach((k, v) -> out.blob(k.getBytes(StandardCharsets.UTF_8)).varLong(v));
            } else {
                // Canonical form, not the library's bytes (see FrequentItemsSketches); stream length = present.
                ItemsSketch<String> sketch = p.sketch();
                out.write(1);
                out.varLong(sketch.getMaximumError());
                Map<String, Long> counters = FrequentItemsSketches.counters(sketch);
                out.varLong(counters.size());
                counters.forEach((k, v) -> out.blob(k.getBytes(StandardCharsets.UTF_8)).varLong(v));
            }
            out.blob(p.hllBytes());
        } else {
            throw new IllegalArgumentException("not a known profile: " + profile);
        }
        return out.toByteArray();
    }

    public static FeatureProfile fromBytes(byte[] bytes) {
        return read(bytes, false);
    }

    /**
     * {@link #fromBytes} with every summary of a numeric profile built at once, so that reading it never changes it:
     * for a profile shared by several threads (a baseline, through the streams' baseline cache). A profile from
     * {@link #fromBytes} that holds its exact sample fills its sketches when they are first read, which is cheaper
     * for the many profiles read once (window partials, merged windows) but belongs to one thread.
     */
    public static FeatureProfile fromBytesShareable(byte[] bytes) {
        return read(bytes, true);
    }

    private static FeatureProfile read(byte[] bytes, boolean shareable) {
        ProfileIn in = new ProfileIn(bytes);
        int version = in.u8();
        if (version < OLDEST_READABLE_VERSION || version > FORMAT_VERSION) {
            throw new ProfileFormatException("unsupported profile format version " + version
                    + " (this build reads versions " + OLDEST_READABLE_VERSION + " to " + FORMAT_VERSION + ")");
        }
        int kind = in.u8();
        FeatureType type = typeOf(in.u8());
        FeatureProfile profile;
        try {
            profile = switch (kind) {
                case KIND_NUMERIC -> readNumeric(in, type, version, shareable);
                case KIND_CATEGORICAL -> readCategorical(in, type);
                default -> throw new ProfileFormatException("unknown profile kind tag " + kind);
            };
        } catch (ProfileFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            // The sketch libraries report corrupt bytes with SketchesException, IndexOutOfBounds, IllegalArgument…
            throw new ProfileFormatException("corrupt profile: " + e, e);
        }
        if (in.remaining() != 0) {
            throw new ProfileFormatException(in.remaining() + " unexpected trailing bytes after the profile");
        }
        return profile;
    }

    private static NumericProfile readNumeric(ProfileIn in, FeatureType type, int version, boolean shareable) {
        long missing = in.varLong();
        long nan = in.varLong();
        long mismatches = in.varLong();
        long numericStrings = in.varLong();
        long n = in.varLong();
        RunningMoments m = RunningMoments.of(n, in.doubleBits(), in.doubleBits(), in.doubleBits(), in.doubleBits(),
                in.doubleBits());
        int form = version >= 3 ? in.u8() : FORM_SKETCHES;
        check(form == FORM_SKETCHES || form == FORM_SAMPLE, "unknown numeric form " + form);
        if (form == FORM_SAMPLE) {
            int k = in.varInt();
            int lgK = in.varInt();
            int extremeM = in.varInt();
            check(n <= ExactSample.CAP, "exact sample of " + n + " values");
            double[] values = in.sortedDoubles((int) n);
            for (int i = 0; i < values.length; i++) {
                check(Double.isFinite(values[i]) && (i == 0 || Double.compare(values[i - 1], values[i]) <= 0),
                        "exact sample values are not finite and ascending");
            }
            NumericProfile rebuilt = new NumericProfile(type, missing, nan, mismatches, numericStrings, m,
                    KllDoublesSketch.newHeapInstance(k), new ExtremeValues(extremeM),
                    new HllSketch(lgK, NumericProfile.HLL_WORKING), null);
            rebuilt.replaySample(values, shareable);
            check(nan <= missing, "nan count exceeds missing count");
            check(numericStrings <= n, "numeric-string count exceeds present count");
            return rebuilt;
        }
        KllDoublesSketch kll = KllDoublesSketch.heapify(Memory.wrap(in.blob()));
        int extremeM = in.varInt();
        int extremeCount = in.varInt();
        check(extremeCount == Math.min(n, extremeM), "holds " + extremeCount + " extreme values for n=" + n);
        ExtremeValues extremes = ExtremeValues.of(extremeM, in.doubles(extremeCount), in.doubles(extremeCount));
        HllSketch hll = HllSketch.heapify(in.blob());
        ExactSample sample = null;
        int flag = version == 2 ? in.u8() : 0;
        check(flag <= 1, "unknown exact-sample flag " + flag);
        if (flag == 1) {
            int size = in.varInt();
            check(size == n && size <= ExactSample.CAP, "exact sample of " + size + " values for n=" + n);
            sample = ExactSample.ofSorted(in.doubles(size));
        }
        check(nan <= missing, "nan count exceeds missing count");
        check(numericStrings <= n, "numeric-string count exceeds present count");
        check(kll.getN() == n, "quantile sketch holds " + kll.getN() + " values, moments " + n);
        return new NumericProfile(type, missing, nan, mismatches, numericStrings, m, kll, extremes, hll, sample);
    }

    private static CategoricalProfile readCategorical(ProfileIn in, FeatureType type) {
        int maxExact = in.varInt();
        int mapSize = in.varInt();
        long missing = in.varLong();
        long mismatches = in.varLong();
        long present = in.varLong();
        int mode = in.u8();
        Map<String, Long> counts = null;
        ItemsSketch<String> sketch = null;
        if (mode == 0) {
            counts = readCounts(in);
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            check(total == present, "category counts sum to " + total + ", present is " + present);
        } else if (mode == 1) {
            long offset = in.varLong();
            Map<String, Long> counters = readCounts(in);
            long tracked = counters.values().stream().mapToLong(Long::longValue).sum();
            check(tracked <= present, "frequent-item counters exceed the present count");
            sketch = FrequentItemsSketches.restore(mapSize, present, offset, counters);
        } else {
            throw new ProfileFormatException("unknown categorical mode " + mode);
        }
        HllSketch hll = HllSketch.heapify(in.blob());
        return new CategoricalProfile(type, maxExact, mapSize, missing, mismatches, present, counts, sketch, hll);
    }

    /** varint size, then size × (blob UTF-8 category, varint count &gt; 0), categories strictly ascending. */
    private static Map<String, Long> readCounts(ProfileIn in) {
        int size = in.varInt();
        Map<String, Long> counts = new HashMap<>(Math.max(16, size * 2));
        String previous = null;
        for (int i = 0; i < size; i++) {
            String category = new String(in.blob(), StandardCharsets.UTF_8);
            long count = in.varLong();
            check(count > 0 && (previous == null || previous.compareTo(category) < 0),
                    "category counts not positive and strictly sorted");
            counts.put(category, count);
            previous = category;
        }
        return counts;
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new ProfileFormatException("corrupt profile: " + problem);
        }
    }

    private static int typeCode(FeatureType type) {
        return switch (type) {
            case FRACTIONAL -> 1;
            case INTEGRAL -> 2;
            case STRING -> 3;
            case BOOLEAN -> 4;
        };
    }

    private static FeatureType typeOf(int code) {
        return switch (code) {
            case 1 -> FeatureType.FRACTIONAL;
            case 2 -> FeatureType.INTEGRAL;
            case 3 -> FeatureType.STRING;
            case 4 -> FeatureType.BOOLEAN;
            default -> throw new ProfileFormatException("unknown feature type code " + code);
        };
    }

    /** Double bits mapped to longs whose signed order is the doubles' order (-0.0 before 0.0). */
    static long sortable(double d) {
        long bits = Double.doubleToRawLongBits(d);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    static double unsortable(long sortable) {
        return Double.longBitsToDouble(sortable ^ ((sortable >> 63) & Long.MAX_VALUE));
    }
}
