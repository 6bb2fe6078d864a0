package dev.driftline.bench.pipeline;

import dev.driftline.streams.window.LateRecords;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How a pipeline child JVM tells its parent the pipeline's late-row counts ({@code driftline.late.records} by
 * reason): a log line {@value #PREFIX}{@code after_grace=0 after_wall_close=0 after_merge_retention=0}, printed
 * whenever they change; the parent reads the last one from the child's log.
 */
final class LateCounts {
    static final String PREFIX = "streams child: late records ";

    private LateCounts() {
    }

    /** The line for the counts in {@code registry} now. */
    static String line(MeterRegistry registry) {
        StringBuilder b = new StringBuilder(PREFIX);
        for (String reason : LateRecords.REASONS) {
            double n = count(registry, reason);
            b.append(reason).append('=').append(Double.isNaN(n) ? "NaN" : Long.toString((long) n)).append(' ');
        }
        return b.toString().trim();
    }

    /** The pipeline's count of late rows for {@code reason} in {@code registry} (NaN when not registered). */
    static double count(MeterRegistry registry, String reason) {
        FunctionCounter fc = registry.find("driftline.late.records").tag("reason", reason).functionCounter();
        return fc == null ? Double.NaN : fc.count();
    }

    /** The count of {@code reason} in such a line (NaN when absent or not a number). */
    static double parse(String line, String reason) {
        for (String token : line.substring(PREFIX.length()).split(" ")) {
            if (token.startsWith(reason + "=")) {
                try {
                    return Double.parseDouble(token.substring(reason.length() + 1));
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
        return Double.NaN;
    }
}
