package dev.driftline.system.faults;

/**
 * What the sender saw for one event: an HTTP answer ({@code status}, whether it carried {@code Retry-After}), or
 * no answer ({@code status} 0 and the exception's class and message in {@code error}). Times are
 * {@link System#nanoTime()}.
 */
record Outcome(String id, long sentNanos, long answeredNanos, int status, boolean retryAfter, String error) {
    boolean accepted() {
        return status >= 200 && status < 300;
    }

    /** The collector's "not now": 503 with a Retry-After header. */
    boolean unavailable() {
        return status == 503 && retryAfter;
    }

    boolean connectionRefused() {
        return status == 0 && error.startsWith("java.net.ConnectException");
    }

    long latencyMillis() {
        return (answeredNanos - sentNanos) / 1_000_000;
    }

    /** Sent at or after {@code from} and answered before {@code to} (nanoTime). */
    boolean within(long from, long to) {
        return sentNanos >= from && answeredNanos <= to;
    }

    String describe() {
        return id + ": " + (status == 0 ? error : status + (retryAfter ? " Retry-After" : "")) + " after "
                + latencyMillis() + " ms";
    }
}
