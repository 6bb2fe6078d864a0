package dev.driftline.contracts.baseline;

import dev.driftline.contracts.JsonFields;
import dev.driftline.contracts.JsonOut;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.Codec;
import dev.driftline.contracts.RecordFormatException;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.drift.dataquality.FeatureConstraint;
import dev.driftline.drift.dataquality.MonitoringConfig;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.FeatureProfile;
import dev.driftline.drift.profile.NumericProfile;
import dev.driftline.drift.profile.ProfileCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The baseline file format (version 1). Human-readable summary fields for people and tools, plus each column's
 * profile as base64 of {@link ProfileCodec} bytes, which is what sketch-mode comparisons use:
 *
 * <pre>
 * {"format": "driftline-baseline", "version": 1, "model": "iris", "created_at": "…", "source": "train.csv",
 *  "rows": 150,
 *  "monitoring_config": {"datatype_check_threshold": 1.0, "domain_content_threshold": 1.0, "range_margin": 0.1,
 *                        "categorical_values_check": "expected_unseen", "unseen_floor": 0.001,
 *                        "unseen_significance": 0.001},
 *  "features": [
 *   {"name": "sepal_length", "type": "fractional", "role": "feature",
 *    "count": 150, "present": 150, "missing": 0, "type_mismatches": 0,
 *    "numeric": {"mean": …, "std_dev": …, "min": …, "max": …, "sum": …, "reference_bins": [9 deciles]},
 *    "constraints": {"completeness": 1.0, "non_negative": true, "min": …, "max": …},
 *    "profile": "base64…"},
 *   {"name": "city", "type": "string", "role": "feature", …,
 *    "categorical": {"distinct_count": 3, "frequencies": {"Oslo": 900, …}},
 *    "constraints": {"completeness": 1.0, "domain": ["Lima", "Oslo", "Pune"], "expected_unseen_share": 0.0004},
 *    "profile": "base64…"}],
 *  "model_quality": {"problem_type": "regression", "labelled_rows": 50000, "metric": "rmse", "value": 3.1,
 *                    "metrics": {"mae": …, "mse": …, "rmse": 3.1, "r2": …}, "thresholds": {}}}
 * </pre>
 * {@code model_quality} is there when the training data had labels and predictions ({@link TrainingQualityJson});
 * fields added after version 1 (the unseen settings, {@code expected_unseen_share}, {@code model_quality}) are
 * optional, so older files still read.
 * Readers refuse other formats and newer versions with a message saying so.
 */
