package dev.driftline.streams.modelquality;

import dev.driftline.drift.modelquality.ModelQualityFigures;

import dev.driftline.drift.capture.GroundTruthLabel;
import dev.driftline.contracts.labels.LabelCodec;
import dev.driftline.contracts.RecordFormatException;

import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.streams.window.WindowSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Joins ground-truth labels to inference rows on (inference id, row), in a sub-topology of its own: both inputs are
 * keyed by the inference id (= event id) and co-partitioned, so a row and its label are always in the same task.
 *
 * <p>The changelogged store {@link #STORE} holds, per {@code E|inferenceId|row}, whichever side came first — for a row
 * only what quality needs (model, model version, window start of its event time, its prediction), for a label only
 * the label — with an expiry index entry ({@link JoinIndex}), and the join's clocks ({@link JoinClocks}). When the
 * other side comes, a {@link LabelledPair} (key model) is forwarded and the entry deleted, all while processing that
 * input, i.e. in the same transaction as its offset. The pair is timestamped with the inference's window start, whichever side came
 * last: a label's arrival time says nothing about the window it counts in, and the aggregation's retention runs in
 * the inference's event time.
 *
 * <p>Order and delay do not matter within the horizon ({@link ModelQualityConfig#ttl()}), counted on each side's
 * own clock, never on the task's stream time (which mixes both: the first label of a bulk import would move it
 * weeks past replayed rows and expire them all):
 * <ul>
 *   <li>a waiting row expires when its model's row clock — the newest inference event time of that model seen by
 *   the task — reaches its event time + horizon. Rows of a replay weeks in the past wait for labels imported days
 *   later, as long as that model's replay has not moved a horizon further;</li>
 *   <li>a waiting label expires when the label clock — the newest label arrival — reaches its arrival + horizon
 *   (it cannot know its row's event time), so labels sent before their replayed rows wait for them.</li>
 * </ul>
 * Expiry is checked while processing, when a clock moved by a minute since its last check (so it is as
 * deterministic as the inputs); an input that is already a horizon behind its own clock is dropped at once (unless
 * the other side waits for it: then it joins). A row that never gets a label is normal and only counted; a label
 * that never found its row is counted and reported. Both per model ({@link ModelQualityCounters}; a label's model
 * only when the join knows it) and in a log line at most once a minute ({@link DropReport}). The first label of a
 * row wins; a second label after the pair was formed finds no row and expires as an unmatched label. A label
 * waiting for its row is replaced by a newer one.
 */
final class LabelJoinProcessor implements Processor<String, LabelJoinProcessor.Input, String, byte[]> {
    public static final String STORE = "quality-join";
    /** Index entries of the version before ({@link JoinIndex#migrateLegacy}) moved per processed input. */
    static final int MIGRATE_PER_INPUT = 10_000;
    /** How often the wall clock looks for drops to report (the report itself is at most once a minute). */
    private static final Duration REPORT_CHECK = Duration.ofSeconds(10);

    /**
     * One input of the join: an inference row's prediction, or a labels-topic value — its label, or null when the
     * value cannot be used ({@link #label(String, byte[])}).
     */
    public record Input(RowPrediction record, GroundTruthLabel label) {
        static Input ofLabel(String key, byte[] value) {
            return new Input(null, LabelJoinProcessor.label(key, value));
        }
    }

    private final ModelQualityConfig config;
    private final ModelQualityCounters counters;
    private final long horizon;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> store;
    private JoinClocks clocks;
    private boolean legacyIndex = true;

    LabelJoinProcessor(ModelQualityConfig config, ModelQualityCounters counters) {
        this.config = config;
        this.counters = counters;
        this.horizon = config.ttl().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        // The horizon is days; checking once a minute of a clock's progress is plenty and keeps the scans rare.
        this.clocks = new JoinClocks(store, Math.min(horizon, Duration.ofMinutes(1).toMillis()));
        context.schedule(REPORT_CHECK, PunctuationType.WALL_CLOCK_TIME,
                now -> DropReport.log(counters.takeReport(now), config.ttl()));
    }

    @Override
    public void process(Record<String, Input> r) {
        if (r.value() == null) {
            return;
        }
        if (legacyIndex) { // an upgraded store: move the old index before relying on the new one
            legacyIndex = JoinIndex.migrateLegacy(store, MIGRATE_PER_INPUT);
        }
        if (r.value().record() != null) {
            processRecord(r.key(), r.value().record(), r.timestamp());
        } else {
            processLabel(r.value().label(), r.timestamp());
        }
    }

    /** A row; its timestamp is its inference's event time (the pairing stage emits it so). */
    private void processRecord(String inferenceId, RowPrediction rec, long eventTime) {
        String model = rec.model();
        long clock = clocks.advanceRows(model, eventTime);
        String key = entryKey(inferenceId, rec.row());
        JoinEntry waiting = read(key);
        if (waiting != null && !waiting.isRecord()) {
            forward(rec.model(), rec.modelVersion(), rec.windowStart(), waiting.value(), rec.prediction());
            remove(key, waiting);
        } else if (waiting == null) { // a repeated row (replay without exactly-once) keeps the first
            if (eventTime + horizon <= clock) { // a horizon behind its model's newest rows: would expire at once
                counters.add(model, ModelQualityCounters.RECORDS_EXPIRED, 1, example(key));
            } else {
                put(key, new JoinEntry(true, eventTime + horizon, model, rec.modelVersion(), rec.windowStart(),
                        rec.prediction()));
            }
        }
        clocks.rowCheck(model).ifPresent(c -> expire(JoinIndex.rows(model), c));
    }

    /**
     * What the join needs of a normalised record, or null (counted) when it has no prediction to judge; runs in
     * the ingest job, so only this small value travels to the join's sub-topology.
     */
    static RowPrediction rowPrediction(InferenceRecord rec, WindowSpec window, ModelQualityCounters counters) {
        Object prediction = prediction(rec);
        if (prediction == null) {
            counters.add(rec.model(), ModelQualityCounters.RECORDS_WITHOUT_PREDICTION, 1,
                    example(entryKey(rec.inferenceId(), rec.row())));
            return null;
        }
        return new RowPrediction(rec.row(), rec.model(), rec.modelVersion(),
                window.windowStart(rec.model(), rec.eventTime().toEpochMilli()), prediction);
    }

    /**
     * What the join needs of one event's rows (those with a prediction to judge; the others are counted), for one
     * repartition record per event.
     */
    static List<RowPrediction> rowPredictions(List<InferenceRecord> rows, WindowSpec window,
                                              ModelQualityCounters counters) {
        List<RowPrediction> out = new ArrayList<>(rows.size());
        for (InferenceRecord r : rows) {
            RowPrediction p = rowPrediction(r, window, counters);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** A label; its timestamp is its arrival (Kafka record timestamp). */
    private void processLabel(GroundTruthLabel label, long arrival) {
        if (label == null) {
            counters.add(ModelQualityCounters.LABELS_UNREADABLE, 1);
            return;
        }
        long clock = clocks.advanceLabels(arrival);
        String entryKey = entryKey(label.inferenceId(), label.row());
        JoinEntry waiting = read(entryKey);
        if (waiting != null && waiting.isRecord()) {
            forward(waiting.model(), waiting.modelVersion(), waiting.windowStart(), label.label(), waiting.value());
            remove(entryKey, waiting);
        } else {
            if (waiting != null) {
                remove(entryKey, waiting);
            }
            if (arrival + horizon <= clock) { // a horizon older than the newest label: would expire at once
                counters.add(knownModel(label.model()), ModelQualityCounters.LABELS_EXPIRED, 1,
                        example(entryKey));
            } else {
                put(entryKey, new JoinEntry(false, arrival + horizon, label.model(), "", 0, label.label()));
            }
        }
        clocks.labelCheck().ifPresent(c -> expire(JoinIndex.LABELS, c));
    }

    /**
     * The prediction quality judges: the record's first scalar prediction in output order (a single-output model has
     * only one; multi-output models should list the judged output first).
     */
    static Object prediction(InferenceRecord rec) {
        for (Object v : rec.predictions().values()) {
            Object s = ModelQualityFigures.scalar(v);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /**
     * The label of a labels-topic value ({@code LabelCodec}; the key wins over inference_id), or null when it cannot
     * be used. Labels come from users' producers and may carry their id only in the key, so they are decoded here
     * with the key rather than by a value serde. Fractional labels that are whole numbers compare as integers.
     */
    static GroundTruthLabel label(String key, byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            GroundTruthLabel l = LabelCodec.INSTANCE.decode(key, value);
            Object label = l.label() instanceof Double d ? ModelQualityFigures.scalar(d) : l.label();
            return label == l.label() ? l : new GroundTruthLabel(l.inferenceId(), l.row(), l.model(), label,
                    l.eventTime());
        } catch (RecordFormatException ex) {
            return null;
        }
    }

    private void forward(String model, String modelVersion, long windowStart, Object label, Object prediction) {
        context.forward(new Record<>(model, LabelledPairCodec.toBytes(new LabelledPair(model, modelVersion,
                windowStart, label, prediction)), windowStart));
    }

    /**
     * Drops the entries under index {@code prefix} (one model's rows, or the labels) that expired by {@code clock},
     * their side's clock; counts them per model.
     */
    private void expire(String prefix, long clock) {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, String> examples = new TreeMap<>();
        String reason = prefix.equals(JoinIndex.LABELS) ? ModelQualityCounters.LABELS_EXPIRED
                : ModelQualityCounters.RECORDS_EXPIRED;
        for (String x : JoinIndex.due(store, prefix, clock)) {
            store.delete(x);
            String key = JoinIndex.entryKeyOf(x, prefix);
            JoinEntry e = read(key);
            if (e == null || !x.equals(JoinIndex.key(e, key))) {
                continue; // the entry was replaced or joined; its own index key decides
            }
            store.delete(key);
            String model = e.isRecord() ? e.model() : knownModel(e.model());
            counts.merge(model, 1L, Long::sum);
            examples.putIfAbsent(model, example(key));
        }
        counts.forEach((model, n) -> counters.add(model, reason, n, examples.get(model)));
    }

    /** A label's model if the join has seen rows of it, else none: labels' model fields are not trusted as tags. */
    private String knownModel(String model) {
        return model != null && clocks.knows(model) ? model : ModelQualityCounters.NO_MODEL;
    }

    private JoinEntry read(String key) {
        byte[] b = store.get(key);
        return b == null ? null : JoinEntryCodec.fromBytes(b);
    }

    private void put(String key, JoinEntry e) {
        store.put(key, JoinEntryCodec.toBytes(e));
        JoinIndex.put(store, e, key);
    }

    private void remove(String key, JoinEntry e) {
        store.delete(key);
        store.delete(JoinIndex.key(e, key));
    }

    /** How a drop's example names the entry {@code key}: {@code id|row <inferenceId>|<row>}. */
    private static String example(String key) {
        return "id|row " + key.substring(2);
    }

    /** {@code E|inferenceId|row}: the row is the last segment, so an id containing '|' stays unambiguous. */
    static String entryKey(String inferenceId, int row) {
        return "E|" + inferenceId + "|" + row;
    }
}
