package dev.driftline.streams.modelquality;

import dev.driftline.drift.modelquality.ModelQualityFigures;
import dev.driftline.drift.modelquality.TrainingQuality;

import dev.driftline.contracts.modelquality.ModelQualityWindow;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.streams.evaluate.CurrentBaselines;

import dev.driftline.streams.support.EntrySnapshot;
import dev.driftline.streams.support.StoreDeletes;
import dev.driftline.streams.support.StoreKeys;
import dev.driftline.streams.window.WindowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * {@code version} 1, 2, … per emission. While the window saw pairs of two or more named model versions (a canary
 * rollout), each emission also carries one window per named version, computed on that version's pairs alone as the
 * window's problem type, with the same emission number ({@link WindowHeader#byVersion()}): a rollout's guardrail
 * compares the canary with the stable version on the same windows. Single-version traffic emits the model's window
 * only.
 *
 * <p>The changelogged store {@link #STORE} holds per window a small header {@code W|model|start} (version so
 * far, pair count, pairs dropped over the cap, whether new pairs await emission, and those counts per model version)
 * and one entry per pair {@code P|model|start|seq} (label, prediction and the index of its version, a few bytes):
 * appending a pair writes two small entries instead
 * of rewriting the whole window, and the pairs are only read back when the window is emitted. Both are written
 * while the pair is processed (same transaction as its offset); the emission and the header update happen in the
 * same punctuation. A window keeps at most {@link ModelQualityConfig#maxPairsPerWindow()} pairs; later ones are counted
 * as {@code dropped_labels}.
 *
 * <p>Retention runs in the inference's event time, per model, never in the task's stream time: each model's clock is
 * the newest window start among its pairs. A window is deleted once its model's clock passes its end + horizon
 * ({@link ModelQualityConfig#ttl()}) + 1 day: the join drops a row a horizon behind its model's newest rows, so
 * no row of the window can still be waiting for a label by then (the day absorbs event-time skew between the join's
 * tasks). So a bulk of labels for a window weeks old is still counted, as long as the model's own labelled traffic
 * has not moved a horizon past it; one model's progress never retires another's windows. A pair for a window
 * already past that point is counted per model ({@link ModelQualityCounters#PAIRS_TOO_LATE}) and dropped, so a
 * version 1 never restarts a window that was already reported and retired. The clocks are not stored: a model's clock
 * is the start of its newest window in the store (that window cannot have been retired), rebuilt in {@link #init}.
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
    /** Model → its clock: the newest window start of its pairs; rebuilt from the headers in {@link #init}. */
    private final Map<String, Long> clocks = new HashMap<>();
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
                clocks.merge(model(kv.key), start(kv.key), Math::max);
                if (WindowHeaderCodec.fromBytes(kv.value).dirty()) {
                    dirty.add(kv.key);
                }
            }
        }
        context.schedule(config.emitInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
            emitDirty();
            DropReport.log(counters.takeReport(now), config.ttl());
        });
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
        long clock = clocks.getOrDefault(p.model(), Long.MIN_VALUE);
        if (end + retention() <= clock) {
            counters.add(p.model(), ModelQualityCounters.PAIRS_TOO_LATE, 1,
                    "window " + Instant.ofEpochMilli(p.windowStart()));
            return;
        }
        String key = headerKey(p.model(), p.windowStart());
        byte[] old = store.get(key);
        WindowHeader h = old == null ? WindowHeader.empty() : WindowHeaderCodec.fromBytes(old);
        if (h.pairs() >= config.maxPairsPerWindow()) {
            counters.add(p.model(), ModelQualityCounters.PAIRS_OVER_CAP, 1,
                    "window " + Instant.ofEpochMilli(p.windowStart()));
            h = h.counted(p.modelVersion(), false);
        } else {
            int seq = h.pairs();
            h = h.counted(p.modelVersion(), true);
            store.put(pairKey(key, seq), WindowPairCodec.toBytes(p, h.slot(p.modelVersion())));
        }
        store.put(key, WindowHeaderCodec.toBytes(h));
        windows.put(key, end);
        dirty.add(key);
        if (p.windowStart() > clock) {
            clocks.put(p.model(), p.windowStart());
            retire(p.model(), p.windowStart());
        }
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
        List<Integer> slots = new ArrayList<>(h.byVersion() ? h.pairs() : 0);
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(pairPrefix(key), KEYS)) {
            while (it.hasNext()) {
                WindowPairCodec.Pair pair = WindowPairCodec.fromBytes(it.next().value);
                labels.add(pair.label());
                predictions.add(pair.prediction());
                if (h.byVersion()) {
                    slots.add(pair.slot());
                }
            }
        }
        WindowHeader next = h.with(h.version() + 1, false);
        try {
            ModelQualityFigures f = ModelQualityFigures.compute(labels, predictions);
            long end = window.windowEnd(model, start);
            long now = context.currentSystemTimeMs();
            Optional<TrainingQuality> trained = baselines.of(model).flatMap(Baseline::modelQuality);
            List<ModelQualityWindow> out = new ArrayList<>();
            out.add(ModelQualityResults.of(new ModelQualityResults.Window(model, "", start, end, next.version(),
                    labels.size(), h.dropped(), now), f, config, trained));
            if (h.byVersion()) {
                out.addAll(ModelQualityResults.byVersion(out.get(0), f.type(), h, labels, predictions, slots, config,
                        trained));
            }
            out.forEach(q -> context.forward(new Record<>(model, q, start)));
            store.put(key, WindowHeaderCodec.toBytes(next));
        } catch (RuntimeException ex) { // not retried every second: the same pairs would fail the same way
            LOG.warn("cannot compute the model quality of {} @ {}; not emitted: {}", model, start, ex.toString());
            store.put(key, WindowHeaderCodec.toBytes(h.with(h.version(), false)));
        }
    }

    /**
     * Deletes {@code model}'s windows whose end + horizon + slack passed its clock (emitting pending ones first). Its
     * windows are in start order in {@link #windows}, so the scan stops at the first one still kept.
     */
    private void retire(String model, long clock) {
        String prefix = headerKey(model, 0);
        prefix = prefix.substring(0, prefix.lastIndexOf('|') + 1);
        for (Map.Entry<String, Long> w : EntrySnapshot.of(windows.subMap(prefix, prefix + Character.MAX_VALUE))) {
            if (w.getValue() + retention() > clock) {
                break;
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
            StoreDeletes.delete(store, key);
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
