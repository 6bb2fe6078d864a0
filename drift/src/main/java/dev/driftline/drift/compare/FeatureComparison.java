package dev.driftline.drift.compare;

import dev.driftline.drift.decision.FeatureDecision;
import dev.driftline.drift.io.ColumnValues;
import dev.driftline.drift.metrics.DriftFigures;
import dev.driftline.drift.model.FeatureType;

/** One column compared: its type, the drift figures, the verdict, and what was not usable on each side. */
public record FeatureComparison(String name, FeatureType type, DriftFigures figures, FeatureDecision decision,
                                long missingReference, long missingCurrent, long mismatchesReference,
                                long mismatchesCurrent) {

    static FeatureComparison of(ColumnValues ref, ColumnValues cur, DriftFigures figures, FeatureDecision decision) {
        return new FeatureComparison(ref.name(), ref.type(), figures, decision, ref.missing(), cur.missing(),
                ref.typeMismatches(), cur.typeMismatches());
    }
}
