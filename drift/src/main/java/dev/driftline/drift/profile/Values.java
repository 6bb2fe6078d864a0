package dev.driftline.drift.profile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How raw payload values (JSON numbers, CSV text, booleans, anything a payload may hold) map to numbers and
 * categories. The rules are documented on {@link NumericProfile} and {@link CategoricalProfile}; they live here so the
 * profiles keep to summarising.
 */
final class Values {
    /** Plain decimal numbers only: Double.parseDouble would also take "0x1p3", "1d" and "Infinity". */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    /** Integral doubles below this print as longs without losing digits. */
    private static final double MAX_EXACT_LONG = 0x1p53;

    private Values() {
    }

    /**
     * The JDK's numeric boxes and big numbers. Other {@link Number}s (atomics, library types) have no agreed value
     * semantics and count as type mismatches.
     */
    static boolean isPlainNumber(Object value) {
        return value instanceof Double || value instanceof Float || value instanceof Long || value instanceof Integer
                || value instanceof Short || value instanceof Byte || value instanceof BigDecimal
                || value instanceof BigInteger;
    }

    /** Whether already-stripped text is a plain decimal number such as "3.5", "-1e3" or "+.5". */
    static boolean isDecimal(String stripped) {
        return DECIMAL.matcher(stripped).matches();
    }

    /** The category of a value for a STRING feature, "" for a NaN number (→ missing), null for a mismatch. */
    static String stringCategory(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                return "";
            }
            if (Double.isInfinite(d)) {
                return null;
            }
            return d == Math.rint(d) && Math.abs(d) < MAX_EXACT_LONG ? Long.toString((long) d) : Double.toString(d);
        }
        return null;
    }

    /** "true"/"false" for a BOOLEAN feature, "" for blank/NaN input (→ missing), null for a mismatch. */
    static String booleanCategory(Object value) {
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof String s) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false") || t.isEmpty() || t.equals("nan")) {
                return t;
            }
            return t.equals("1") ? "true" : t.equals("0") ? "false" : null;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isNaN(d) ? "" : d == 1 ? "true" : d == 0 ? "false" : null;
        }
        return null;
    }

}
