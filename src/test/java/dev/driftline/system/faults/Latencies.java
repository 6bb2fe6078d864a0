package dev.driftline.system.faults;

import dev.driftline.bench.support.Figures;
import java.util.Collection;
import java.util.List;

/** Count, p50, p99 and max of the answer times of some outcomes, in milliseconds. */
record Latencies(int count, long p50, long p99, long max) {
    static Latencies of(Collection<Outcome> outcomes) {
        List<Long> ms = outcomes.stream().map(Outcome::latencyMillis).toList();
        if (ms.isEmpty()) {
            return new Latencies(0, 0, 0, 0);
        }
        return new Latencies(ms.size(), Figures.percentile(ms, 50), Figures.percentile(ms, 99),
                ms.stream().mapToLong(Long::longValue).max().orElse(0));
    }

    @Override
    public String toString() {
        return "n " + count + ", p50 " + p50 + " ms, p99 " + p99 + " ms, max " + max + " ms";
    }
}
