package dev.driftline.system.faults.pipeline;

import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a steady sender sends: {@code windows} five-minute event-time windows from {@code base} (a window start),
 * {@code perWindow} requests each, request i at a time that only increases (so each partition's stream time only
 * moves forward), with 1–3 rows so that every window has its own row count. Everything is derived from the index,
 * so the expected counts per window are known exactly.
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

    public Instant requestTime(int i) {
        return Instant.ofEpochMilli(windowStart(window(i)) + (i % perWindow) * (windowMs / perWindow) + 250);
    }

    public int rows(int i) {
        return 1 + (i % 4 < window(i) ? 1 : 0) + (i % 3 == 0 ? 1 : 0);
    }

    public long rowsInWindow(int w) {
        long n = 0;
        for (int i = w * perWindow; i < (w + 1) * perWindow; i++) {
            n += rows(i);
        }
        return n;
    }

    public long rowsTotal() {
        long n = 0;
        for (int w = 0; w < windows; w++) {
            n += rowsInWindow(w);
        }
        return n;
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
}
