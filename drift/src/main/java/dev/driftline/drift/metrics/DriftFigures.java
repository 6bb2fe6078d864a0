package dev.driftline.drift.metrics;

/** The drift figures of one feature, numeric or categorical. */
public sealed interface DriftFigures permits NumericDriftFigures, CategoricalDriftFigures {
    long nReference();

    long nCurrent();
}
