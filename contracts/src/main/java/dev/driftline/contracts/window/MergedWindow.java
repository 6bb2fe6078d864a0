package dev.driftline.contracts.window;

import dev.driftline.contracts.RecordFormatException;
import dev.driftline.drift.profile.FeatureProfile;
import dev.driftline.drift.profile.NumericProfile;
import dev.driftline.drift.profile.ProfileCodec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The value of {@code <prefix>profiles}: one model's merged window profile (every task's partial of the window
 * merged), written by the merge stage, read by the evaluation and the lake. JSON form: {@link MergedWindowCodec}.
 * Each feature keeps its serialized profile ({@link Feature#profileBytes()}) as written, with the summary figures
 * next to it; {@link #profiles()} decodes them (the lake never needs them decoded).
 *
 * @param revision       1 for the first emission; n+1 when a straggler partial is merged in later; every revision is
 *                       the complete window
 * @param rows           rows of all merged partials
 * @param partials       how many task partials were merged
 * @param features       feature name (predictions as {@code prediction:<name>}) → profile summary and bytes, in
 *                       written order
 * @param untypedMissing features that were null in every row: name → rows
 */
public record MergedWindow(String model, long windowStart, long windowEnd, int revision, long rows, int partials,
                           Map<String, Feature> features, Map<String, Long> untypedMissing) {

    /**
     * One feature's profile with its summary.
     *
     * @param type         the profile's feature type in lower case (e.g. {@code fractional}, {@code string})
     * @param mean         numeric profiles only; null when undefined (no present value) or for categorical profiles
     * @param stdDev       sample standard deviation (n−1); null with fewer than two present values
     * @param profileBytes the profile as {@link ProfileCodec} bytes
     */
    public record Feature(String type, long count, long present, long missing, long typeMismatches, Double mean,
                          Double stdDev, Double min, Double max, byte[] profileBytes) {
        /** The summary and bytes of {@code p}. */
        public static Feature of(FeatureProfile p) {
            Double mean = null;
            Double std = null;
            Double min = null;
            Double max = null;
            if (p instanceof NumericProfile n) {
                mean = finite(n.present() > 0 ? n.mean() : Double.NaN);
                std = finite(n.present() > 1 ? n.standardDeviation() : Double.NaN);
                min = finite(n.present() > 0 ? n.min() : Double.NaN);
                max = finite(n.present() > 0 ? n.max() : Double.NaN);
            }
            return new Feature(p.type().name().toLowerCase(Locale.ROOT), p.count(), p.present(), p.missing(),
                    p.typeMismatches(), mean, std, min, max, ProfileCodec.toBytes(p));
        }

        /** The numeric summary is written as JSON numbers only where it is defined; numeric types have one. */
        public boolean numeric() {
            return !"string".equals(type) && !"boolean".equals(type);
        }

        private static Double finite(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }

    public MergedWindow {
        Objects.requireNonNull(model, "model");
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
        untypedMissing = Collections.unmodifiableMap(new LinkedHashMap<>(untypedMissing));
    }

    /** The merged window of {@code profiles}, features in the map's order. */
    public static MergedWindow of(String model, long windowStart, long windowEnd, int revision, long rows,
                                  int partials, Map<String, ? extends FeatureProfile> profiles,
                                  Map<String, Long> untypedMissing) {
        Map<String, Feature> features = new LinkedHashMap<>();
        profiles.forEach((name, p) -> features.put(name, Feature.of(p)));
        return new MergedWindow(model, windowStart, windowEnd, revision, rows, partials, features, untypedMissing);
    }

    /** The merged window whose profiles are those of {@code w}, the merge of {@code partials} task partials. */
    public static MergedWindow of(PartialWindow w, int partials, int revision) {
        return of(w.model(), w.windowStart(), w.windowEnd(), revision, w.rows(), partials, w.profiles(),
                w.untypedMissing());
    }

    /**
     * The profiles decoded, in the order of {@link #features()}: a new decoding at each call (a few KB per feature),
     * so a caller that needs them more than once keeps the map.
     *
     * @throws RecordFormatException when a profile cannot be decoded
     */
    public Map<String, FeatureProfile> profiles() {
        Map<String, FeatureProfile> out = new LinkedHashMap<>();
        for (Map.Entry<String, Feature> e : features.entrySet()) {
            try {
                out.put(e.getKey(), ProfileCodec.fromBytes(e.getValue().profileBytes()));
            } catch (RuntimeException ex) {
                throw new RecordFormatException(RecordFormatException.BAD_VALUE, "profile of feature "
                        + e.getKey() + " cannot be decoded: " + ex.getMessage(), ex);
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
