package dev.driftline.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.drift.model.FeatureType;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProfileCodecTest {

    static NumericProfile numeric(FeatureType type, int n, long seed) {
        NumericProfile p = new NumericProfile(type);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            p.update(type == FeatureType.INTEGRAL ? (double) rnd.nextInt(1000) : rnd.nextGaussian() * 3 + 10);
        }
        p.update(null);
        p.update("NaN");
        p.update("2");
        p.update("oops");
        return p;
    }

    /** Decodes, checks every field and every sketch's bytes, and that encoding again gives the same bytes. */
    static FeatureProfile roundTrip(FeatureProfile p) {
        byte[] bytes = ProfileCodec.toBytes(p);
        FeatureProfile back = ProfileCodec.fromBytes(bytes);
        assertThat(back).isInstanceOf(p.getClass());
        assertThat(back.type()).isEqualTo(p.type());
        assertThat(back.count()).isEqualTo(p.count());
        assertThat(back.present()).isEqualTo(p.present());
        assertThat(back.missing()).isEqualTo(p.missing());
        assertThat(back.typeMismatches()).isEqualTo(p.typeMismatches());
        boolean fromSample = p instanceof NumericProfile np && np.holdsExactSample();
        if (fromSample) { // sketches rebuilt from the sample: HIP estimate order-dependent in the last digits
            assertThat(back.distinctEstimate()).isCloseTo(p.distinctEstimate(),
                    org.assertj.core.data.Percentage.withPercentage(0.5));
        } else {
            assertThat(back.distinctEstimate()).isEqualTo(p.distinctEstimate());
        }
        if (p instanceof NumericProfile n) {
            NumericProfile b = (NumericProfile) back;
            assertThat(b.nanCount()).isEqualTo(n.nanCount());
            assertThat(b.numericStrings()).isEqualTo(n.numericStrings());
            // Raw bits: -0.0, NaN for empty profiles and the last ulp all survive.
            assertSameBits(b.mean(), n.mean());
            assertSameBits(b.rawMoments().m2(), n.rawMoments().m2());
            assertSameBits(b.sum(), n.sum());
            assertSameBits(b.min(), n.min());
            assertSameBits(b.max(), n.max());
            assertThat(b.k()).isEqualTo(n.k());
            assertThat(b.hllLgK()).isEqualTo(n.hllLgK());
            assertThat(b.kllN()).isEqualTo(n.kllN());
            if (!fromSample) {
                assertThat(b.kllBytes()).isEqualTo(n.kllBytes());
                assertThat(b.hllBytes()).isEqualTo(n.hllBytes());
            } else if (n.kllN() <= n.k()) { // an uncompacted sketch: the same values, only their order differs
                assertThat(b.stepCdf().items()).isEqualTo(n.stepCdf().items());
            }
            assertThat(b.extremes().lowest()).isEqualTo(n.extremes().lowest());
            assertThat(b.extremes().highest()).isEqualTo(n.extremes().highest());
            assertThat(b.holdsExactSample()).isEqualTo(n.holdsExactSample());
            assertThat(b.exactValues()).isEqualTo(n.exactValues());
            assertThat(b.isApproximate()).isEqualTo(n.isApproximate());
        } else {
            CategoricalProfile c = (CategoricalProfile) p;
            CategoricalProfile b = (CategoricalProfile) back;
            assertThat(b.frequencies()).isEqualTo(c.frequencies());
            assertThat(b.isSketched()).isEqualTo(c.isSketched());
            assertThat(b.maximumError()).isEqualTo(c.maximumError());
            assertThat(b.maxExactCategories()).isEqualTo(c.maxExactCategories());
            assertThat(b.sketchMapSize()).isEqualTo(c.sketchMapSize());
            assertThat(b.hllBytes()).isEqualTo(c.hllBytes());
        }
        assertThat(ProfileCodec.toBytes(back)).isEqualTo(bytes);
        return back;
    }

    static void assertSameBits(double actual, double expected) {
        assertThat(Double.doubleToRawLongBits(actual)).as("%s vs %s", actual, expected)
                .isEqualTo(Double.doubleToRawLongBits(expected));
    }

    @Test
    void numericProfilesRoundTripExactly() {
        roundTrip(new NumericProfile(FeatureType.FRACTIONAL));
        roundTrip(numeric(FeatureType.FRACTIONAL, 10, 1)); // exact sketch
        roundTrip(numeric(FeatureType.FRACTIONAL, 100_000, 2)); // compacted
        roundTrip(numeric(FeatureType.INTEGRAL, 50_000, 3));
        NumericProfile custom = new NumericProfile(FeatureType.FRACTIONAL, 64, 8);
        custom.update(-0.0);
        custom.update(1e308);
        assertThat(((NumericProfile) roundTrip(custom)).k()).isEqualTo(64);
    }

    @Test
    void exactSamplesRoundTripAndCostEightBytesAValue() {
        NumericProfile small = numeric(FeatureType.FRACTIONAL, 10, 11);
        assertThat(small.holdsExactSample()).isTrue();
        assertThat(((NumericProfile) roundTrip(small)).exactValues()).hasSize(11);

        NumericProfile full = numeric(FeatureType.FRACTIONAL, NumericProfile.EXACT_CAP - 1, 12); // + "2": 1024
        assertThat(full.present()).isEqualTo(NumericProfile.EXACT_CAP);
        assertThat(full.holdsExactSample()).isTrue();
        byte[] bytes = ProfileCodec.toBytes(full);
        NumericProfile back = (NumericProfile) roundTrip(full);
        assertThat(back.distribution().items()).isEqualTo(full.distribution().items());
        System.out.printf("numeric profile of %d values with its exact sample: %d bytes (no KLL %d, HLL %d)%n",
                full.present(), bytes.length, full.kllBytes().length, full.hllBytes().length);
        assertThat(bytes.length).isLessThan(8 * NumericProfile.EXACT_CAP + 100); // the sample alone
        NumericProfile repeats = new NumericProfile(FeatureType.INTEGRAL);
        for (int i = 0; i < 1000; i++) {
            repeats.update(i % 5); // five distinct values: a byte a step
        }
        assertThat(ProfileCodec.toBytes(repeats).length).isLessThan(1100);
        assertThat(((NumericProfile) roundTrip(repeats)).distribution().weightAtOrBelow(2)).isEqualTo(600);
        NumericProfile wide = new NumericProfile(FeatureType.FRACTIONAL);
        for (double v : new double[] {-1e150, -1.0, -0.0, 0.0, Double.MIN_VALUE, 1.0, 1e150}) {
            wide.update(v); // steps past 2^63 wrap and come back
        }
        assertThat(((NumericProfile) roundTrip(wide)).exactValues()).containsExactly(-1e150, -1.0, -0.0,
                0.0, Double.MIN_VALUE, 1.0, 1e150);

        NumericProfile over = numeric(FeatureType.FRACTIONAL, NumericProfile.EXACT_CAP, 13); // 1025 present
        assertThat(over.holdsExactSample()).isFalse();
        assertThat(((NumericProfile) roundTrip(over)).holdsExactSample()).isFalse();

        // A decoded sample keeps working: it fills up to the cap and is then dropped, as the original.
        NumericProfile b = (NumericProfile) ProfileCodec.fromBytes(ProfileCodec.toBytes(small));
        b.update(-3.0);
        small.update(-3.0);
        assertThat(b.exactValues()).isEqualTo(small.exactValues());
        assertThat(ProfileCodec.toBytes(b)).isEqualTo(ProfileCodec.toBytes(small));
    }

    /**
     * Version-1 bytes as the previous build wrote them (no exact sample): FRACTIONAL, values 2.5, -1, 7, 2.5, 0.125
     * and "3", plus null, "NaN" and "oops".
     */
    static final String V1_FIXTURE = "01010102010101064002d55555555556404321aaaaaaaaab402c400000000000bff0000000000000"
            + "401c0000000000005805010f02c80008000600000000000000c8000100c2000000000000000000f0bf0000000000001c40000000"
            + "000000f0bf000000000000c03f0000000000000440000000000000044000000000000008400000000000001c402006bff00000"
            + "000000003fc0000000000000400400000000000040040000000000004008000000000000401c000000000000bff00000000000"
            + "003fc0000000000000400400000000000040040000000000004008000000000000401c000000000000280201070b030005004a"
            + "a928101d0d66058bb7cb0e9b2db7048e44950a000000000000000000000000";

    @Test
    void versionOneBytesStillDecode() {
        byte[] v1 = java.util.HexFormat.of().parseHex(V1_FIXTURE);
        NumericProfile p = (NumericProfile) ProfileCodec.fromBytes(v1);
        assertThat(p.type()).isEqualTo(FeatureType.FRACTIONAL);
        assertThat(p.present()).isEqualTo(6);
        assertThat(p.missing()).isEqualTo(2);
        assertThat(p.nanCount()).isEqualTo(1);
        assertThat(p.typeMismatches()).isEqualTo(1);
        assertThat(p.numericStrings()).isEqualTo(1);
        assertThat(p.holdsExactSample()).isFalse(); // version 1 has none: the (uncompacted) sketch's distribution
        assertThat(p.isApproximate()).isFalse();
        assertThat(p.stepCdf().items()).containsExactly(-1, 0.125, 2.5, 3, 7);
        assertThat(p.stepCdf().weightAtOrBelow(2.5)).isEqualTo(4);
        assertThat(p.mean()).isCloseTo((2.5 - 1 + 7 + 2.5 + 0.125 + 3) / 6,
                org.assertj.core.data.Offset.offset(1e-15));
        // Written again as version 3: the same fields, with the form byte (0, sketches) before the KLL.
        byte[] v3 = ProfileCodec.toBytes(p);
        assertThat(v3[0]).isEqualTo((byte) 3);
        assertThat(v3).hasSize(v1.length + 1);
        int header = 3 + 5 + 40; // version, kind, type; five 1-byte varints; five doubles
        assertThat(v3[header]).isZero();
        assertThat(Arrays.copyOfRange(v3, 1, header)).isEqualTo(Arrays.copyOfRange(v1, 1, header));
        assertThat(Arrays.copyOfRange(v3, header + 1, v3.length)).isEqualTo(Arrays.copyOfRange(v1, header, v1.length));
        roundTrip(p);
    }

    /** Version-2 bytes as the build before version 3 wrote them: 2.5, -1, 7, 2.5, 0.125 and a null, with the sample. */
    static final String V2_FIXTURE = "02010101000000054001cccccccccccd4042e1999999999a4026400000000000bff0000000000000401c0000000000005005"
            + "010f00c80008000500000000000000c8000100c3000000000000000000f0bf0000000000001c40000000000000c03f000000"
            + "00000004400000000000001c40000000000000f0bf00000000000004402005bff00000000000003fc0000000000000400400"
            + "00000000004004000000000000401c000000000000bff00000000000003fc000000000000040040000000000004004000000"
            + "000000401c000000000000280201070b030004004aa928101d0d66058bb7cb0e9b2db7040000000000000000000000000000"
            + "00000105bff00000000000003fc000000000000040040000000000004004000000000000401c000000000000";

    @Test
    void versionTwoBytesWithTheirSampleStillDecode() {
        NumericProfile p = (NumericProfile) ProfileCodec.fromBytes(java.util.HexFormat.of().parseHex(V2_FIXTURE));
        assertThat(p.present()).isEqualTo(5);
        assertThat(p.missing()).isEqualTo(1);
        assertThat(p.holdsExactSample()).isTrue();
        assertThat(p.exactValues()).containsExactly(-1, 0.125, 2.5, 2.5, 7);
        byte[] v3 = ProfileCodec.toBytes(p);
        assertThat(v3[0]).isEqualTo((byte) 3);
        assertThat(v3.length).isLessThan(java.util.HexFormat.of().parseHex(V2_FIXTURE).length / 2);
        roundTrip(p);
    }

    @Test
    void corruptExactSamplesAreRefused() {
        NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
        p.update(1.0);
        p.update(2.0);
        byte[] good = ProfileCodec.toBytes(p); // ends: form 1, varint k (2 bytes), lgK, m, double, 8-byte step
        int form = good.length - 8 - 8 - 4 - 1;
        assertThat(good[form]).isEqualTo((byte) 1);
        byte[] badForm = good.clone();
        badForm[form] = 2;
        assertThatThrownBy(() -> ProfileCodec.fromBytes(badForm)).isInstanceOf(ProfileFormatException.class)
                .hasMessageContaining("unknown numeric form 2");
        byte[] truncated = Arrays.copyOf(good, good.length - 1);
        assertThatThrownBy(() -> ProfileCodec.fromBytes(truncated)).isInstanceOf(ProfileFormatException.class)
                .hasMessageContaining("truncated");
        byte[] unsorted = good.clone();
        unsorted[form + 5] = 0x7f; // first value now huge: the next is not finite and ascending
        assertThatThrownBy(() -> ProfileCodec.fromBytes(unsorted)).isInstanceOf(ProfileFormatException.class)
                .hasMessageContaining("finite and ascending");
    }


    @Test
    void decodedProfilesKeepWorking() {
        NumericProfile a = numeric(FeatureType.FRACTIONAL, 20_000, 4);
        NumericProfile b = (NumericProfile) ProfileCodec.fromBytes(ProfileCodec.toBytes(a));
        a.update(1.0);
        b.update(1.0);
        a.merge(numeric(FeatureType.FRACTIONAL, 100, 5));
        b.merge(numeric(FeatureType.FRACTIONAL, 100, 5));
        assertThat(b.present()).isEqualTo(a.present());
        assertThat(b.mean()).isEqualTo(a.mean());
    }

    @Test
    void categoricalProfilesRoundTripExactly() {
        roundTrip(new CategoricalProfile(FeatureType.BOOLEAN));
        CategoricalProfile exact = new CategoricalProfile(FeatureType.STRING);
        for (String s : new String[] {"b", "a", "ü", "", "a", "日本", "b", "b"}) {
            exact.update(s);
        }
        exact.update(Double.NaN);
        exact.update(java.util.List.of());
        roundTrip(exact);

        CategoricalProfile sketched = new CategoricalProfile(FeatureType.STRING, 8, 16, 11);
        SplittableRandom rnd = new SplittableRandom(6);
        for (int i = 0; i < 5_000; i++) {
            sketched.update("v" + (int) Math.abs(rnd.nextGaussian() * 30));
        }
        assertThat(sketched.isApproximate()).isTrue();
        CategoricalProfile back = (CategoricalProfile) roundTrip(sketched);
        // The restored sketch behaves as the original: same estimates after the same further updates.
        for (int i = 0; i < 500; i++) {
            String v = "w" + (i % 40);
            sketched.update(v);
            back.update(v);
        }
        assertThat(back.frequencies()).isEqualTo(sketched.frequencies());
        assertThat(back.maximumError()).isEqualTo(sketched.maximumError());
        assertThat(ProfileCodec.toBytes(back)).isEqualTo(ProfileCodec.toBytes(sketched));
    }

    @Test
    void tenMillionValuesFitInEightKilobytes() {
        NumericProfile p = new NumericProfile(FeatureType.FRACTIONAL);
        SplittableRandom rnd = new SplittableRandom(10);
        for (int i = 0; i < 10_000_000; i++) {
            p.update(rnd.nextDouble() * 1e6); // distinct values: the HLL is at its largest too
        }
        byte[] bytes = ProfileCodec.toBytes(p);
        System.out.printf("numeric profile of 10,000,000 distinct values: %d bytes (KLL %d, HLL %d); "
                        + "distinct estimate %.0f%n", bytes.length, p.kllBytes().length, p.hllBytes().length,
                p.distinctEstimate());
        assertThat(bytes.length).isLessThan(8 * 1024);
        assertThat(p.distinctEstimate()).isBetween(9.5e6, 10.5e6); // lgK 11: ~2.3 % relative standard error
        roundTrip(p);
    }

    @Test
    void worstCaseSizeAtTenMillionIsUnderEightKilobytesToo() {
        // Bounds from the libraries rather than one sample: KLL's maximum at n = 10M, HLL_4's maximum at lgK 11,
        // 32 + 32 extremes, and our header (3 bytes + 5 varints ≤ 9 bytes + 5 doubles + 2 varints + 2 blob lengths).
        int kll = org.apache.datasketches.kll.KllSketch.getMaxSerializedSizeBytes(NumericProfile.DEFAULT_K,
                10_000_000L, org.apache.datasketches.kll.KllSketch.SketchType.DOUBLES_SKETCH, false);
        int hll = org.apache.datasketches.hll.HllSketch.getMaxUpdatableSerializationBytes(
                NumericProfile.DEFAULT_HLL_LG_K, NumericProfile.HLL_TYPE);
        int header = 3 + 5 * 9 + 5 * 8 + 2 * 5 + 2 * 5 + 1; // + the form byte (0: sketches, no sample past 1024)
        int total = kll + hll + 2 * 32 * 8 + header;
        System.out.printf("worst-case numeric profile at 10M values: %d bytes (KLL ≤ %d, HLL ≤ %d)%n", total, kll, hll);
        assertThat(total).isLessThan(8 * 1024);
    }

    @Test
    void unknownVersionIsRefusedClearly() {
        byte[] bytes = ProfileCodec.toBytes(numeric(FeatureType.FRACTIONAL, 10, 7));
        bytes[0] = 4;
        assertThatThrownBy(() -> ProfileCodec.fromBytes(bytes)).isInstanceOf(ProfileFormatException.class)
                .hasMessage("unsupported profile format version 4 (this build reads versions 1 to 3)");
        bytes[0] = 0;
        assertThatThrownBy(() -> ProfileCodec.fromBytes(bytes)).isInstanceOf(ProfileFormatException.class)
                .hasMessage("unsupported profile format version 0 (this build reads versions 1 to 3)");
    }

    @Test
    void corruptInputIsRefused() {
        byte[] good = ProfileCodec.toBytes(numeric(FeatureType.FRACTIONAL, 1000, 8));
        assertThatThrownBy(() -> ProfileCodec.fromBytes(new byte[0])).isInstanceOf(ProfileFormatException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> ProfileCodec.fromBytes(Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(ProfileFormatException.class);
        assertThatThrownBy(() -> ProfileCodec.fromBytes(Arrays.copyOf(good, good.length + 1)))
                .isInstanceOf(ProfileFormatException.class).hasMessageContaining("trailing");
        byte[] kind = good.clone();
        kind[1] = 9;
        assertThatThrownBy(() -> ProfileCodec.fromBytes(kind)).isInstanceOf(ProfileFormatException.class)
                .hasMessageContaining("kind tag 9");
        byte[] type = good.clone();
        type[2] = 0;
        assertThatThrownBy(() -> ProfileCodec.fromBytes(type)).isInstanceOf(ProfileFormatException.class)
                .hasMessageContaining("feature type code 0");
        byte[] count = good.clone();
        count[3] = 100; // missing count now below the nan count? no: set nan (byte 4) above missing
        count[4] = 101;
        assertThatThrownBy(() -> ProfileCodec.fromBytes(count)).isInstanceOf(ProfileFormatException.class)
                .hasMessageContaining("nan count");
        // Flip bytes inside the sketches: decoding fails or checks catch it, never anything but our exception.
        SplittableRandom rnd = new SplittableRandom(9);
        for (int i = 0; i < 200; i++) {
            byte[] bad = good.clone();
            bad[3 + rnd.nextInt(bad.length - 3)] ^= (byte) (1 + rnd.nextInt(255));
            try {
                ProfileCodec.fromBytes(bad);
            } catch (ProfileFormatException expected) {
                // fine
            }
        }
    }
}
