package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Picks objects by the SageMaker layout's folders: {@code …/<variant>/yyyy/mm/dd/hh/<file>} for Data Capture and
 * {@code …/yyyy/mm/dd/hh/<file>} for ground truth. The hour folder is the hour SageMaker wrote the object in, so an
 * object is kept when its hour [hh:00, hh:00+1h) overlaps [since, until): a range cut mid-hour keeps that whole hour,
 * and the records inside keep their own times. Objects outside the layout are dropped only when a filter is set
 * (nothing says which hour or variant they hold).
 */
record CaptureLayoutFilter(Optional<String> variant, Optional<Instant> since, Optional<Instant> until) {
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    static CaptureLayoutFilter of(String variant, String since, String until) {
        CaptureLayoutFilter f = new CaptureLayoutFilter(Optional.ofNullable(variant), time("--since", since),
                time("--until", until));
        if (f.since.isPresent() && f.until.isPresent() && !f.since.get().isBefore(f.until.get())) {
            throw new UserInputException("--since " + since + " is not before --until " + until);
        }
        return f;
    }

    boolean isEmpty() {
        return variant.isEmpty() && since.isEmpty() && until.isEmpty();
    }

    List<JsonLinesObject> apply(List<JsonLinesObject> objects) {
        return isEmpty() ? objects : objects.stream().filter(o -> keeps(o.layoutKey())).toList();
    }

    boolean keeps(String layoutKey) {
        String[] s = layoutKey.split("/");
        int n = s.length; // …, variant, yyyy, mm, dd, hh, file
        if (n < 5 || !(s[n - 5].length() == 4 && DIGITS.matcher(s[n - 5]).matches()
                && DIGITS.matcher(s[n - 4]).matches() && DIGITS.matcher(s[n - 3]).matches()
                && DIGITS.matcher(s[n - 2]).matches())) {
            return false;
        }
        if (variant.isPresent() && (n < 6 || !variant.get().equals(s[n - 6]))) {
            return false;
        }
        Instant hour;
        try {
            hour = LocalDateTime.of(Integer.parseInt(s[n - 5]), Integer.parseInt(s[n - 4]),
                    Integer.parseInt(s[n - 3]), Integer.parseInt(s[n - 2]), 0).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return false; // 2024/13/40/99: not an hour folder
        }
        return since.map(t -> hour.plus(Duration.ofHours(1)).isAfter(t)).orElse(true)
                && until.map(hour::isBefore).orElse(true);
    }

    /** ISO-8601: {@code 2026-01-31T13:00:00Z}, {@code 2026-01-31T13:00} (UTC) or {@code 2026-01-31} (UTC midnight). */
    private static Optional<Instant> time(String option, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            // try the zone-less forms
        }
        try {
            return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // try a date
        }
        try {
            return Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw new UserInputException(option + " " + value + ": not a time; use 2026-01-31, 2026-01-31T13:00 "
                    + "or 2026-01-31T13:00:00Z (UTC)");
        }
    }
}
