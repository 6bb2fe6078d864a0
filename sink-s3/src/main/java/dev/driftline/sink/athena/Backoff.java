package dev.driftline.sink.athena;

import java.time.Duration;
import java.util.Objects;

/**
 * How long {@link AthenaQueryRunner} waits between two GetQueryExecution calls: {@code first}, doubling after each
 * poll up to {@code max}. Short queries (DDL, small scans) finish within the first few hundred milliseconds and are
 * seen quickly; long ones are polled at most every {@code max}, which keeps far below Athena's API rate limits.
 *
 * @param first delay after the first poll, positive
 * @param max   largest delay, at least {@code first}
 */
public record Backoff(Duration first, Duration max) {

    /** 100 ms, 200 ms, 400 ms, 800 ms, 1.6 s, then 2 s. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max: " + first + ", " + max);
        }
    }

    /** The delay after poll number {@code attempt} (0 for the first poll). */
    public Duration delay(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0: " + attempt);
        }
        Duration d = first;
        for (int i = 0; i < attempt && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) < 0 ? d : max;
    }
}
