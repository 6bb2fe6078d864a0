package dev.driftline.streams.pairing;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * An inference event's {@code ce_time} (RFC 3339) as epoch milliseconds. Read twice for every event (the
 * future-time guard, then the timestamp extractor): {@link OffsetDateTime#parse} cost more than the rest of
 * reading an event, so the form senders write, {@code 2026-11-21T10:05:00[.fraction]Z}, is read by hand and every
 * other form (offsets, lower case, anything odd) by {@code java.time}, with the same result.
 */
final class CloudEventTime {
    /** Not a valid time. */
    static final long INVALID = Long.MIN_VALUE;

    private CloudEventTime() {
    }

    /** Epoch milliseconds (sub-millisecond digits truncated, as {@code Instant.toEpochMilli}), or {@link #INVALID}. */
    static long epochMillis(String text) {
        long fast = utc(text);
        if (fast != INVALID) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            return INVALID;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, else {@link #INVALID} (then java.time decides). */
    static long utc(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return INVALID;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return INVALID;
        }
        int millis = 0;
        if (n > 20) {
            int fraction = n - 21; // between '.' and 'Z'
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9 || digits(s, 20, fraction) < 0) {
                return INVALID;
            }
            millis = digits(s, 20, Math.min(3, fraction));
            for (int i = fraction; i < 3; i++) {
                millis *= 10;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return INVALID; // e.g. 31 April
        }
        return ((epochDay * 24 + hour) * 60 + minute) * 60_000 + second * 1000L + millis;
    }

    /** The decimal number of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
