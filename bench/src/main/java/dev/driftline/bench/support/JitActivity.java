package dev.driftline.bench.support;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * This JVM's JIT compilers at work. A measured phase that starts while C2 still compiles its hot paths is measured
 * on a machine with a core less (on 2 cores, C2 took 6.3 s of the first 8 s of phase C after a 10 s warm-up), so a
 * warm-up runs until the JIT has settled ({@link #settled}), and phases report the JIT's share of a core while they
 * were measured.
 */
public final class JitActivity {
    /** The JIT has settled once it compiled for less than this share of one core over the last {@link #WINDOW_NANOS}. */
    public static final double SETTLED_SHARE = 0.2;
    /** The window {@link #SETTLED_SHARE} is measured over. */
    public static final long WINDOW_NANOS = 5_000_000_000L;

    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private final ArrayDeque<long[]> samples = new ArrayDeque<>(); // {nanoTime, compile ms}
    private double lastShare = Double.NaN;

    /** Milliseconds the JIT compilers have spent compiling in this JVM so far, or -1 when the JVM does not tell. */
    public static long compileMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : -1;
    }

    /**
     * Samples the JIT now and tells whether it compiled for less than {@link #SETTLED_SHARE} of a core over the
     * last {@link #WINDOW_NANOS} (false until a whole window has been sampled; true when the JVM does not tell,
     * so a warm-up is then bounded by its minimum).
     */
    public boolean settled(long nowNanos) {
        long ms = compileMillis();
        if (ms < 0) {
            return true;
        }
        samples.addLast(new long[] {nowNanos, ms});
        while (samples.size() > 2) { // keep the newest sample that is still at least a window old
            Iterator<long[]> it = samples.iterator();
            it.next();
            if (nowNanos - it.next()[0] < WINDOW_NANOS) {
                break;
            }
            samples.removeFirst();
        }
        long[] first = samples.peekFirst();
        long span = nowNanos - first[0];
        if (span < WINDOW_NANOS) {
            return false;
        }
        lastShare = (ms - first[1]) * 1e6 / span;
        return lastShare < SETTLED_SHARE;
    }

    /** The JIT's share of a core over the last window {@link #settled} measured (NaN before a whole window). */
    public double lastShare() {
        return lastShare;
    }
}
