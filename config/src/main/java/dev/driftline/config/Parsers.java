package dev.driftline.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the value types configuration keys use. Units are explicit so "200" never means "200 what?". */
public final class Parsers {
    private Parsers() {
    }

    public static final ValueParser<String> STRING = s -> s;

    public static final ValueParser<Integer> INT = s -> {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer");
        }
    };

    public static final ValueParser<Long> LONG = s -> {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer");
        }
    };

    public static final ValueParser<Double> DOUBLE = s -> {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number");
        }
    };

    public static final ValueParser<Boolean> BOOLEAN = s -> {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": case "1": return true;
            case "false": case "no": case "off": case "0": return false;
            default: throw new IllegalArgumentException("not a boolean (true/false)");
        }
    };

    public static final ValueParser<Path> PATH = s -> Path.of(s.trim());

    /** Comma-separated list; blanks are dropped so "a, b," is [a, b]. */
    public static final ValueParser<List<String>> LIST = s -> Arrays.stream(s.split(","))
            .map(String::trim).filter(x -> !x.isEmpty()).toList();

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    /** Durations like {@code 200ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}; a bare number is refused. */
    public static final ValueParser<Duration> DURATION_PARSER = s -> {
        Matcher m = DURATION.matcher(s.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration (use e.g. 200ms, 30s, 5m, 1h, 1d)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    };

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kib|kb|mib|mb|gib|gb)?");

    /** Sizes in bytes: {@code 10MiB}, {@code 512KiB}, {@code 1048576}; KB/MB/GB are read as binary units too. */
    public static final ValueParser<Long> BYTES = s -> {
        Matcher m = SIZE.matcher(s.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size (use e.g. 10MiB, 512KiB or a number of bytes)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        return switch (unit) {
            case "kib", "kb" -> n * 1024L;
            case "mib", "mb" -> n * 1024L * 1024L;
            case "gib", "gb" -> n * 1024L * 1024L * 1024L;
            default -> n;
        };
    };
}
