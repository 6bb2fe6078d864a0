package dev.driftline.drift.baseline.sagemaker;

import dev.driftline.drift.metrics.ReferenceBins;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.drift.dataquality.FeatureConstraint;
import dev.driftline.drift.dataquality.MonitoringConfig;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.NumericProfile;
import dev.driftline.drift.profile.RunningMoments;
import dev.driftline.drift.profile.StepCdf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Reads SageMaker Model Monitor baseline files (statistics.json and constraints.json, as written by SageMaker's
 * pre-built container or by {@link SageMakerExport}) into a {@link Baseline}. Missing or malformed fields fail with
 * an {@link IllegalArgumentException} naming the file and the JSON path. See the package documentation for what is
 * exact and what is approximate.
 */
public final class SageMakerImport {
    /** numpy's linspace(0.1, 0.9, 9), as ReferenceBins spells them, so uncompacted sketches match exact mode. */
    private static final double[] DECILES = ReferenceBins.decileProbabilities();

    private SageMakerImport() {
    }

    /**
     * Reads both files.
     *
     * @throws IllegalArgumentException for unreadable JSON or bad content, naming the file (and JSON path)
     * @throws IOException              when a file cannot be read at all
     */
    public static Baseline read(Path statistics, Path constraints, String model, Instant createdAt,
                                ObjectMapper mapper) throws IOException {
        return fromJson(parse(statistics, mapper), statistics.toString(), parse(constraints, mapper),
                constraints.toString(), model, createdAt);
    }

