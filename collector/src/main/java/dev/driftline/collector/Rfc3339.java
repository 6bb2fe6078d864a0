package dev.driftline.collector;

/**
 * Validates RFC 3339 timestamps ({@code 2026-11-21T12:00:00.123Z}, {@code ...+01:00}) without building date
 * objects: the check runs for every event, and {@code OffsetDateTime.parse} cost more than the rest of the
 * validation together. Also checks field ranges, including the day of the month and leap years.
 */
final class Rfc3339 {
    private Rfc3339() {
    }

    static boolean isValid(String s) {
        int n = s.length();
        if (n < 20 || !digits(s, 0, 4) || s.charAt(4) != '-' || !digits(s, 5, 2) || s.charAt(7) != '-'
                || !digits(s, 8, 2) || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || !digits(s, 11, 2) || s.charAt(13) != ':' || !digits(s, 14, 2) || s.charAt(16) != ':'
                || !digits(s, 17, 2)) {
            return false;
        }
        int year = num(s, 0, 4);
        int month = num(s, 5, 2);
        int day = num(s, 8, 2);
        if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || num(s, 11, 2) > 23
                || num(s, 14, 2) > 59 || num(s, 17, 2) > 60) { // 60: leap second
            return false;
        }
        int i = 19;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        if (i == n - 1) {
            return s.charAt(i) == 'Z' || s.charAt(i) == 'z';
        }
        return i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && digits(s, i + 1, 2)
                && s.charAt(i + 3) == ':' && digits(s, i + 4, 2) && num(s, i + 1, 2) <= 23 && num(s, i + 4, 2) <= 59;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
