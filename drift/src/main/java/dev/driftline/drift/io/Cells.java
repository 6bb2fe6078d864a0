package dev.driftline.drift.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;

/** How raw cells read from files are interpreted: missing markers, numbers, booleans. */
public final class Cells {
    /** Text that means "no value" in training exports (pandas, R, SQL dumps). */
    public static final Set<String> MISSING_MARKERS = Set.of("", "na", "n/a", "nan", "null", "none", "?");

    private Cells() {
    }

    public static boolean isMissing(Object cell) {
        if (cell == null) {
            return true;
        }
        if (cell instanceof Double d) {
            return d.isNaN();
        }
        if (cell instanceof Float f) {
            return f.isNaN();
        }
        return cell instanceof String s && MISSING_MARKERS.contains(s.strip().toLowerCase(Locale.ROOT));
    }

    /** The cell as a finite number, or null when it is not one (callers count it as a type mismatch). */
    public static Double asNumber(Object cell) {
        if (cell instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        if (cell instanceof String s) {
            try {
                double d = Double.parseDouble(s.strip());
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** True for integers: JSON integers, and numeric text without a fraction or exponent. */
    public static boolean isIntegral(Object cell) {
        if (cell instanceof Integer || cell instanceof Long || cell instanceof Short || cell instanceof BigInteger) {
            return true;
        }
        if (cell instanceof BigDecimal b) {
            return b.scale() <= 0;
        }
        if (cell instanceof String s) {
            String t = s.strip();
            if (t.isEmpty()) {
                return false;
            }
            int i = t.charAt(0) == '-' || t.charAt(0) == '+' ? 1 : 0;
            if (i == t.length()) {
                return false;
            }
            for (; i < t.length(); i++) {
                if (!Character.isDigit(t.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** The cell as a boolean, or null when it is not one. */
    public static Boolean asBoolean(Object cell) {
        if (cell instanceof Boolean b) {
            return b;
        }
        if (cell instanceof String s) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            if (t.equals("true")) {
                return Boolean.TRUE;
            }
            if (t.equals("false")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }

    /** The cell as a category label; JSON numbers keep their text form, booleans become "true"/"false". */
    public static String asCategory(Object cell) {
        if (cell instanceof String s) {
            return s;
        }
        if (cell instanceof Number || cell instanceof Boolean) {
            return String.valueOf(cell);
        }
        return null;
    }
}