    /** A JSON file; invalid JSON fails naming the file, line and column. */
    public static JsonNode parse(Path file, ObjectMapper mapper) throws IOException {
        String text = Files.readString(file);
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        }
    }

    /**
     * @param statisticsFile  name of the statistics document, for messages and the baseline's source
     * @param constraintsFile name of the constraints document, for messages
     */
    public static Baseline fromJson(JsonNode statistics, String statisticsFile, JsonNode constraints,
                                    String constraintsFile, String model, Instant createdAt) {
        JsonField stats = JsonField.root(statisticsFile, statistics);
        JsonField cons = JsonField.root(constraintsFile, constraints);
        checkVersion(stats);
        checkVersion(cons);
        cons.optional("dataset").ifPresent(d -> {
            throw d.fail("a constraints file has no dataset statistics: is this a statistics.json?");
        });
        long rows = stats.object("dataset").required("item_count").count();

        Map<String, JsonField> constraintByName = new LinkedHashMap<>();
        for (JsonField c : cons.required("features").elements()) {
            JsonField nameField = c.required("name");
            if (constraintByName.put(nameField.text(), c) != null) {
                throw nameField.fail("feature '" + nameField.text() + "' is listed twice");
            }
        }

        List<BaselineFeature> features = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonField f : stats.required("features").elements()) {
            JsonField nameField = f.required("name");
            String name = nameField.text();
            if (!seen.add(name)) {
                throw nameField.fail("feature '" + name + "' is listed twice");
            }
            JsonField typeField = f.required("inferred_type");
            FeatureType type = type(typeField);
            JsonField constraint = constraintByName.remove(name);
            if (constraint != null) {
                JsonField otherType = constraint.required("inferred_type");
                if (type(otherType) != type) {
                    throw otherType.fail("feature '" + name + "' is " + otherType.text() + " here but "
                            + typeField.text() + " in " + statisticsFile);
                }
            }
            features.add(type.isNumeric() ? numeric(f, name, type, constraint)
                    : categorical(f, name, type, constraint));
        }
        if (!constraintByName.isEmpty()) {
            String name = constraintByName.keySet().iterator().next();
            throw constraintByName.get(name).fail("feature '" + name + "' has constraints but no statistics in "
                    + statisticsFile);
        }
        return new Baseline(model, createdAt, statisticsFile, rows, features, monitoringConfig(cons));
    }

    private static void checkVersion(JsonField root) {
        root.optional("version").ifPresent(v -> {
            if (v.number() != 0) {
                throw v.fail("unsupported version " + v.raw() + " (this driftline reads version 0)");
            }
        });
    }

    private static FeatureType type(JsonField typeField) {
        try {
            return FeatureType.fromSageMakerName(typeField.text());
        } catch (IllegalArgumentException e) {
            throw typeField.fail(e.getMessage());
        }
    }

    private static BaselineFeature numeric(JsonField f, String name, FeatureType type, JsonField constraint) {
        JsonField stats = f.object("numerical_statistics");
        JsonField common = stats.object("common");
        long present = common.required("num_present").count();
        long missing = common.required("num_missing").count();
        RunningMoments moments = new RunningMoments();
        KllDoublesSketch kll = KllDoublesSketch.newHeapInstance(NumericProfile.DEFAULT_K);
        HllSketch hll = new HllSketch(NumericProfile.DEFAULT_HLL_LG_K, TgtHllType.HLL_4);
        Optional<Double> min = Optional.empty();
        Optional<Double> max = Optional.empty();
        if (present > 0) {
            double mean = stats.required("mean").number();
            double sum = stats.required("sum").number();
            JsonField sdField = stats.required("std_dev");
            double sd = sdField.number();
            JsonField minField = stats.required("min");
            double lo = minField.number();
            double hi = stats.required("max").number();
            if (sd < 0) {
                throw sdField.fail("negative standard deviation " + sd);
            }
            if (lo > hi) {
                throw minField.fail("min " + lo + " exceeds max " + hi);
            }
            JsonField sketch = stats.object("distribution").object("kll").object("sketch");
            JsonField kField = sketch.object("parameters").required("k");
            double kValue = kField.number();
            if (kValue < 1 || kValue != Math.rint(kValue)) {
                throw kField.fail("expected a positive whole number, found " + kValue);
            }
            JsonField dataField = sketch.required("data");
            List<double[]> levels = new ArrayList<>();
            for (JsonField level : dataField.elements()) {
                List<JsonField> items = level.elements();
                double[] xs = new double[items.size()];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = items.get(i).number();
                }
                levels.add(xs);
            }
            DeequKll.WeightedItems weighted;
            try {
                weighted = DeequKll.WeightedItems.ofLevels(levels);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw dataField.fail(e.getMessage());
            }
            if (weighted.total() == 0) {
                throw dataField.fail("the sketch holds no item but num_present is " + present);
            }
            double first = weighted.items()[0];
            double last = weighted.items()[weighted.size() - 1];
            if (first < lo || last > hi) {
                throw dataField.fail("sketch item " + (first < lo ? first : last) + " lies outside min " + lo
                        + " … max " + hi);
            }
            // Deequ's compaction keeps the total weight equal to the number of values; a file that disagrees
            // (hand-written or abbreviated) is scaled to num_present, keeping the shape of its distribution.
            weighted = weighted.rescaledTo(present);
            kll = DeequKll.sketch(weighted, (int) Math.min(Integer.MAX_VALUE, kValue), lo, hi);
            for (double x : weighted.items()) {
                hll.update(x);
            }
            // Deequ's std_dev is the population standard deviation, sqrt(M2 / n).
            moments = RunningMoments.of(present, mean, sd * sd * present, sum, lo, hi);
            min = Optional.of(lo);
            max = Optional.of(hi);
        }
        NumericProfile profile = NumericProfile.fromSummary(type, missing, moments, kll, hll);
        boolean nonNegative = false;
        if (constraint != null) {
            Optional<JsonField> nc = constraint.optional("num_constraints");
            if (nc.isPresent()) {
                nonNegative = nc.get().optional("is_non_negative").map(JsonField::bool).orElse(false);
            }
        }
        FeatureConstraint c = new FeatureConstraint(name, type, completeness(constraint, present, missing),
                nonNegative, min, max, Set.of());
        return new BaselineFeature(name, type, BaselineFeature.Role.FEATURE, profile, decileEdges(profile.stepCdf()),
                Map.of(), c);
    }

    private static BaselineFeature categorical(JsonField f, String name, FeatureType type, JsonField constraint) {
        JsonField stats = f.object("string_statistics");
        JsonField common = stats.object("common");
        long present = common.required("num_present").count();
        long missing = common.required("num_missing").count();
        Set<String> domain = new LinkedHashSet<>();
        if (constraint != null) {
            Optional<JsonField> sc = constraint.optional("string_constraints");
            if (sc.isPresent()) {
                Optional<JsonField> domains = sc.get().optional("domains");
                if (domains.isPresent()) {
                    for (JsonField d : domains.get().elements()) {
                        domain.add(d.textOrNumber());
                    }
                }
            }
        }
        Map<String, Long> counts = new HashMap<>();
        // Good–Turing needs the true singletons: only when the buckets list every present value
        double expectedUnseen = Double.NaN;
        if (present > 0) {
            JsonField bucketsField = stats.object("distribution").object("categorical").required("buckets");
            long listed = 0;
            for (JsonField b : bucketsField.elements()) {
                JsonField valueField = b.required("value");
                String value = valueField.textOrNumber();
                long count = b.required("count").count();
                if (counts.containsKey(value)) {
                    throw valueField.fail("category '" + value + "' is listed twice");
                }
                if (count > 0) {
                    counts.put(value, count);
                    listed += count;
                }
            }
            if (listed > present) {
                throw bucketsField.fail("category counts sum to " + listed + ", more than num_present " + present);
            }
            if (listed == present) {
                expectedUnseen = FeatureConstraint.goodTuring(counts);
            }
            if (listed < present) {
                attributeRest(counts, present - listed, domain, bucketsField);
            }
        }
        CategoricalProfile profile = CategoricalProfile.fromCounts(type, missing, counts);
        FeatureConstraint c = new FeatureConstraint(name, type, completeness(constraint, present, missing), false,
                Optional.empty(), Optional.empty(), domain, expectedUnseen);
        return new BaselineFeature(name, type, BaselineFeature.Role.FEATURE, profile, List.of(),
                profile.frequencies(), c);
    }

    /**
     * The buckets do not account for every present value (an abbreviated file, or a truncated histogram): the rest
     * is shared evenly among the domain's categories that have no bucket, or, when there are none, the listed
     * counts are scaled up in proportion (largest-remainder rounding either way).
     */
    private static void attributeRest(Map<String, Long> counts, long rest, Set<String> domain, JsonField where) {
        List<String> unlisted = domain.stream().filter(d -> !counts.containsKey(d)).sorted().toList();
        if (!unlisted.isEmpty()) {
            long share = rest / unlisted.size();
            long extra = rest % unlisted.size();
            for (int i = 0; i < unlisted.size(); i++) {
                long c = share + (i < extra ? 1 : 0);
                if (c > 0) {
                    counts.put(unlisted.get(i), c);
                }
            }
            return;
        }
        if (counts.isEmpty()) {
            throw where.fail("no category listed for " + rest + " present values");
        }
        String[] names = new TreeMap<>(counts).keySet().toArray(new String[0]);
        long[] listed = new long[names.length];
        long sum = 0;
        for (int i = 0; i < names.length; i++) {
            listed[i] = counts.get(names[i]);
            sum += listed[i];
        }
        long[] scaled = Apportion.scale(listed, sum + rest);
        for (int i = 0; i < names.length; i++) {
            counts.put(names[i], scaled[i]); // never 0: scaling up keeps every positive count positive
        }
    }

    /** completeness from constraints.json; when absent, the share of present values in statistics.json. */
    private static double completeness(JsonField constraint, long present, long missing) {
        if (constraint != null) {
            Optional<JsonField> c = constraint.optional("completeness");
            if (c.isPresent()) {
                double v = c.get().number();
                if (v < 0 || v > 1) {
                    throw c.get().fail("completeness must be between 0 and 1, found " + v);
                }
                return v;
            }
        }
        long rows = present + missing;
        return rows == 0 ? 1.0 : (double) present / rows;
    }

    private static MonitoringConfig monitoringConfig(JsonField constraints) {
        MonitoringConfig defaults = MonitoringConfig.defaults();
        Optional<JsonField> mc = constraints.optional("monitoring_config");
        if (mc.isEmpty()) {
            return defaults;
        }
        double datatype = threshold(mc.get(), "datatype_check_threshold", defaults.datatypeCheckThreshold());
        double domain = threshold(mc.get(), "domain_content_threshold", defaults.domainContentThreshold());
        return new MonitoringConfig(datatype, domain, defaults.rangeMargin());
    }

    private static double threshold(JsonField config, String name, double fallback) {
        Optional<JsonField> f = config.optional(name);
        if (f.isEmpty()) {
            return fallback;
        }
        double v = f.get().number();
        if (v < 0 || v > 1) {
            throw f.get().fail("threshold must be between 0 and 1, found " + v);
        }
        return v;
    }

    /** Distinct deciles (type 7) of the imported distribution, as the sketch-mode comparison derives its bins. */
    static List<Double> decileEdges(StepCdf cdf) {
        if (cdf.n() == 0) {
            return List.of();
        }
        double[] distinct = new double[DECILES.length];
        int count = 0;
        for (double p : DECILES) {
            double e = cdf.quantileType7(p);
            if (count == 0 || e != distinct[count - 1]) {
                distinct[count++] = e;
            }
        }
        return Arrays.stream(distinct, 0, count).boxed().toList();
    }
}
