package dev.driftline.streams.evaluate;

import dev.driftline.contracts.drift.DriftReport;
import dev.driftline.contracts.figures.FigureRegistry;
import dev.driftline.contracts.window.MergedWindow;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.drift.dataquality.DataQualityChecks;
import dev.driftline.drift.dataquality.FeatureConstraint;
import dev.driftline.drift.dataquality.ObservedFeature;
import dev.driftline.drift.dataquality.Violation;
import dev.driftline.drift.decision.DatasetDecision;
import dev.driftline.drift.decision.DriftDecider;
import dev.driftline.drift.decision.DriftPolicy;
import dev.driftline.drift.decision.FeatureDecision;
import dev.driftline.drift.metrics.DriftFigures;
import dev.driftline.drift.metrics.NumericDriftFigures;
import dev.driftline.drift.metrics.SketchDrift;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.FeatureProfile;
import dev.driftline.drift.profile.NumericProfile;
import dev.driftline.contracts.window.PartialWindow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compares one merged window with a model's reference: the figures of every compared column (every figure of the
 * {@link FigureRegistry}), the drift decisions ({@link DriftDecider}) and the data-quality checks
 * ({@link DataQualityChecks}) → a {@link DriftReport}.
 *
 * <p>Compared: baseline columns with role FEATURE against the window feature of the same name, and role PREDICTION
 * against the window's {@code prediction:<name>}, when both sides have present values of the same kind (numeric or
 * categorical). Data-quality checks run on the FEATURE and PREDICTION columns (labels are not in a window); window
 * predictions without a baseline column are ignored; input features the baseline does not know are checked as extra
 * columns.
 */
public final class DriftEvaluator {
    private DriftEvaluator() {
    }

    /** The report of a window whose model has no baseline (yet). */
    public static DriftReport noBaseline(MergedWindow w) {
        return DriftReport.noBaseline(w.model(), w.windowStart(), w.windowEnd(), w.revision(), w.rows());
    }

    /**
     * Compares {@code w} with {@code baseline} (for rolling/seasonal modes: the baseline whose profiles are those of
     * the reference windows starting at {@code referenceStarts}) and says which reference was used.
     */
    public static DriftReport evaluate(MergedWindow w, Baseline baseline, DriftPolicy policy, ReferenceMode mode,
                                List<Long> referenceStarts) {
        Map<String, FeatureProfile> profiles = w.profiles();
        Map<String, DriftFigures> figures = new LinkedHashMap<>();
        Map<String, FeatureProfile> current = new LinkedHashMap<>();
        Map<String, BaselineFeature> columns = new LinkedHashMap<>();
        Map<String, ObservedFeature> observed = new LinkedHashMap<>();
        Map<String, FeatureConstraint> constraints = new LinkedHashMap<>();
        for (BaselineFeature f : baseline.features()) {
            if (f.role() == BaselineFeature.Role.LABEL) {
                continue;
            }
            constraints.put(f.name(), f.constraint());
            String windowName = windowName(f);
            FeatureProfile p = profiles.get(windowName);
            if (p == null) {
                Long nulls = w.untypedMissing().get(windowName);
                if (nulls != null) {
                    observed.put(f.name(), new ObservedFeature(f.name(), 0, nulls, 0, Optional.empty(),
                            Optional.empty(), Map.of()));
                }
                continue;
            }
            observed.put(f.name(), observe(f.name(), f, p));
            if (sameKind(f.profile(), p) && f.profile().present() > 0 && p.present() > 0) {
                figures.put(f.name(), SketchDrift.figures(f.profile(), p));
                current.put(f.name(), p);
                columns.put(f.name(), f);
            }
        }
        // input features the baseline does not know: extra columns for the checks
        for (Map.Entry<String, FeatureProfile> e : profiles.entrySet()) {
            if (!e.getKey().startsWith(PartialWindow.PREDICTION_PREFIX) && baseline.feature(e.getKey()).isEmpty()) {
                observed.put(e.getKey(), observe(e.getKey(), null, e.getValue()));
            }
        }
        DatasetDecision decision = new DriftDecider(policy).decide(figures);
        Map<String, DriftReport.FeatureDrift> features = new LinkedHashMap<>();
        for (Map.Entry<String, DriftFigures> e : figures.entrySet()) {
            BaselineFeature f = columns.get(e.getKey());
            FeatureProfile p = current.get(e.getKey());
            DriftFigures fig = e.getValue();
            FeatureDecision d = decision.features().get(e.getKey());
            boolean numeric = fig instanceof NumericDriftFigures;
            features.put(e.getKey(), new DriftReport.FeatureDrift(numeric ? "numeric" : "categorical",
                    f.role().id(), fig.nReference(), fig.nCurrent(), FigureRegistry.compute(f.profile(), p, fig),
                    numeric ? ((NumericDriftFigures) fig).binEdges() : List.of(),
                    f.type().name().toLowerCase(Locale.ROOT), p.missing(), p.typeMismatches(), d.method().id(),
                    d.threshold(), d.status().id(), d.drift()));
        }
        List<Violation> violations = new DataQualityChecks(baseline.monitoringConfig()).check(constraints, observed);
        return new DriftReport(w.model(), w.windowStart(), w.windowEnd(), w.revision(), w.rows(),
                DriftReport.Status.EVALUATED, baseline.createdAt().toEpochMilli(),
                reference(w, mode, referenceStarts), features, decision.datasetDrift(), decision.drifted(),
                decision.judged(), decision.driftedShare(), violations);
    }

    /** Which reference a window was compared with: the configured history, or the baseline standing in for it. */
    private static DriftReport.Reference reference(MergedWindow w, ReferenceMode mode, List<Long> referenceStarts) {
        if (mode.kind() == ReferenceMode.Kind.BASELINE) {
            return DriftReport.Reference.baseline();
        }
        if (referenceStarts.isEmpty()) {
            return new DriftReport.Reference("baseline", mode.id(), null, null, null); // no history yet
        }
        return new DriftReport.Reference(mode.id(), null, referenceStarts.size(), referenceStarts.get(0),
                referenceStarts.get(referenceStarts.size() - 1) + (w.windowEnd() - w.windowStart()));
    }

    private static String windowName(BaselineFeature f) {
        return f.role() == BaselineFeature.Role.PREDICTION ? PartialWindow.PREDICTION_PREFIX + f.name() : f.name();
    }

    private static boolean sameKind(FeatureProfile a, FeatureProfile b) {
        return a instanceof NumericProfile ? b instanceof NumericProfile : b instanceof CategoricalProfile;
    }

    /** What the checks need of a window profile; a profile of the other kind than the baseline's counts as mismatches. */
    private static ObservedFeature observe(String name, BaselineFeature f, FeatureProfile p) {
        if (f != null && !sameKind(f.profile(), p)) {
            return new ObservedFeature(name, 0, p.missing(), p.present() + p.typeMismatches(), Optional.empty(),
                    Optional.empty(), Map.of());
        }
        if (p instanceof NumericProfile n) {
            boolean any = n.present() > 0;
            return new ObservedFeature(name, n.present(), n.missing(), n.typeMismatches(),
                    any ? Optional.of(n.min()) : Optional.empty(), any ? Optional.of(n.max()) : Optional.empty(),
                    Map.of());
        }
        CategoricalProfile c = (CategoricalProfile) p;
        return new ObservedFeature(name, c.present(), c.missing(), c.typeMismatches(), Optional.empty(),
                Optional.empty(), c.frequencies());
    }
}
