package dev.driftline.streams.alerts;

/**
 * When alerts open and resolve ({@link AlertProcessor}). Only windows that were judged count ("enough data": a
 * drift verdict of {@code drift}/{@code no_drift}, an evaluated report for data quality, an {@code ok}/{@code degraded}
 * model-quality window); windows with too little data are skipped, they neither count nor break a run.
 *
 * @param driftOpenK            drift ({@code data_drift}, {@code prediction_drift}) and {@code model_quality} alerts
 *                              open when at least K of the last M judged windows are bad (default 2) ...
 * @param driftOpenM            ... of the last M (default 3). K of M rather than one window because a single
 *                              drifting window is often noise (a p-value test at alpha flags alpha of calm windows).
 * @param dataQualityOpenAfter  {@code data_quality} alerts open when this many consecutive judged windows violate a
 *                              check of the feature (default 1: the first violating window; a violated constraint is
 *                              a fact about the window, not a statistical guess)
 * @param resolveAfter          an open alert resolves after this many consecutive clean judged windows (default 3)
 */
public record AlertConfig(int driftOpenK, int driftOpenM, int dataQualityOpenAfter, int resolveAfter) {
    public AlertConfig {
        if (driftOpenM < 1) {
            throw new IllegalArgumentException("alerts: drift window count M must be >= 1, got " + driftOpenM);
        }
        if (driftOpenK < 1 || driftOpenK > driftOpenM) {
            throw new IllegalArgumentException("alerts: drift K must be between 1 and M (" + driftOpenM + "), got "
                    + driftOpenK);
        }
        if (dataQualityOpenAfter < 1) {
            throw new IllegalArgumentException("alerts: data-quality open-after must be >= 1 window, got "
                    + dataQualityOpenAfter);
        }
        if (resolveAfter < 1) {
            throw new IllegalArgumentException("alerts: resolve-after must be >= 1 clean window, got " + resolveAfter);
        }
    }

    /** 2 of 3 for drift and model quality, 1 for data quality, resolve after 3 clean windows. */
    public static AlertConfig defaults() {
        return new AlertConfig(2, 3, 1, 3);
    }

    /** How many of the last {@link #windowsFor M} judged windows must be bad for an alert of {@code kind} to open. */
    int badNeededFor(AlertKind kind) {
        return kind == AlertKind.DATA_QUALITY ? dataQualityOpenAfter : driftOpenK;
    }

    /** The M of {@code kind}: data quality counts consecutive windows, so its M is its K. */
    int windowsFor(AlertKind kind) {
        return kind == AlertKind.DATA_QUALITY ? dataQualityOpenAfter : driftOpenM;
    }

    /** Judged windows each (model, kind, feature) state keeps: enough for both the open and the resolve rule. */
    int historyFor(AlertKind kind) {
        return Math.max(windowsFor(kind), resolveAfter);
    }
}
