package dev.driftline.streams.modelquality;

import dev.driftline.drift.modelquality.ModelQualityFigures;

import dev.driftline.contracts.modelquality.ModelQualityWindow;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.streams.evaluate.CurrentBaselines;

import dev.driftline.streams.support.StoreKeys;
import dev.driftline.streams.window.WindowSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
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
 * Collects the {@link LabelledPair}s of each (model, window of the inference time) — the pairs are keyed by model,
 * so all of one model meet in one task — and emits the window's {@link ModelQualityWindow} each time it got new pairs,
 * at most once per {@link ModelQualityConfig#emitInterval()} of wall clock (a burst of labels gives one update), with
 * {@code version} 1, 2, … per emission.
 *
 * <p>The changelogged store {@link #STORE} holds per window a small header {@code W|model|start} (version so
 * far, pair count, pairs dropped over the cap, and whether new pairs await emission) and one entry per pair
 * {@code P|model|start|seq} (label and prediction, a few bytes): appending a pair writes two small entries instead
 * of rewriting the whole window, and the pairs are only read back when the window is emitted. Both are written
 * while the pair is processed (same transaction as its offset); the emission and the header update happen in the
 * same punctuation. A window keeps at most {@link ModelQualityConfig#maxPairsPerWindow()} pairs; later ones are counted
 * as {@code dropped_labels}. A window is deleted once the pairs' stream time passes its end + TTL + 1 day (no row of
 * it can still be waiting for a label by then; the day absorbs stream-time skew between the join tasks); a pair for
 * an older window is counted ({@link ModelQualityCounters#PAIRS_TOO_LATE}) and dropped, so a version 1 never restarts a
 * window that was already reported.
 */
final class ModelQualityWindowProcessor implements Processor<String, byte[], String, ModelQualityWindow> {
    public static final String STORE = "quality-windows";
    static final Duration RETENTION_SLACK = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(ModelQualityWindowProcessor.class);
    private static final StringSerializer KEYS = new StringSerializer();

    private final WindowSpec window;
    private final ModelQualityConfig config;
    private final ModelQualityCounters counters;
    private ProcessorContext<String, ModelQualityWindow> context;
    private KeyValueStore<String, byte[]> store;
    private CurrentBaselines baselines;
    /** Header key → window end, for the retention; rebuilt from the headers in {@link #init}. */
    private final TreeMap<String, Long> windows = new TreeMap<>();
    /** Header keys with pairs not yet emitted. */
    private final TreeSet<String> dirty = new TreeSet<>();

    ModelQualityWindowProcessor(WindowSpec window, ModelQualityConfig config, ModelQualityCounters counters) {
        this.window = window;
        this.config = config;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, ModelQualityWindow> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.baselines = CurrentBaselines.from(context);
        try (KeyValueIterator<String, byte[]> it = store.prefixScan("W|", KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                windows.put(kv.key, window.windowEnd(model(kv.key), start(kv.key)));
                if (WindowHeaderCodec.fromBytes(kv.value).dirty()) {
                    dirty.add(kv.key);
                }
            }
        }
        context.schedule(config.emitInterval(), PunctuationType.WALL_CLOCK_TIME, now -> emitDirty());
        context.schedule(Duration.ofMinutes(1), PunctuationType.STREAM_TIME, this::retire);
    }

    @Override
    public void process(Record<String, byte[]> r) {
        LabelledPair p;
        try {
            p = LabelledPairCodec.fromBytes(r.value());
        } catch (IllegalArgumentException | NullPointerException ex) {
            LOG.warn("dropping an unreadable labelled pair (key {}): {}", r.key(), ex.toString());
            return;
        }
        long end = window.windowEnd(p.model(), p.windowStart());
        if (end + retention() <= context.currentStreamTimeMs()) {
            counters.add(ModelQualityCounters.PAIRS_TOO_LATE, 1);
            return;
        }
        String key = headerKey(p.model(), p.windowStart());
        byte[] old = store.get(key);
        WindowHeader h = old == null ? new WindowHeader(0, 0, 0, false) : WindowHeaderCodec.fromBytes(old);
        if (h.pairs() >= config.maxPairsPerWindow()) {
            counters.add(ModelQualityCounters.PAIRS_OVER_CAP, 1);
            h = new WindowHeader(h.version(), h.pairs(), h.dropped() + 1, true);
        } else {
            store.put(pairKey(key, h.pairs()), WindowPairCodec.toBytes(p));
            h = new WindowHeader(h.version(), h.pairs() + 1, h.dropped(), true);
        }
        store.put(key, WindowHeaderCodec.toBytes(h));
        windows.put(key, end);
        dirty.add(key);
    }

    private void emitDirty() {
        for (String key : new ArrayList<>(dirty)) {
            emit(key);
        }
    }

    /** Computes and forwards the window's figures from all its pairs, as the next version. */
    private void emit(String key) {
        dirty.remove(key);
        byte[] old = store.get(key);
        if (old == null) {
            return;
        }
        WindowHeader h = WindowHeaderCodec.fromBytes(old);
        if (!h.dirty()) {
            return;
        }
        String model = model(key);
        long start = start(key);
        List<Object> labels = new ArrayList<>(h.pairs());
        List<Object> predictions = new ArrayList<>(h.pairs());
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(pairPrefix(key), KEYS)) {
            while (it.hasNext()) {
                WindowPairCodec.Pair pair = WindowPairCodec.fromBytes(it.next().value);
                labels.add(pair.label());
                predictions.add(pair.prediction());
            }
        }
        WindowHeader next = new WindowHeader(h.version() + 1, h.pairs(), h.dropped(), false);
        try {
            ModelQualityFigures f = ModelQualityFigures.compute(labels, predictions);
            ModelQualityResults.Window w = new ModelQualityResults.Window(model, start, window.windowEnd(model, start),
                    next.version(), labels.size(), h.dropped(), context.currentSystemTimeMs());
            context.forward(new Record<>(model, ModelQualityResults.of(w, f, config,
                    baselines.of(model).flatMap(Baseline::modelQuality)), start));
            store.put(key, WindowHeaderCodec.toBytes(next));
        } catch (RuntimeException ex) { // not retried every second: the same pairs would fail the same way
            LOG.warn("cannot compute the model quality of {} @ {}; not emitted: {}", model, start, ex.toString());
            store.put(key, WindowHeaderCodec.toBytes(new WindowHeader(h.version(), h.pairs(), h.dropped(),
                    false)));
        }
    }

    /** Deletes the windows whose end + TTL + slack passed in the pairs' stream time (emitting pending ones first). */
    private void retire(long streamTime) {
        for (Map.Entry<String, Long> w : new ArrayList<>(windows.entrySet())) {
            if (w.getValue() + retention() > streamTime) {
                continue;
            }
            String key = w.getKey();
            if (dirty.contains(key)) {
                emit(key);
            }
            List<String> pairs = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = store.prefixScan(pairPrefix(key), KEYS)) {
                while (it.hasNext()) {
                    pairs.add(it.next().key);
                }
            }
            pairs.forEach(store::delete);
            store.delete(key);
            windows.remove(key);
        }
    }

    private long retention() {
        return config.ttl().toMillis() + RETENTION_SLACK.toMillis();
    }

    /**
     * {@code W|<length>:model|start}, start zero-padded. The length prefix keeps the pair prefix of one window from
     * matching another model's keys even if a model name contained '|'.
     */
    static String headerKey(String model, long windowStart) {
        return "W|" + model.length() + ":" + model + "|" + StoreKeys.padded(windowStart);
    }

    private static String pairPrefix(String headerKey) {
        return "P" + headerKey.substring(1) + "|";
    }

    private static String pairKey(String headerKey, int seq) {
        return pairPrefix(headerKey) + String.format("%010d", seq);
    }

    private static String model(String headerKey) {
        int colon = headerKey.indexOf(':');
        int length = Integer.parseInt(headerKey.substring(2, colon));
        return headerKey.substring(colon + 1, colon + 1 + length);
    }

    private static long start(String headerKey) {
        return Long.parseLong(headerKey.substring(headerKey.lastIndexOf('|') + 1));
    }
}
