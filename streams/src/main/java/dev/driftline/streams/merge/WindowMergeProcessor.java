package dev.driftline.streams.merge;

import dev.driftline.contracts.window.MergedWindow;

import dev.driftline.contracts.window.PartialWindow;
import dev.driftline.streams.support.CommitHook;
import dev.driftline.streams.support.EntrySnapshot;
import dev.driftline.streams.support.StoreDeletes;
import dev.driftline.streams.support.StoreKeys;
import dev.driftline.streams.window.LateRecords;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the per-task {@link PartialWindow}s of one (model, window start) into one window and forwards it once it
 * is final, as key = model, value = {@link MergedWindow}, timestamp = window start.
 *
 * <p>The changelogged store {@link #STORE} holds one entry per {@code model|windowStart} (start zero-padded): the
 * merged partial so far, how many partials it holds, how many times it was emitted (revision) and the wall time of
 * its last partial. Every partial is merged into its entry while it is processed; changed entries are written to the
 * store by the task's {@link CommitHook} just before the commit, so under {@code exactly_once_v2} the entry and the
 * input offset commit together. A pending entry is emitted
 * <ul>
 *   <li>when stream time of the partials topic (their timestamps are window starts) reaches end + settle and every
 *   active profiling task of the model has sent its partial for the window or a later one ({@link SourceProgress}:
 *   tasks run independently, and in a fast replay one can be windows ahead of another), or</li>
 *   <li>when its model has had no new partial (for any window) for settle + idle of wall clock: the model's
 *   traffic stopped. While partials of the model keep coming, a window waits for its lagging tasks.</li>
 * </ul>
 * After the emission the entry is kept, marked emitted, until stream time passes end + settle + retention and no
 * active task still owes a partial for it, and then deleted. A partial that arrives for an emitted window (a straggler task) reopens the entry: it is merged
 * into what was emitted and the window is emitted again, complete, as revision n+1 (at once when stream time is
 * already past end + settle, otherwise by the same two rules). A partial for an emitted window that comes after the
 * retention cannot be merged into what was emitted any more; it is logged and dropped. A partial past the retention
 * of a window with no entry that its task still owes (the task lags) opens the window: it may be the window's only
 * one.
 */
public final class WindowMergeProcessor implements Processor<String, PartialWindow, String, MergedWindow> {
    public static final String STORE = "window-merge";
    /** The {@link CommitHook} that writes the entries changed since the last commit. */
    public static final String COMMIT_HOOK = "window-merge-commit";
    private static final Logger LOG = LoggerFactory.getLogger(WindowMergeProcessor.class);
    /** Wall time without a partial after which an expired entry goes even if a known task never sent its part. */
    static final long STALE_MS = Duration.ofMinutes(10).toMillis();

    private final MergeConfig config;
    private final LateRecords late;
    private ProcessorContext<String, MergedWindow> context;
    private KeyValueStore<String, MergeEntry> store;
    private SourceProgress progress;
    /** model|start → what the punctuators need, rebuilt from the store in {@link #init}. */
    private final TreeMap<String, Meta> index = new TreeMap<>();
    /**
     * Entries changed since the last commit, not yet in the store (the write-back buffer): a window's partials
     * arrive together, and writing the growing merged window after each one cost a full (de)serialisation per
     * partial. Written by the commit hook inside the transaction.
     */
    private final Map<String, MergeEntry> dirty = new HashMap<>();
    /**
     * Entries as last written to the store, decoded: a window's next partial, or a straggler's after its emission,
     * mostly comes after a commit, and reading the entry back from the store decoded the whole merged window again
     * (a twentieth of the stream thread at the bench's defaults). Bounded, least recently used first out, so many
     * models' windows fall back to the store instead of holding every one in the heap.
     */
    private final Map<String, MergeEntry> written = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MergeEntry> eldest) {
            return size() > WRITTEN_CACHE_ENTRIES;
        }
    };
    /** How many written entries {@link #written} keeps decoded. */
    static final int WRITTEN_CACHE_ENTRIES = 64;

    private record Meta(long windowStart, long windowEnd, boolean emitted, long lastPartialWallMs) {
    }

    private static Meta meta(MergeEntry e) {
        return new Meta(e.window().windowStart(), e.window().windowEnd(), e.emitted(), e.lastPartialWallMs());
    }

    WindowMergeProcessor(MergeConfig config, LateRecords late) {
        this.config = config;
        this.late = late;
    }

    @Override
    public void init(ProcessorContext<String, MergedWindow> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.progress = new SourceProgress(context.getStateStore(SourceProgress.STORE),
                config.settle().toMillis() + config.idle().toMillis(), context.currentSystemTimeMs());
        // init runs again when Kafka Streams revives a corrupted task: start from the store alone. The wall time of
        // each entry's last partial restarts now: the downtime before a restart is not the partials' idleness.
        index.clear();
        dirty.clear();
        written.clear();
        CommitHook hook = context.getStateStore(COMMIT_HOOK);
        hook.onCommit(this::flush);
        long now = context.currentSystemTimeMs();
        try (KeyValueIterator<String, MergeEntry> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, MergeEntry> kv = it.next();
                Meta m = meta(kv.value);
                index.put(kv.key, new Meta(m.windowStart(), m.windowEnd(), m.emitted(), now));
            }
        }
        context.schedule(Duration.ofSeconds(1), PunctuationType.STREAM_TIME, this::onStreamTime);
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(Record<String, PartialWindow> r) {
        PartialWindow p = r.value();
        if (p == null) {
            LOG.warn("dropping a partial window without a value (key {})", r.key());
            return;
        }
        long streamTime = context.currentStreamTimeMs();
        long settle = config.settle().toMillis();
        String key = StoreKeys.windowKey(p.model(), p.windowStart());
        MergeEntry prev = entry(key);
        long now = context.currentSystemTimeMs();
        MergeEntry e;
        if (prev == null) {
            String source = SourceProgress.sourceOf(r.headers());
            if (p.windowEnd() + settle + config.retention().toMillis() <= streamTime
                    && forgotten(p.model(), source, p.windowStart())) {
                LOG.warn("dropping a partial of {} @ {} from task {}: its window was emitted and is past the merge "
                        + "retention (stream time {}; the model's tasks have sent windows up to {})", p.model(),
                        p.windowStart(), source, streamTime, progress.describe(p.model()));
                late.add(LateRecords.AFTER_MERGE_RETENTION, p.rows());
                return;
            }
            e = new MergeEntry(false, 0, 1, now, p);
        } else {
            try {
                prev.window().mergeFrom(p);
            } catch (IllegalArgumentException ex) {
                // what is in the store is what counts: the decoded copy may hold part of this partial
                written.remove(key);
                LOG.warn("dropping a partial that does not fit its window: {}", ex.getMessage());
                return;
            }
            e = new MergeEntry(false, prev.revision(), prev.partials() + 1, now, prev.window());
        }
        put(key, e);
        progress.saw(p.model(), SourceProgress.sourceOf(r.headers()), p.windowStart(), now);
        // this partial may be the one a lagging task owed to this or to earlier windows of the model
        for (Map.Entry<String, Meta> m : EntrySnapshot.of(index.subMap(p.model() + "|", p.model() + "|\uffff"))) {
            Meta meta = m.getValue();
            // complete (every profiling task has sent it, or a later window): out at once, the way
            // to low latency on live traffic; otherwise on stream time once the active tasks have sent it
            if (!meta.emitted() && (progress.complete(modelOf(m.getKey()), meta.windowStart(),
                    config.expectedSources()) || meta.windowEnd() + settle <= streamTime && ready(m.getKey(), meta))) {
                emit(m.getKey(), entry(m.getKey()));
            }
        }
    }

    /**
     * Whether a partial that comes past the retention, with no entry for its window, is for a window that was emitted
     * and then forgotten: merged into nothing, it would go out as a report of its own rows only, so it is dropped.
     * Otherwise it is a lagging task's part of a window the merge may never have seen (with many models and sparse
     * traffic, a model's only partial of a window can come from a task an hour of event time behind the others), and
     * it opens the window. A task sends a model's windows in order, so a partial of a window its task has already
     * sent, or passed, is a straggler; one its task has not passed is owed. A partial without a source header (older
     * producers) is a straggler once no known task owes the window.
     */
    private boolean forgotten(String model, String source, long windowStart) {
        return source == null ? noneOwed(model, windowStart) : progress.sentUpTo(model, source, windowStart);
    }

    /**
     * Whether no task can still owe a partial for the window: all expected tasks are known and past it (or, when the
     * task count is unknown, all known ones are). A task that has not sent any partial yet may be lagging a replay.
     */
    private boolean noneOwed(String model, long windowStart) {
        return config.expectedSources() > 0 && progress.knowsAny(model)
                ? progress.complete(model, windowStart, config.expectedSources())
                : progress.allKnownPast(model, windowStart);
    }

    /** Whether every active source task has sent its partial for the window of this entry (or a later one). */
    private boolean ready(String key, Meta meta) {
        return progress.allPast(modelOf(key), meta.windowStart(), context.currentSystemTimeMs());
    }

    private void onStreamTime(long streamTime) {
        long settle = config.settle().toMillis();
        long retention = config.retention().toMillis();
        for (Map.Entry<String, Meta> m : EntrySnapshot.of(index)) {
            Meta meta = m.getValue();
            if (!meta.emitted() && meta.windowEnd() + settle <= streamTime && ready(m.getKey(), meta)) {
                emit(m.getKey(), entry(m.getKey()));
            }
            // kept while a known task still owes a partial (so a lagging task's partial is merged, not dropped,
            // however far a replay has moved stream time), unless nothing came for the model for STALE wall time
            if (meta.windowEnd() + settle + retention <= streamTime && (noneOwed(modelOf(m.getKey()),
                    meta.windowStart()) || context.currentSystemTimeMs() - meta.lastPartialWallMs() >= STALE_MS)) {
                index.remove(m.getKey());
                delete(m.getKey());
            }
        }
    }

    private void onWallClock(long wallNow) {
        long wait = config.settle().toMillis() + config.idle().toMillis();
        // the latest partial of each model: while a model's tasks still send partials (a lagging task working
        // through older windows), its pending windows wait for them; only when the model's traffic stopped does
        // wall time release what is pending
        Map<String, Long> lastOfModel = new java.util.HashMap<>();
        for (Map.Entry<String, Meta> m : index.entrySet()) {
            lastOfModel.merge(modelOf(m.getKey()), m.getValue().lastPartialWallMs(), Math::max);
        }
        for (Map.Entry<String, Meta> m : EntrySnapshot.of(index)) {
            Meta meta = m.getValue();
            if (!meta.emitted() && wallNow - lastOfModel.get(modelOf(m.getKey())) >= wait) {
                emit(m.getKey(), entry(m.getKey()));
            }
        }
    }

    private static String modelOf(String key) {
        return key.substring(0, key.lastIndexOf('|'));
    }

    private void emit(String key, MergeEntry e) {
        PartialWindow w = e.window();
        int revision = e.revision() + 1;
        context.forward(new Record<>(w.model(), MergedWindow.of(w, e.partials(), revision), w.windowStart()));
        long expiry = w.windowEnd() + config.settle().toMillis() + config.retention().toMillis();
        if (expiry <= context.currentStreamTimeMs() && noneOwed(w.model(), w.windowStart())) {
            index.remove(key);
            delete(key);
        } else {
            put(key, new MergeEntry(true, revision, e.partials(), e.lastPartialWallMs(), w));
        }
    }

    private void put(String key, MergeEntry e) {
        dirty.put(key, e);
        index.put(key, meta(e));
    }

    private MergeEntry entry(String key) {
        MergeEntry e = dirty.get(key);
        if (e == null) {
            e = written.get(key);
        }
        return e != null ? e : store.get(key);
    }

    private void delete(String key) {
        dirty.remove(key);
        written.remove(key);
        StoreDeletes.delete(store, key);
    }

    /**
     * Before each commit: the changed entries to the store (and its changelog), in the commit's transaction; they
     * stay decoded in {@link #written} (an entry that changes again goes back to {@link #dirty}).
     */
    void flush() {
        dirty.forEach((key, e) -> {
            store.put(key, e);
            written.put(key, e);
        });
        dirty.clear();
    }
}
