package dev.driftline.streams.support;

/** Parts of state-store keys shared by the processors. */
public final class StoreKeys {
    private StoreKeys() {
    }

    /**
     * A non-negative number zero-padded to 19 digits, so the stores' byte order is numeric order. Written without
     * {@code String.format}: it runs for every record.
     */
    public static String padded(long n) {
        if (n < 0) { // not a key the stores write; kept as it was (a '-' after zeros) rather than refused
            String t = Long.toString(n);
            return "0".repeat(Math.max(0, 19 - t.length())) + t;
        }
        char[] digits = new char[19];
        for (int i = 18; i >= 0; i--) {
            digits[i] = (char) ('0' + n % 10);
            n /= 10;
        }
        return new String(digits);
    }

    /**
     * {@code model|windowStart}, start {@link #padded}: the key of one model's window in the window, merge and
     * reference stores, so a range over one model's keys is in window order.
     */
    public static String windowKey(String model, long windowStart) {
        return model + "|" + padded(windowStart);
    }
}
