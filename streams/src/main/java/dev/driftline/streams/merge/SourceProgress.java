package dev.driftline.streams.merge;

import dev.driftline.contracts.window.PartialWindow;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * How far each profiling task has got, per model, as seen by the merge: the start of the latest window each source
 * task sent a partial for. Tasks run independently (a replay can put one partition minutes of event time ahead of
 * another), so the partials topic's stream time alone does not say that every task has closed a window: the merge
 * also waits until every <em>active</em> source of the model has sent a partial for that window or a later one
 * (tasks close their windows in order, so a later partial means the earlier window is done there).
 *
 * <p>A source counts as active while it has sent a partial of the model within the last {@code activeMs} of wall
 * time (the merge's settle + idle): a task that lags but works through older windows keeps holding the windows it
 * owes, however far behind it is in event time (a fast replay), and a task that stopped getting the model's traffic
 * (or is gone) stops holding windows back soon after. Wall times are kept in memory; after a restart every known
 * source counts as active until it has been quiet for {@code activeMs}.
 * The source is the profiling task's id, sent in the header {@value #HEADER}; a partial without it (older
 * producers) does not take part. Persisted in its own changelogged store ({@value #STORE}, key
 * {@code model|source}, value the window start, 8 bytes: {@code LongCodec}) so a restart keeps it.
 */
final class SourceProgress {
    static final String STORE = "window-merge-progress";
    /** Header of a partial naming the task that produced it. */
    static final String HEADER = PartialWindow.SOURCE_TASK_HEADER;

    private final KeyValueStore<String, Long> store;
    /** model → source → latest window start. */
    private final Map<String, Map<String, Long>> latest = new HashMap<>();
    /** model|source → wall time of its latest partial. */
    private final Map<String, Long> lastWall = new HashMap<>();
    private final long activeMs;

    SourceProgress(KeyValueStore<String, Long> store, long activeMs, long nowWallMs) {
        this.store = store;
        this.activeMs = activeMs;
        try (KeyValueIterator<String, Long> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                int bar = kv.key.lastIndexOf('|');
                latest.computeIfAbsent(kv.key.substring(0, bar), m -> new HashMap<>())
                        .put(kv.key.substring(bar + 1), kv.value);
                lastWall.put(kv.key, nowWallMs);
            }
        }
    }

    /** The source task named by a partial's headers, or null. */
    static String sourceOf(Headers headers) {
        Header h = headers == null ? null : headers.lastHeader(HEADER);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Records that {@code source} sent a partial for the window starting at {@code windowStart}. */
    void saw(String model, String source, long windowStart, long nowWallMs) {
        if (source == null) {
            return;
        }
        lastWall.put(model + "|" + source, nowWallMs);
        Map<String, Long> m = latest.computeIfAbsent(model, k -> new HashMap<>());
        Long old = m.get(source);
        if (old == null || old < windowStart) {
            m.put(source, windowStart);
            store.put(model + "|" + source, windowStart);
        }
    }

    /** Whether every active source of {@code model} has sent a partial for this window or a later one. */
    boolean allPast(String model, long windowStart, long nowWallMs) {
        Map<String, Long> m = latest.get(model);
        if (m == null) {
            return true;
        }
        for (Map.Entry<String, Long> e : m.entrySet()) {
            if (e.getValue() < windowStart && nowWallMs - lastWall.getOrDefault(model + "|" + e.getKey(), 0L)
                    <= activeMs) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every source ever seen for {@code model}, active or not, has sent a partial for this window or a later
     * one: no known task still owes a partial for it (true when no source is known).
     */
    boolean allKnownPast(String model, long windowStart) {
        Map<String, Long> m = latest.get(model);
        if (m == null) {
            return true; // partials without a source header: nothing is known to be owed
        }
        for (long s : m.values()) {
            if (s < windowStart) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code source} has sent a partial of {@code model} for this window or a later one. */
    boolean sentUpTo(String model, String source, long windowStart) {
        Long latestOfSource = latest.getOrDefault(model, Map.of()).get(source);
        return latestOfSource != null && latestOfSource >= windowStart;
    }

    /** The latest window start of each known source of {@code model}, for log messages ({@code {}} when none). */
    String describe(String model) {
        return String.valueOf(new TreeMap<>(latest.getOrDefault(model, Map.of())));
    }

    /** Whether any task has sent a partial of {@code model} with its source header. */
    boolean knowsAny(String model) {
        Map<String, Long> m = latest.get(model);
        return m != null && !m.isEmpty();
    }

    /** Whether all {@code expected} (> 0) tasks are known for {@code model} and have sent this window or later. */
    boolean complete(String model, long windowStart, int expected) {
        Map<String, Long> m = latest.get(model);
        if (expected <= 0 || m == null || m.size() < expected) {
            return false;
        }
        for (long s : m.values()) {
            if (s < windowStart) {
                return false;
            }
        }
        return true;
    }
}
