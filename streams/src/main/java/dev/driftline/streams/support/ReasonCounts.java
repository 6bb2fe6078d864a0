package dev.driftline.streams.support;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of what a stage did not use, per reason, summed over all tasks of one topology instance (thread-safe;
 * in memory, so they restart from zero with the application, as Prometheus counters may). The service exposes them
 * as Micrometer function counters; tests read them directly.
 */
public class ReasonCounts {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Adds {@code n} (ignored unless positive) to {@code reason}. */
    public void add(String reason, long n) {
        if (n > 0) {
            counts.computeIfAbsent(reason, r -> new LongAdder()).add(n);
        }
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
