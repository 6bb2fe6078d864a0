package dev.driftline.streams.merge;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the partial-window merge ({@link WindowMergeProcessor}): {@code settle} (default 10 s) is how long
 * after a window's end, in stream time of the partials topic, the merge still waits for partials of other tasks;
 * {@code idle} (default 5 s) is the extra wall time after which a window with no new partials for
 * {@code settle + idle} is emitted anyway (traffic stopped); {@code retention} (default 1 h of partials stream time
 * after end + settle) is how long an emitted window is kept so that a straggler partial can still be merged into a
 * revision.
 */
public record MergeConfig(Duration settle, Duration idle, Duration retention, int expectedSources) {
    public MergeConfig(Duration settle, Duration idle, Duration retention) {
        this(settle, idle, retention, 0);
    }

    /**
     * The same settings knowing how many profiling tasks there are (the partitions of the events topic): a window
     * every one of them has sent (or passed) is complete and goes out at once. 0: unknown, the rule is off.
     */
    public MergeConfig withExpectedSources(int n) {
        return new MergeConfig(settle, idle, retention, n);
    }

    public MergeConfig {
        if (expectedSources < 0) {
            throw new IllegalArgumentException("expected sources must be >= 0");
        }
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(idle, "idle");
        Objects.requireNonNull(retention, "retention");
        if (settle.isNegative() || idle.isNegative() || retention.isNegative()) {
            throw new IllegalArgumentException("merge settle, idle and retention must be >= 0");
        }
    }

    public MergeConfig(Duration settle) {
        this(settle, Duration.ofSeconds(5), Duration.ofHours(1));
    }

    public static MergeConfig defaults() {
        return new MergeConfig(Duration.ofSeconds(10));
    }
}
