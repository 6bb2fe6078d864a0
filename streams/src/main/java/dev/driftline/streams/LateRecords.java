package dev.driftline.streams;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records the window profiler counted and did not add, per reason, summed over all tasks of one topology
 * instance (thread-safe; in-memory, so it restarts from zero with the application).
 */
public final class LateRecords {
    /** The record's window ended more than the grace ago in stream time. */
    public static final String AFTER_GRACE = "after_grace";
    /** The record's window was already closed by wall clock (traffic had stopped) before stream time passed it. */
    public static final String WINDOW_CLOSED = "window_closed";

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String reason) {
        counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    public long get(String reason) {
        LongAdder a = counts.get(reason);
        return a == null ? 0 : a.sum();
    }

    /** Reason → count, reasons ascending. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
