package dev.driftline.bench.support;

import java.util.Arrays;
import java.util.List;

/**
 * How the benchmarks round and summarise what they report, in one place so that every benchmark's JSON rounds
 * alike: rates to whole numbers, ratios and seconds to three decimals, nanosecond costs to one.
 */
public final class Figures {
    private Figures() {
    }

    /** To a whole number (events/s, rows/s, bytes), kept a double so the JSON shows it as before ({@code 123.0}). */
    public static double round(double v) {
        return Math.round(v);
    }

    /** To one decimal. */
    public static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** To three decimals (ratios, seconds, MB/s). */
    public static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Nearest-rank percentile of the values (p in (0, 100]); the values need not be sorted. */
    public static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.min(v.length, Math.max(1, rank)) - 1];
    }

    /** {@link #percentile}, or null (JSON null) when there are no values. */
    public static Long percentileOrNull(List<Long> values, double p) {
        return values.isEmpty() ? null : percentile(values, p);
    }

    /** The median (the mean of the middle two for an even count); the values need not be sorted. */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
