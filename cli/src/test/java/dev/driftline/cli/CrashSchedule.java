package dev.driftline.cli;

import dev.driftline.streams.window.WindowSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What {@link StreamsCrashIT} sends: {@code windows} five-minute windows of {@code requestsPerWindow} requests from
 * {@code base}. Request i: id {@code crash-%06d}, window i / requestsPerWindow, event times increasing through the
 * window (so every partition's stream time only moves forward), {@link #rows} rows of three numeric features and a
 * scalar prediction each (KServe V1).
 */
record CrashSchedule(long base, int windows, int requestsPerWindow) {
    static final long WINDOW_MS = WindowSpec.defaults().size().toMillis();

    int total() {
        return windows * requestsPerWindow;
    }

    String id(int i) {
        return String.format(Locale.ROOT, "crash-%06d", i);
    }

    int window(int i) {
        return i / requestsPerWindow;
    }

    long windowStart(int w) {
        return base + w * WINDOW_MS;
    }

    /** 250 ms into the window, then evenly spaced; the last request (and its response, 40 ms on) inside it too. */
    Instant requestTime(int i) {
        return Instant.ofEpochMilli(windowStart(window(i)) + 250
                + (i % requestsPerWindow) * ((WINDOW_MS - 1000) / requestsPerWindow));
    }

    /** 1–3 rows; on average more in later windows, so every window has its own count. */
    int rows(int i) {
        return 1 + (i % 4 < window(i) ? 1 : 0) + (i % 3 == 0 ? 1 : 0);
    }

    String request(int i) {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < rows(i); r++) {
            rows.add(String.format(Locale.ROOT, "[%s, %s, %d]", i + r * 0.25, (i % 7) * 1.5, i % 50));
        }
        return "{\"instances\":[" + String.join(", ", rows) + "]}";
    }

    String response(int i) {
        List<String> predictions = new ArrayList<>();
        for (int r = 0; r < rows(i); r++) {
            predictions.add(Integer.toString((i + r) % 2));
        }
        return "{\"predictions\":[" + String.join(", ", predictions) + "]}";
    }

    long rowsBefore(int requests) {
        long n = 0;
        for (int i = 0; i < requests; i++) {
            n += rows(i);
        }
        return n;
    }

    long rowsTotal() {
        return rowsBefore(total());
    }

    long rowsInWindow(int w) {
        long n = 0;
        for (int i = w * requestsPerWindow; i < (w + 1) * requestsPerWindow; i++) {
            n += rows(i);
        }
        return n;
    }

    /** {@code inference_id#row} of every row sent, plus one row of each final event. */
    Set<String> expectedRowKeys(int finals) {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < total(); i++) {
            for (int r = 0; r < rows(i); r++) {
                keys.add(id(i) + "#" + r);
            }
        }
        for (int p = 0; p < finals; p++) {
            keys.add("final-" + p + "#0");
        }
        return keys;
    }
}
