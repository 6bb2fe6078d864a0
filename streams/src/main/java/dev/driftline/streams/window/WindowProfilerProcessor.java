package dev.driftline.streams.window;

import dev.driftline.contracts.window.PartialWindow;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.streams.support.CommitHook;
import dev.driftline.streams.support.EntrySnapshot;
import dev.driftline.streams.support.LongCodec;
import dev.driftline.streams.support.StoreDeletes;
import dev.driftline.streams.support.StoreKeys;
import dev.driftline.streams.support.StreamTimeTicks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per-task partial window profiles: each normalised record (still keyed by event id, so no repartition) is added to
 * the {@link PartialWindow} of (model, tumbling window of its event time); a window closes once stream time has
 * reached its end + grace, checked on one-second ticks of stream time as rows arrive (after the whole input record
 * that crossed the tick, so every row it released or carried counts first; records that reach no window, such as
 * a request waiting for its response, move stream time without closing anything until the next row or the
 * wall-clock punctuation), or, when the task has seen no record for grace + idle grace of wall time, once wall
 * clock is past end + grace + idle grace. A closed window is forwarded as key = model, value = the
 * {@link PartialWindow}. Records for a closed window are counted in {@link LateRecords} and not added.
 *
 * <p>State and exactly-once. The partials live deserialised in memory; the changelogged store {@link #STORE} holds
 * what is needed to rebuild them, as a snapshot plus a redo log:
 * <ul>
 *   <li>{@code S|model|start} → the window's PartialWindow as of the last checkpoint
 *       ({@code PartialWindowCodec});</li>
 *   <li>{@code D|seq} → the rows of one window processed since the task's previous commit ({@link RedoEntry},
 *       {@link RedoEntryCodec}: column names once, then the values; encoded as the rows come, and cut into further
 *       entries when the rows change columns or an entry reaches 512 KiB), written by the task's {@link CommitHook}
 *       just before each commit, so in the same transaction as those rows' input offsets;</li>
 *   <li>{@code C|model|start} → marker of a closed window, its end ({@code LongCodec}), until stream time passes its
 *       end + grace.</li>
 * </ul>
 * Every {@link WindowSpec#checkpointInterval()} (wall clock) each changed window is re-snapshotted and its redo
 * entries deleted (its rows not yet in a redo entry are in the snapshot); at close the window's entries are deleted
 * and the marker written in the same step as the forward. On a crash under {@code exactly_once_v2} the
 * aborted transaction drops the output, the store writes and the offsets together; the restored store holds the
 * snapshot and redo entries of exactly the committed rows, {@link #init} replays them in order, and the uncommitted
 * rows are reprocessed: every row counts once and every partial is emitted once. (Under at-least-once a crash may
 * add rows twice and emit a partial twice, as any Streams aggregation.) The cost is one changelog record per window
 * and commit holding the rows' values — not one per row, and not a repartition — plus the snapshots; {@code S} keys
 * are overwritten, so compaction bounds the changelog.
 */
public final class WindowProfilerProcessor implements Processor<String, List<InferenceRecord>, String, PartialWindow> {
    public static final String STORE = "window-partials";
    /** The {@link CommitHook} that writes the rows of each commit as redo entries. */
    public static final String COMMIT_HOOK = "window-partials-commit";
    /** How often, in stream time, windows past their end + grace are closed. */
    static final Duration CLOSE_INTERVAL = Duration.ofSeconds(1);

    private final WindowSpec spec;
    private final LateRecords late;
    private ProcessorContext<String, PartialWindow> context;
    private KeyValueStore<String, byte[]> store;
    /** model|start → open window; sorted so closes come out in a stable order. */
    private final TreeMap<String, Open> open = new TreeMap<>();
    /** model|start → window end, for windows closed by wall clock before stream time passed them. */
    private final Map<String, Long> closed = new TreeMap<>();
    private long seq;
    private long lastRecordWallMs;
    private long lastCheckpointWallMs;
    /** Lower bound of the stream time at which a window closes or a closed marker expires. */
    private long nextStreamTimeDue = Long.MIN_VALUE;
    /** When stream time next looks for windows to close (checked after each event; see {@link StreamTimeTicks}). */
    private StreamTimeTicks ticks;
    private static final long NO_CLOSE_DUE = Long.MIN_VALUE;
    /** Stream time of a tick whose close waits for the end of the input record that made it due (see process). */
    private long closeDueAt = NO_CLOSE_DUE;
    /** That input record (null: forwarded by a punctuation). */
    private RecordMetadata closeInput;

    private static final class Open {
        final PartialWindow partial;
        final List<String> redoKeys = new ArrayList<>();
        /** Rows applied since the last commit or snapshot, encoded as they come, not yet in the store. */
        final RedoEntryCodec.Rows pending;

        Open(PartialWindow partial) {
            this.partial = partial;
            this.pending = new RedoEntryCodec.Rows(partial.model(), partial.windowStart());
        }
    }

    WindowProfilerProcessor(WindowSpec spec, LateRecords late) {
        this.spec = spec;
        this.late = late;
    }

    @Override
    public void init(ProcessorContext<String, PartialWindow> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        // init runs again when Kafka Streams revives a corrupted task: start from the store alone
        open.clear();
        closed.clear();
        seq = 0;
        nextStreamTimeDue = Long.MIN_VALUE; // the first stream-time check computes it
        closeDueAt = NO_CLOSE_DUE;
        closeInput = null;
        restore();
        CommitHook hook = context.getStateStore(COMMIT_HOOK);
        hook.onCommit(this::writeRedo);
        lastRecordWallMs = context.currentSystemTimeMs();
        lastCheckpointWallMs = lastRecordWallMs;
        // Checked after each event instead of a stream-time punctuation (see StreamTimeTicks). Records that never
        // reach this processor (a request waiting for its response, a dead letter) move stream time on too; if
        // nothing but those came, the task looks idle here and the wall clock closes the windows (onWallClock).
        ticks = new StreamTimeTicks(CLOSE_INTERVAL.toMillis());
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    /** Rebuilds the in-memory partials from snapshots + redo entries (in sequence order). */
    private void restore() {
        List<KeyValue<String, byte[]>> redo = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                String windowKey = kv.key.substring(2);
                switch (kv.key.charAt(0)) {
                    case 'S' -> open.put(windowKey, new Open(PartialWindow.fromBytes(kv.value)));
                    case 'C' -> closed.put(windowKey, LongCodec.fromBytes(kv.value));
                    case 'D' -> redo.add(kv);
                    default -> throw new IllegalStateException("unknown window-partials key " + kv.key);
                }
            }
        }
        redo.sort((a, b) -> a.key.compareTo(b.key)); // zero-padded sequence: string order is sequence order
        for (KeyValue<String, byte[]> kv : redo) {
            RedoEntry d = RedoEntryCodec.fromBytes(kv.value);
            String windowKey = StoreKeys.windowKey(d.model(), d.windowStart());
            Open o = null;
            for (Map<String, Object> row : d.rows()) {
                o = openWindow(windowKey, d.model(), d.windowStart());
                o.partial.addRow(row);
            }
            if (o != null) {
                o.redoKeys.add(kv.key);
            }
            seq = Math.max(seq, Long.parseLong(kv.key.substring(2)) + 1);
        }
    }

    @Override
    public void process(Record<String, List<InferenceRecord>> r) {
        lastRecordWallMs = context.currentSystemTimeMs();
        RecordMetadata input = context.recordMetadata().orElse(null);
        if (closeDueAt != NO_CLOSE_DUE && !sameInput(input, closeInput)) {
            closeDue();
        }
        WindowOf window = null;
        for (InferenceRecord rec : r.value()) {
            if (window == null || !window.holds(rec)) { // an event's rows share model and time: once per event
                long start = spec.windowStart(rec.model(), rec.eventTime().toEpochMilli());
                window = new WindowOf(rec, start, spec.windowEnd(rec.model(), start),
                        StoreKeys.windowKey(rec.model(), start));
            }
            process(rec, window);
        }
        long streamTime = context.currentStreamTimeMs();
        if (ticks.due(streamTime)) {
            // Not closed yet: the rest of this input record's forwards may still come. The pairing releases the
            // requests due at this tick before pairing the record, one forward each, and the first of them would
            // otherwise close a window that the next ones belong to (they would be dropped as late). So the
            // close waits for a row of another input record, or the wall-clock punctuation, whichever comes first:
            // what a stream-time punctuation did, running after the whole record.
            closeDueAt = Math.max(closeDueAt, streamTime);
            closeInput = input;
        }
    }

    /** Whether two rows came from the same input record (rows forwarded by a punctuation have no metadata). */
    private static boolean sameInput(RecordMetadata a, RecordMetadata b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.offset() == b.offset() && a.partition() == b.partition() && a.topic().equals(b.topic());
    }

    private void closeDue() {
        long at = closeDueAt;
        closeDueAt = NO_CLOSE_DUE;
        closeInput = null;
        onStreamTime(at);
    }

    /** The window of a row's model and event time. */
    private record WindowOf(InferenceRecord first, long start, long end, String key) {
        boolean holds(InferenceRecord rec) {
            return rec.model().equals(first.model()) && rec.eventTime().equals(first.eventTime());
        }
    }

    /** One row of an event (an event's rows arrive together: one forward per event, not per row). */
    private void process(InferenceRecord rec, WindowOf window) {
        long start = window.start();
        long end = window.end();
        String key = window.key();
        if (closed.containsKey(key)) {
            // Wall clock closed this window early (the task looked idle: traffic stopped, or processing stalled,
            // e.g. after a restart). Stream time says the row is on time, so it starts a follow-up partial that
            // the merge folds into the window as a revision: an early close never loses rows.
            late.count(LateRecords.AFTER_WALL_CLOSE);
            closed.remove(key);
            StoreDeletes.delete(store, "C|" + key);
        } else if (!open.containsKey(key) && end + spec.grace().toMillis() <= context.currentStreamTimeMs()) {
            late.count(LateRecords.AFTER_GRACE);
            return;
        }
        Open o = openWindow(key, rec.model(), start);
        o.partial.addRow(rec.features(), rec.predictions()); // no map per row
        o.pending.add(rec); // encoded now, while its values are in the cache
    }

    /** Before each commit: the rows of each window since the previous one, as a redo entry per window. */
    void writeRedo() {
        for (Map.Entry<String, Open> e : open.entrySet()) {
            Open o = e.getValue();
            if (!o.pending.isEmpty()) {
                for (byte[] entry : o.pending.finish()) { // usually one
                    String redoKey = "D|" + StoreKeys.padded(seq++);
                    store.put(redoKey, entry);
                    o.redoKeys.add(redoKey);
                }
            }
        }
    }

    /** The open window {@code key} ({@code model|start}), opened when needed. */
    private Open openWindow(String key, String model, long start) {
        Open o = open.get(key);
        if (o == null) {
            long end = spec.windowEnd(model, start);
            o = new Open(new PartialWindow(model, start, end));
            open.put(key, o);
            nextStreamTimeDue = Math.min(nextStreamTimeDue, end + spec.grace().toMillis());
        }
        return o;
    }

    private void onStreamTime(long streamTime) {
        if (streamTime < nextStreamTimeDue) {
            return; // nothing closes or expires yet: a replay moves stream time on every few records
        }
        long grace = spec.grace().toMillis();
        for (Map.Entry<String, Open> e : EntrySnapshot.of(open)) {
            if (e.getValue().partial.windowEnd() + grace <= streamTime) {
                close(e.getKey(), e.getValue(), false);
            }
        }
        // Past end + grace the stream-time rule rejects late rows by itself: the markers are no longer needed.
        for (Map.Entry<String, Long> e : EntrySnapshot.of(closed)) {
            if (e.getValue() + grace <= streamTime) {
                closed.remove(e.getKey());
                StoreDeletes.delete(store, "C|" + e.getKey());
            }
        }
        nextStreamTimeDue = Long.MAX_VALUE;
        for (Open o : open.values()) {
            nextStreamTimeDue = Math.min(nextStreamTimeDue, o.partial.windowEnd() + grace);
        }
        for (long end : closed.values()) {
            nextStreamTimeDue = Math.min(nextStreamTimeDue, end + grace);
        }
    }

    private void onWallClock(long wallNow) {
        if (closeDueAt != NO_CLOSE_DUE) {
            closeDue(); // the input record that made it due has been processed
        }
        long wait = spec.grace().toMillis() + spec.idleGrace().toMillis();
        if (wallNow - lastRecordWallMs >= wait) {
            for (Map.Entry<String, Open> e : EntrySnapshot.of(open)) {
                if (wallNow >= e.getValue().partial.windowEnd() + wait) {
                    close(e.getKey(), e.getValue(), true);
                }
            }
        }
        if (wallNow - lastCheckpointWallMs >= spec.checkpointInterval().toMillis()) {
            checkpoint();
            lastCheckpointWallMs = wallNow;
        }
    }

    /** Snapshots every window with redo entries and drops those entries. */
    void checkpoint() {
        for (Map.Entry<String, Open> e : open.entrySet()) {
            Open o = e.getValue();
            if (!o.redoKeys.isEmpty() || !o.pending.isEmpty()) {
                store.put("S|" + e.getKey(), o.partial.toBytes());
                o.redoKeys.forEach(k -> StoreDeletes.delete(store, k));
                o.redoKeys.clear();
                o.pending.discard(); // in the snapshot
            }
        }
    }

    private void close(String key, Open o, boolean byWallClock) {
        PartialWindow p = o.partial;
        // the header tells the merge which task this is, so it can wait for tasks that lag (SourceProgress)
        context.forward(new Record<>(p.model(), p, p.windowStart(), new RecordHeaders().add(
                PartialWindow.SOURCE_TASK_HEADER, context.taskId().toString().getBytes(StandardCharsets.UTF_8))));
        open.remove(key);
        StoreDeletes.delete(store, "S|" + key);
        o.redoKeys.forEach(k -> StoreDeletes.delete(store, k));
        if (byWallClock) { // stream time has not passed end + grace: remember the close to reject late rows
            closed.put(key, p.windowEnd());
            store.put("C|" + key, LongCodec.toBytes(p.windowEnd()));
            nextStreamTimeDue = Math.min(nextStreamTimeDue, p.windowEnd() + spec.grace().toMillis());
        }
    }
}
