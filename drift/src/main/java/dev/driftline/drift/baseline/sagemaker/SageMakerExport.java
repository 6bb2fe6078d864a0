package dev.driftline.drift.baseline.sagemaker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.drift.dataquality.FeatureConstraint;
import dev.driftline.drift.dataquality.MonitoringConfig;
import dev.driftline.drift.modelquality.TrainingQuality;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.FeatureProfile;
import dev.driftline.drift.profile.NumericProfile;
import dev.driftline.drift.profile.StepCdf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Baseline} as SageMaker Model Monitor baseline files: {@value #STATISTICS_FILE} and
 * {@value #CONSTRAINTS_FILE}, in the shapes SageMaker's pre-built container produces (see the package documentation
 * for what carries over exactly).
 */
public final class SageMakerExport {
    public static final String STATISTICS_FILE = "statistics.json";
    public static final String CONSTRAINTS_FILE = "constraints.json";
    /** Sub-directory of the model-quality baseline files (SageMaker keeps them apart from data quality's). */
    public static final String MODEL_QUALITY_DIR = "model-quality";

    /** Drift comparison settings written into constraints.json (SageMaker's defaults; a baseline has none). */
    static final double COMPARISON_THRESHOLD = 0.1;
    static final String COMPARISON_METHOD = "Robust";
    static final double CATEGORICAL_COMPARISON_THRESHOLD = 0.1;
    static final String CATEGORICAL_DRIFT_METHOD = "LInfinity";

    private SageMakerExport() {
    }

    /** Writes statistics.json and constraints.json into {@code dir} (created if needed); returns the two paths. */
    public static List<Path> write(Baseline baseline, Path dir, ObjectMapper mapper) throws IOException {
        Files.createDirectories(dir);
        Path statistics = dir.resolve(STATISTICS_FILE);
        Path constraints = dir.resolve(CONSTRAINTS_FILE);
        mapper.writerWithDefaultPrettyPrinter().writeValue(statistics.toFile(), statistics(baseline, mapper));
        mapper.writerWithDefaultPrettyPrinter().writeValue(constraints.toFile(), constraints(baseline, mapper));
        return List.of(statistics, constraints);
    }

    /** Writes the model-quality statistics.json and constraints.json ({@link SageMakerModelQuality}) into {@code dir}. */
    public static List<Path> writeModelQuality(TrainingQuality quality, Path dir, ObjectMapper mapper)
            throws IOException {
        Files.createDirectories(dir);
        Path statistics = dir.resolve(STATISTICS_FILE);
        Path constraints = dir.resolve(CONSTRAINTS_FILE);
        mapper.writerWithDefaultPrettyPrinter().writeValue(statistics.toFile(),
                SageMakerModelQuality.statistics(quality, mapper));
        mapper.writerWithDefaultPrettyPrinter().writeValue(constraints.toFile(),
                SageMakerModelQuality.constraints(quality, mapper));
        return List.of(statistics, constraints);
    }

    /** statistics.json: per feature its type, counts, moments and KLL distribution, or its category counts. */
    public static ObjectNode statistics(Baseline baseline, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("version", 0);
        root.putObject("dataset").put("item_count", baseline.rows());
        ArrayNode features = root.putArray("features");
        for (BaselineFeature f : baseline.features()) {
            ObjectNode o = features.addObject();
            o.put("name", f.name());
            o.put("inferred_type", f.type().sageMakerName());
            FeatureProfile p = f.profile();
            if (p instanceof NumericProfile n) {
                numeric(o.putObject("numerical_statistics"), n);
            } else {
                categorical(o.putObject("string_statistics"), (CategoricalProfile) p);
            }
        }
        return root;
    }

    /** SageMaker has no type-mismatch counter: values of the wrong type are reported as missing. */
    private static void common(ObjectNode stats, FeatureProfile p) {
        stats.putObject("common").put("num_present", p.present()).put("num_missing", p.missing() + p.typeMismatches());
    }

    private static void numeric(ObjectNode stats, NumericProfile p) {
        common(stats, p);
        if (p.present() == 0) {
            return; // no moments or distribution of nothing (JSON has no NaN)
        }
        // Deequ's std_dev is the population standard deviation: sqrt(M2 / n).
        stats.put("mean", p.mean()).put("sum", p.sum())
                .put("std_dev", Math.sqrt(p.moments().m2() / p.present()))
                .put("min", p.min()).put("max", p.max());
        StepCdf cdf = p.stepCdf();
        ObjectNode kll = stats.putObject("distribution").putObject("kll");
        ArrayNode buckets = kll.putArray("buckets");
        for (DeequKll.Bucket b : DeequKll.buckets(cdf, p.min(), p.max())) {
            buckets.addObject().put("lower_bound", b.lowerBound()).put("upper_bound", b.upperBound())
                    .put("count", (double) b.count());
        }
        ObjectNode sketch = kll.putObject("sketch");
        sketch.putObject("parameters").put("c", DeequKll.SHRINKING_FACTOR).put("k", (double) p.k());
        ArrayNode data = sketch.putArray("data");
        for (double[] level : DeequKll.levels(DeequKll.WeightedItems.of(cdf), p.k())) {
            ArrayNode l = data.addArray();
            for (double x : level) {
                l.add(x);
            }
        }
    }

    private static void categorical(ObjectNode stats, CategoricalProfile p) {
        common(stats, p);
        stats.put("distinct_count", (double) Math.round(p.distinctEstimate()));
        ArrayNode buckets = stats.putObject("distribution").putObject("categorical").putArray("buckets");
        List<Map.Entry<String, Long>> counts = new ArrayList<>(p.frequencies().entrySet());
        // Most frequent first, ties by value, so the file reads top-down and is stable.
        counts.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Long> e : counts) {
            buckets.addObject().put("value", e.getKey()).put("count", e.getValue());
        }
    }

    /** constraints.json: completeness, non-negativity and category domains per feature, and the monitoring config. */
    public static ObjectNode constraints(Baseline baseline, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("version", 0);
        ArrayNode features = root.putArray("features");
        for (BaselineFeature f : baseline.features()) {
            FeatureConstraint c = f.constraint();
            ObjectNode o = features.addObject();
            o.put("name", f.name());
            o.put("inferred_type", f.type().sageMakerName());
            o.put("completeness", c.completeness());
            if (f.type().isNumeric()) {
                o.putObject("num_constraints").put("is_non_negative", c.nonNegative());
            } else if (!c.domain().isEmpty()) {
                ArrayNode domains = o.putObject("string_constraints").putArray("domains");
                c.domain().stream().sorted().forEach(domains::add);
            }
        }
        MonitoringConfig mc = baseline.monitoringConfig();
        ObjectNode config = root.putObject("monitoring_config");
        config.put("evaluate_constraints", "Enabled").put("emit_metrics", "Enabled")
                .put("datatype_check_threshold", mc.datatypeCheckThreshold())
                .put("domain_content_threshold", mc.domainContentThreshold());
        config.putObject("distribution_constraints").put("perform_comparison", "Enabled")
                .put("comparison_threshold", COMPARISON_THRESHOLD).put("comparison_method", COMPARISON_METHOD)
                .put("categorical_comparison_threshold", CATEGORICAL_COMPARISON_THRESHOLD)
                .put("categorical_drift_method", CATEGORICAL_DRIFT_METHOD);
        return root;
    }
}
