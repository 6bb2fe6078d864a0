package dev.driftline.streams.merge;

import dev.driftline.contracts.window.PartialWindow;

/**
 * The value of the {@value WindowMergeProcessor#STORE} store per {@code model|windowStart}: the partials merged so
 * far, how many, how many times the window was emitted (its revision), whether the latest state was emitted and the
 * wall time of its last partial. Binary form: {@link MergeEntryCodec}.
 */
record MergeEntry(boolean emitted, int revision, int partials, long lastPartialWallMs, PartialWindow window) {
}
