package dev.driftline.streams.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.window.PartialWindow;
import dev.driftline.drift.profile.FeatureProfile;
import dev.driftline.drift.profile.NumericProfile;
import dev.driftline.drift.profile.ProfileCodec;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The value of {@code <prefix>profiles}: one model's merged window profile, JSON (UTF-8), schema version 1.
 * <pre>
 * {"schema_version": 1, "model": "iris",
 *  "window_start": "2026-11-21T10:00:00Z", "window_end": "2026-11-21T10:05:00Z",  -- ISO-8601 UTC
 *  "revision": 1,        -- 1 for the first emission; n+1 when a straggler partial is merged in later; every
 *                        -- revision is the complete window and replaces the earlier ones
 *  "rows": 1234,         -- rows of all merged partials
 *  "partials": 3,        -- how many task partials were merged
 *  "features": {"age": {"type": "fractional", "count": 1234, "present": 1230, "missing": 4,
 *                       "type_mismatches": 0, "mean": 41.2, "std_dev": 9.7, "min": 18, "max": 90,
 *                       "profile": "base64 of ProfileCodec bytes"},
 *               "city": {"type": "string", "count": …, "present": …, "missing": …, "type_mismatches": …,
 *                        "profile": "…"},
 *               "prediction:churn": {…}},          -- predictions under "prediction:" + name
 *  "untyped_missing": {"note": 12}}                -- features that were null in every row (count of rows)
 * </pre>
 * {@code mean}, {@code std_dev} (sample, n−1), {@code min}, {@code max} appear for numeric profiles only and are
 * {@code null} when not defined (e.g. no present value, or std_dev of one value).
 */
public final class MergedWindowJson {
    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MergedWindowJson() {
    }

    public static byte[] toJson(PartialWindow w, int partials, int revision) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("model", w.model());
        root.put("window_start", Instant.ofEpochMilli(w.windowStart()).toString());
        root.put("window_end", Instant.ofEpochMilli(w.windowEnd()).toString());
        root.put("revision", revision);
        root.put("rows", w.rows());
        root.put("partials", partials);
        ObjectNode features = root.putObject("features");
        for (Map.Entry<String, FeatureProfile> e : w.profiles().entrySet()) {
            FeatureProfile p = e.getValue();
            ObjectNode f = features.putObject(e.getKey());
            f.put("type", p.type().name().toLowerCase(Locale.ROOT));
            f.put("count", p.count());
            f.put("present", p.present());
            f.put("missing", p.missing());
            f.put("type_mismatches", p.typeMismatches());
            if (p instanceof NumericProfile n) {
                number(f, "mean", n.present() > 0 ? n.mean() : Double.NaN);
                number(f, "std_dev", n.present() > 1 ? n.standardDeviation() : Double.NaN);
                number(f, "min", n.present() > 0 ? n.min() : Double.NaN);
                number(f, "max", n.present() > 0 ? n.max() : Double.NaN);
            }
            f.put("profile", Base64.getEncoder().encodeToString(ProfileCodec.toBytes(p)));
        }
        ObjectNode untyped = root.putObject("untyped_missing");
        w.untypedMissing().forEach(untyped::put);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A parsed {@code profiles} value (profiles decoded; names ascending). */
    public record MergedWindow(String model, long windowStart, long windowEnd, int revision, long rows, int partials,
                               Map<String, FeatureProfile> features, Map<String, Long> untypedMissing) {
    }

    /**
     * Reads a value written by {@link #toJson}.
     *
     * @throws IllegalArgumentException when it is not JSON, not schema version 1, or a profile cannot be decoded
     */
    public static MergedWindow fromJson(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (java.io.IOException ex) {
            throw new IllegalArgumentException("merged window is not JSON: " + ex.getMessage(), ex);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("merged window is not a JSON object");
        }
        int version = root.path("schema_version").asInt(-1);
        if (version != SCHEMA_VERSION) {
            throw new IllegalArgumentException("merged window schema_version " + version + " is not supported (reads "
                    + SCHEMA_VERSION + ")");
        }
        try {
            Map<String, FeatureProfile> features = new TreeMap<>();
            root.path("features").fields().forEachRemaining(e -> features.put(e.getKey(),
                    ProfileCodec.fromBytes(Base64.getDecoder().decode(e.getValue().path("profile").asText()))));
            Map<String, Long> untyped = new TreeMap<>();
            root.path("untyped_missing").fields().forEachRemaining(e -> untyped.put(e.getKey(), e.getValue().asLong()));
            return new MergedWindow(root.path("model").asText(),
                    Instant.parse(root.path("window_start").asText()).toEpochMilli(),
                    Instant.parse(root.path("window_end").asText()).toEpochMilli(),
                    root.path("revision").asInt(1), root.path("rows").asLong(), root.path("partials").asInt(),
                    Collections.unmodifiableMap(features), Collections.unmodifiableMap(untyped));
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("bad merged window: " + ex.getMessage(), ex);
        }
    }

    private static void number(ObjectNode f, String name, double v) {
        if (Double.isFinite(v)) {
            f.put(name, v);
        } else {
            f.putNull(name);
        }
    }
}
