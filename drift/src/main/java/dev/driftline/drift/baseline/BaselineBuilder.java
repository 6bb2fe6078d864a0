package dev.driftline.drift.baseline;

import dev.driftline.drift.dataquality.FeatureConstraint;
import dev.driftline.drift.dataquality.MonitoringConfig;
import dev.driftline.drift.io.Cells;
import dev.driftline.drift.io.ColumnValues;
import dev.driftline.drift.io.Table;
import dev.driftline.drift.io.TypeInference;
import dev.driftline.drift.metrics.ReferenceBins;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.modelquality.TrainingQuality;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.NumericProfile;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a {@link Baseline} from a training table: types inferred (or given), every column profiled exactly once;
 * with both a label and a prediction column, also the model's training-time quality ({@link TrainingQuality}).
 */
public final class BaselineBuilder {
    /** Categories listed in a constraint's domain at most; more and the domain check is not enforced. */
    public static final int MAX_DOMAIN = 1000;

    private final Clock clock;

    public BaselineBuilder(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param features   the input columns, or empty for every column except label and prediction
     * @param label      ground-truth column, if the table has one
     * @param prediction model-output column, if the table has one
     */
    public Baseline build(Table table, String model, Optional<List<String>> features, Optional<String> label,
                          Optional<String> prediction, Map<String, FeatureType> typeOverrides) {
        List<String> inputs = new ArrayList<>(features.orElse(table.columns()));
        label.ifPresent(inputs::remove);
        prediction.ifPresent(inputs::remove);
        for (String c : inputs) {
            table.indexOf(c); // fails naming the file and its columns when a requested column is absent
        }
        List<BaselineFeature> out = new ArrayList<>();
        for (String c : inputs) {
            out.add(feature(table, c, BaselineFeature.Role.FEATURE, typeOverrides));
        }
        label.ifPresent(c -> out.add(feature(table, c, BaselineFeature.Role.LABEL, typeOverrides)));
        prediction.ifPresent(c -> out.add(feature(table, c, BaselineFeature.Role.PREDICTION, typeOverrides)));
        Optional<TrainingQuality> quality = Optional.empty();
        if (label.isPresent() && prediction.isPresent()) {
            quality = TrainingQuality.of(scalars(table, label.get(), typeOverrides),
                    scalars(table, prediction.get(), typeOverrides));
        }
        return new Baseline(model, clock.instant(), table.source(), table.size(), out, MonitoringConfig.defaults(),
                quality);
    }

    /**
     * A column's cells as the values a window's labels and predictions are (JSON scalars): numbers (whole numbers of
     * an integral column as Long), booleans, strings; null where missing or unreadable.
     */
    private static List<Object> scalars(Table table, String column, Map<String, FeatureType> overrides) {
        List<Object> cells = table.column(column);
        FeatureType type = overrides.getOrDefault(column, TypeInference.infer(cells));
        List<Object> out = new ArrayList<>(cells.size());
        for (Object cell : cells) {
            out.add(Cells.isMissing(cell) ? null : switch (type) {
                case INTEGRAL, FRACTIONAL -> {
                    Double d = Cells.asNumber(cell);
                    yield d == null ? null : type == FeatureType.INTEGRAL && d == Math.rint(d) && Math.abs(d) < 0x1p53
                            ? (Object) d.longValue() : d;
                }
                case BOOLEAN -> Cells.asBoolean(cell);
                case STRING -> Cells.asCategory(cell);
            });
        }
        return out;
    }

    private static BaselineFeature feature(Table table, String column, BaselineFeature.Role role,
                                           Map<String, FeatureType> overrides) {
        List<Object> cells = table.column(column);
        FeatureType type = overrides.getOrDefault(column, TypeInference.infer(cells));
        ColumnValues v = ColumnValues.of(column, type, cells);
        long rows = v.present() + v.missing() + v.typeMismatches();
        double completeness = rows == 0 ? 1 : (double) (v.present() + v.typeMismatches()) / rows;
        if (type.isNumeric()) {
            NumericProfile p = new NumericProfile(type);
            for (Object cell : cells) {
                p.update(Cells.isMissing(cell) ? null : cell); // "NA", "null"… are missing markers in files
            }
            double[] xs = v.numbers();
            List<Double> bins = xs.length == 0 ? List.of() : ReferenceBins.fromReference(xs).edgeList();
            Optional<Double> min = xs.length == 0 ? Optional.empty() : Optional.of(Arrays.stream(xs).min().getAsDouble());
            Optional<Double> max = xs.length == 0 ? Optional.empty() : Optional.of(Arrays.stream(xs).max().getAsDouble());
            FeatureConstraint c = new FeatureConstraint(column, type, completeness, min.map(m -> m >= 0).orElse(false),
                    min, max, Set.of());
            return new BaselineFeature(column, type, role, p, bins, Map.of(), c);
        }
        CategoricalProfile p = new CategoricalProfile(type);
        for (Object cell : cells) {
            p.update(Cells.isMissing(cell) ? null : cell);
        }
        Map<String, Long> freq = new HashMap<>();
        v.categories().forEach(s -> freq.merge(s, 1L, Long::sum));
        Set<String> domain = freq.size() <= MAX_DOMAIN ? freq.keySet() : Set.of();
        FeatureConstraint c = new FeatureConstraint(column, type, completeness, false, Optional.empty(),
                Optional.empty(), domain, FeatureConstraint.goodTuring(freq));
        return new BaselineFeature(column, type, role, p, List.of(), new TreeMap<>(freq), c);
    }
}
