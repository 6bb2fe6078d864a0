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
        String t = Long.toString(n);
        return "0".repeat(Math.max(0, 19 - t.length())) + t;
    }

    /**
     * {@code model|windowStart}, start {@link #padded}: the key of one model's window in the window, merge and
     * reference stores, so a range over one model's keys is in window order.
     */
    public static String windowKey(String model, long windowStart) {
        return model + "|" + padded(windowStart);
    }
}