public final class BaselineCodec implements Codec<Baseline> {
    public static final String FORMAT = "driftline-baseline";
    public static final BaselineCodec INSTANCE = new BaselineCodec();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public byte[] encode(Baseline b) {
        try {
            return MAPPER.writeValueAsBytes(toJson(b, MAPPER));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Baseline decode(byte[] bytes) {
        JsonNode json = JsonFields.tree(bytes, "baseline");
        try {
            return fromJson(json, "baseline");
        } catch (RuntimeException e) {
            throw formatError(e);
        }
    }

    private BaselineCodec() {
    }

    public static ObjectNode toJson(Baseline b, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", Baseline.FORMAT_VERSION);
        root.put("model", b.model());
        root.put("created_at", b.createdAt().toString());
        root.put("source", b.source());
        root.put("rows", b.rows());
        MonitoringConfig mc = b.monitoringConfig();
        root.putObject("monitoring_config").put("datatype_check_threshold", mc.datatypeCheckThreshold())
                .put("domain_content_threshold", mc.domainContentThreshold()).put("range_margin", mc.rangeMargin())
                .put("categorical_values_check", mc.categoricalValues().id()).put("unseen_floor", mc.unseenFloor())
                .put("unseen_significance", mc.unseenSignificance());
        ArrayNode features = root.putArray("features");
        for (BaselineFeature f : b.features()) {
            features.add(feature(f, mapper));
        }
        b.modelQuality().ifPresent(q -> root.set("model_quality", TrainingQualityJson.toJson(q)));
        return root;
    }

    private static ObjectNode feature(BaselineFeature f, ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        o.put("name", f.name());
        o.put("type", f.type().name().toLowerCase(Locale.ROOT));
        o.put("role", f.role().id());
        FeatureProfile p = f.profile();
        o.put("count", p.count()).put("present", p.present()).put("missing", p.missing())
                .put("type_mismatches", p.typeMismatches());
        ObjectNode c = mapper.createObjectNode().put("completeness", f.constraint().completeness());
        if (p instanceof NumericProfile n) {
            ObjectNode num = o.putObject("numeric");
            if (n.present() > 0) {
                num.put("mean", n.mean()).put("std_dev", n.standardDeviation()).put("min", n.min())
                        .put("max", n.max()).put("sum", n.sum());
            }
            num.put("distinct_count", Math.round(n.distinctEstimate()));
            ArrayNode bins = num.putArray("reference_bins");
            f.referenceBins().forEach(bins::add);
            c.put("non_negative", f.constraint().nonNegative());
            f.constraint().min().ifPresent(v -> c.put("min", v));
            f.constraint().max().ifPresent(v -> c.put("max", v));
        } else {
            ObjectNode cat = o.putObject("categorical");
            cat.put("distinct_count", Math.round(p.distinctEstimate()));
            ObjectNode freq = cat.putObject("frequencies");
            new TreeMap<>(f.categoryFrequencies()).forEach(freq::put);
            ArrayNode domain = c.putArray("domain");
            f.constraint().domain().stream().sorted().forEach(domain::add);
            JsonOut.figure(c, "expected_unseen_share", f.constraint().expectedUnseenShare());
        }
        o.set("constraints", c);
        o.put("profile", Base64.getEncoder().encodeToString(ProfileCodec.toBytes(p)));
        return o;
    }

    /** @param where the file name, for messages */
    public static Baseline fromJson(JsonNode root, String where) {
        checkFormat(root.path("format").asText(), root.path("version").asInt(-1), where);
        JsonNode mcNode = root.path("monitoring_config");
        MonitoringConfig mc = new MonitoringConfig(mcNode.path("datatype_check_threshold").asDouble(1.0),
                mcNode.path("domain_content_threshold").asDouble(1.0), mcNode.path("range_margin").asDouble(0.1),
                MonitoringConfig.CategoricalValues.of(mcNode.path("categorical_values_check")
                        .asText(MonitoringConfig.CategoricalValues.EXPECTED_UNSEEN.id())),
                mcNode.path("unseen_floor").asDouble(MonitoringConfig.DEFAULT_UNSEEN_FLOOR),
                mcNode.path("unseen_significance").asDouble(MonitoringConfig.DEFAULT_UNSEEN_SIGNIFICANCE));
        List<BaselineFeature> features = new ArrayList<>();
        int i = 0;
        for (JsonNode f : root.path("features")) {
            features.add(feature(f, where + " features[" + i++ + "]"));
        }
        JsonNode quality = root.get("model_quality");
        return new Baseline(text(root, "model", where), Instant.parse(text(root, "created_at", where)),
                root.path("source").asText(""), root.path("rows").asLong(), features, mc,
                quality == null || quality.isNull() ? Optional.empty()
                        : Optional.of(TrainingQualityJson.fromJson(quality, where + " model_quality")));
    }

    private static BaselineFeature feature(JsonNode f, String where) {
        BaselineColumns.Column column = BaselineColumns.column(text(f, "name", where), text(f, "type", where),
                f.path("role").asText("feature"), where);
        String name = column.name();
        FeatureType type = column.type();
        BaselineFeature.Role role = column.role();
        // Shareable: a parsed baseline is read by every stream thread (the streams' baseline cache).
        FeatureProfile profile = ProfileCodec.fromBytesShareable(Base64.getDecoder().decode(text(f, "profile",
                where)));
        JsonNode c = f.path("constraints");
        List<Double> bins = new ArrayList<>();
        f.path("numeric").path("reference_bins").forEach(b -> bins.add(b.asDouble()));
        Map<String, Long> freq = new LinkedHashMap<>();
        f.path("categorical").path("frequencies").fields().forEachRemaining(e -> freq.put(e.getKey(),
                e.getValue().asLong()));
        Set<String> domain = new HashSet<>();
        c.path("domain").forEach(d -> domain.add(d.asText()));
        // files written before the expected unseen share existed: the Good–Turing estimate of their frequencies
        double unseen = c.hasNonNull("expected_unseen_share") ? c.get("expected_unseen_share").asDouble()
                : type.isCategorical() && !domain.isEmpty() ? FeatureConstraint.goodTuring(freq) : Double.NaN;
        FeatureConstraint constraint = new FeatureConstraint(name, type, c.path("completeness").asDouble(1.0),
                c.path("non_negative").asBoolean(false), optional(c, "min"), optional(c, "max"), domain, unseen);
        if (profile instanceof CategoricalProfile && !type.isCategorical()
                || profile instanceof NumericProfile && !type.isNumeric()) {
            throw new IllegalArgumentException(where + ": profile does not match type " + type);
        }
        return new BaselineFeature(name, type, role, profile, bins, freq, constraint);
    }

    /** Refuses what is not a baseline, or one of a version this does not read ({@code where} names the file). */
    static void checkFormat(String format, int version, String where) {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException(where + ": not a driftline baseline (\"format\" is not \"" + FORMAT
                    + "\")");
        }
        if (version < 1 || version > Baseline.FORMAT_VERSION) {
            throw new IllegalArgumentException(where + ": baseline format version " + version
                    + " is not supported (this driftline reads up to " + Baseline.FORMAT_VERSION + ")");
        }
    }

    /** A refusal of the decoders as the record format error a reader reports (its reason code and message). */
    static RecordFormatException formatError(RuntimeException e) {
        return new RecordFormatException(e.getMessage() != null && e.getMessage().contains("version")
                ? RecordFormatException.UNKNOWN_SCHEMA_VERSION : RecordFormatException.BAD_VALUE, e.getMessage(), e);
    }

    private static Optional<Double> optional(JsonNode n, String field) {
        return n.hasNonNull(field) ? Optional.of(n.get(field).asDouble()) : Optional.empty();
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) {
            throw new IllegalArgumentException(where + ": missing field \"" + field + "\"");
        }
        return v.asText();
    }
}
