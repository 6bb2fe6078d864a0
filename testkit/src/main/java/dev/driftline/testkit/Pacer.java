package dev.driftline.testkit;

import java.util.concurrent.TimeUnit;

/**
 * Spaces a sender's steps evenly at {@code perSecond} (0: no spacing at all). Slots are counted from the start (or
 * the last {@link #restart}), so a step that ran late is made up for by shorter waits rather than lost.
 */
public final class Pacer {
    private final long intervalNanos;
    private long next;

    public Pacer(int perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("perSecond must be >= 0: " + perSecond);
        }
        this.intervalNanos = perSecond == 0 ? 0 : 1_000_000_000L / perSecond;
        this.next = System.nanoTime();
    }

    /** Waits for the next slot. */
    public void await() throws InterruptedException {
        long pause = next - System.nanoTime();
        if (pause > 0) {
            TimeUnit.NANOSECONDS.sleep(pause);
        }
        next += intervalNanos;
    }

    /** Counts slots from now again (after a pause that should not be made up for, such as a gate). */
    public void restart() {
        next = System.nanoTime();
    }
}
