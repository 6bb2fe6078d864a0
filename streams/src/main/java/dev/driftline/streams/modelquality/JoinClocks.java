package dev.driftline.streams.modelquality;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The label join's two clocks, one per side, so that neither side's timestamps expire the other's entries:
 * <ul>
 *   <li>the <b>row clock</b>, per model: the newest inference event time of that model's rows seen by the task.
 *   Rows are timed by their inference's event time, which a replay ({@code driftline import capture}) keeps weeks in
 *   the past; per model because replays usually are, and one model's live traffic must not expire another's
 *   replayed rows;</li>
 *   <li>the <b>label clock</b>: the newest label arrival (Kafka record timestamp) seen by the task. A label that
 *   came before its row does not know the row's event time, so it waits in arrival time.</li>
 * </ul>
 * Both live in the join store ({@code C|R|<model>}, {@code C|L}, {@link JoinClockCodec}), so a restarted or moved
 * task resumes them. What is written is the clock at its last expiry check, at most once per {@code step} of the
 * clock's progress (not on every record): a resumed clock is at most one step behind, which delays expiry by that
 * much and never expires anything early. The models with a row clock are the models this join knows.
 */
final class JoinClocks {
    static final String ROWS = "C|R|";
    static final String LABELS = "C|L";
    private static final StringSerializer KEYS = new StringSerializer();

    /** A clock and its value at the last expiry check. */
    private static final class Clock {
        long now;
        long checked;

        Clock(long now, long checked) {
            this.now = now;
            this.checked = checked;
        }
    }

    private final KeyValueStore<String, byte[]> store;
    private final long step;
    private final Map<String, Clock> rows = new HashMap<>();
    private final Clock labels;

    /** Loads the clocks persisted in {@code store}; expiry is checked every {@code stepMs} of a clock's progress. */
    JoinClocks(KeyValueStore<String, byte[]> store, long stepMs) {
        this.store = store;
        this.step = stepMs;
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(ROWS, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                long c = JoinClockCodec.fromBytes(kv.value);
                rows.put(kv.key.substring(ROWS.length()), new Clock(c, c));
            }
        }
        byte[] l = store.get(LABELS);
        long c = l == null ? Long.MIN_VALUE : JoinClockCodec.fromBytes(l);
        labels = new Clock(c, c);
    }

    /** Moves {@code model}'s row clock to {@code eventTime} if later; returns the clock. */
    long advanceRows(String model, long eventTime) {
        Clock c = rows.computeIfAbsent(model, m -> new Clock(Long.MIN_VALUE, Long.MIN_VALUE));
        c.now = Math.max(c.now, eventTime);
        return c.now;
    }

    /** Moves the label clock to {@code arrival} if later; returns the clock. */
    long advanceLabels(long arrival) {
        labels.now = Math.max(labels.now, arrival);
        return labels.now;
    }

    /** Whether the join has seen rows of {@code model} (now or before a restart). */
    boolean knows(String model) {
        return rows.containsKey(model);
    }

    /**
     * {@code model}'s row clock when an expiry check is due (the clock moved by a step since the last one, or there
     * was none), recording and persisting this check; else empty.
     */
    OptionalLong rowCheck(String model) {
        Clock c = rows.get(model);
        return c == null ? OptionalLong.empty() : check(c, ROWS + model);
    }

    /** The label clock when an expiry check is due, recording and persisting this check; else empty. */
    OptionalLong labelCheck() {
        return check(labels, LABELS);
    }

    private OptionalLong check(Clock c, String key) {
        if (c.now == Long.MIN_VALUE || (c.checked != Long.MIN_VALUE && c.now - c.checked < step)) {
            return OptionalLong.empty();
        }
        c.checked = c.now;
        store.put(key, JoinClockCodec.toBytes(c.now));
        return OptionalLong.of(c.now);
    }
}
