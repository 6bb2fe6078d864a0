package dev.driftline.streams.evaluate;

import dev.driftline.config.Parsers;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a model's windows are compared with: its training {@code baseline} (default), the merged profiles of the
 * trailing {@code rolling:N} windows (slow, legitimate change stops alerting once it is the new normal), or the
 * same window one period earlier, {@code seasonal:7d} (traffic with a weekly rhythm is compared like with like).
 * The baseline still supplies the schema and the data-quality constraints; until enough history exists, windows are
 * compared with the baseline and the report says so.
 */
public record ReferenceMode(Kind kind, int windows, Duration period) {
    public enum Kind { BASELINE, ROLLING, SEASONAL }

    public static final ReferenceMode BASELINE = new ReferenceMode(Kind.BASELINE, 0, Duration.ZERO);

    public ReferenceMode {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(period, "period");
        if (kind == Kind.ROLLING && (windows < 1 || windows > 10_000)) {
            throw new IllegalArgumentException("rolling reference needs 1..10000 windows, got " + windows);
        }
        if (kind == Kind.SEASONAL && (period.isNegative() || period.isZero())) {
            throw new IllegalArgumentException("seasonal reference needs a positive period");
        }
    }

    /** Parses {@code baseline}, {@code rolling:N} or {@code seasonal:<duration>} (e.g. {@code seasonal:7d}). */
    public static ReferenceMode parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("baseline")) {
                return BASELINE;
            }
            if (t.startsWith("rolling:")) {
                return new ReferenceMode(Kind.ROLLING, Integer.parseInt(t.substring(8).trim()), Duration.ZERO);
            }
            if (t.startsWith("seasonal:")) {
                return new ReferenceMode(Kind.SEASONAL, 0, Parsers.DURATION_PARSER.parse(t.substring(9).trim()));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a reference: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("'" + text + "' is not a reference: use baseline, rolling:N or "
                + "seasonal:<duration> (e.g. rolling:12, seasonal:7d)");
    }

    /** How much history before a window's start this mode reads, for a window of {@code size}. */
    public Duration history(Duration size) {
        return switch (kind) {
            case BASELINE -> Duration.ZERO;
            case ROLLING -> size.multipliedBy(windows);
            case SEASONAL -> period.plus(size);
        };
    }

    /** The JSON text of the mode, as parsed. */
    public String id() {
        return switch (kind) {
            case BASELINE -> "baseline";
            case ROLLING -> "rolling:" + windows;
            case SEASONAL -> "seasonal:" + period;
        };
    }

    /** The default mode and per-model choices. */
    public record Choice(ReferenceMode defaultMode, Map<String, ReferenceMode> perModel) {
        public Choice {
            Objects.requireNonNull(defaultMode, "defaultMode");
            perModel = Map.copyOf(perModel);
        }

        public static Choice baseline() {
            return new Choice(BASELINE, Map.of());
        }

        public ReferenceMode of(String model) {
            return perModel.getOrDefault(model, defaultMode);
        }
    }
}
