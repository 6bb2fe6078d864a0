package dev.driftline.testkit;

import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a {@link ScheduleSender} sends: {@code windows} event-time windows of {@code windowMs} from {@code base} (a
 * window start), {@code perWindow} requests each. Request i has id {@code <idPrefix>-%06d}, lies in window
 * i / perWindow at a time that only increases (so each partition's stream time only moves forward) and stays inside
 * its window with its response 40 ms later, and has 1–3 rows of three numeric features (KServe V1) so that every
 * window has its own row count. Everything is derived from the index, so the expected counts are known exactly.
 */
public record InferenceSchedule(String idPrefix, long base, long windowMs, int windows, int perWindow) {
    public int total() {
        return windows * perWindow;
    }

    public String id(int i) {
        return String.format(Locale.ROOT, "%s-%06d", idPrefix, i);
    }

    public int window(int i) {
        return i / perWindow;
    }

    public long windowStart(int w) {
        return base + w * windowMs;
    }

    /** 250 ms into the window, then evenly spaced over all but its last second. */
    public Instant requestTime(int i) {
        return Instant.ofEpochMilli(windowStart(window(i)) + 250 + (i % perWindow) * ((windowMs - 1000) / perWindow));
    }

    public int rows(int i) {
        return 1 + (i % 4 < window(i) ? 1 : 0) + (i % 3 == 0 ? 1 : 0);
    }

    /** The KServe V1 request body of request i. */
    public String request(int i) {
        return requestBody(i, rows(i));
    }

    /** The KServe V1 response body of request i. */
    public String response(int i) {
        return responseBody(i, rows(i));
    }

    /** Rows of the first {@code requests} requests. */
    public long rowsBefore(int requests) {
        long n = 0;
        for (int i = 0; i < requests; i++) {
            n += rows(i);
        }
        return n;
    }

    public long rowsInWindow(int w) {
        return rowsBefore((w + 1) * perWindow) - rowsBefore(w * perWindow);
    }

    public long rowsTotal() {
        return rowsBefore(total());
    }

    /** {@code id#row} of every row sent. */
    public Set<String> rowKeys() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < total(); i++) {
            for (int r = 0; r < rows(i); r++) {
                keys.add(id(i) + "#" + r);
            }
        }
        return keys;
    }

    /** A KServe V1 request of {@code rows} rows of three numeric features, derived from {@code seed}. */
    public static String requestBody(int seed, int rows) {
        StringBuilder sb = new StringBuilder("{\"instances\":[");
        for (int r = 0; r < rows; r++) {
            if (r > 0) {
                sb.append(", ");
            }
            sb.append('[').append(seed + r * 0.25).append(", ").append((seed % 7) * 1.5).append(", ")
                    .append(seed % 50).append(']');
        }
        return sb.append("]}").toString();
    }

    /** The matching KServe V1 response: one scalar prediction per row. */
    public static String responseBody(int seed, int rows) {
        StringBuilder sb = new StringBuilder("{\"predictions\":[");
        for (int r = 0; r < rows; r++) {
            if (r > 0) {
                sb.append(", ");
            }
            sb.append((seed + r) % 2);
        }
        return sb.append("]}").toString();
    }
}
