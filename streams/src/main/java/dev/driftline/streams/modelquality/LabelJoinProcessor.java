package dev.driftline.streams.modelquality;

import dev.driftline.drift.capture.GroundTruthLabel;
import dev.driftline.streams.support.StoreDeletes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * <p>The changelogged store {@link #STORE} holds, per inference, one {@link JoinGroup} per 64 rows ({@code
 * G|inferenceId|part}, {@link JoinIndex}) with whatever came first of each row — for rows only what quality needs
 * (model, model version, window start of its event time, each row's prediction), for labels only the label — with
 * expiry index entries, and the join's clocks ({@link JoinClocks}). An inference's rows come in one input (one
 * repartition record per inference), so a batch of up to 64 rows costs one store read, one group write and one index
 * entry, not one each per row. When the other side comes, a {@link LabelledPair} (key model) is forwarded and the row
 * or label leaves the group, all while processing that input, i.e. in the same transaction as its offset. The pair is
 * timestamped with the inference's window start, whichever side came last: a label's arrival time says nothing about
 * the window it counts in, and the aggregation's retention runs in the inference's event time.
 *
 * <p>Order and delay do not matter within the horizon ({@link ModelQualityConfig#ttl()}), counted on each side's
 * own clock, never on the task's stream time (which mixes both: the first label of a bulk import would move it
 * weeks past replayed rows and expire them all):
 * <ul>
 *   <li>waiting rows expire when their model's row clock — the newest inference event time of that model seen by
 *   the task — reaches their event time + horizon. Rows of a replay weeks in the past wait for labels imported days
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
 * waiting for its row is replaced by a newer one. A repeated row (a replay without exactly-once) keeps the first.
 */
final class LabelJoinProcessor implements Processor<String, LabelJoinProcessor.Input, String, byte[]> {
    public static final String STORE = "quality-join";
    /** Entries and index keys of the versions before ({@link JoinIndex#migrateLegacy}) moved per processed input. */
    static final int MIGRATE_PER_INPUT = 10_000;
    /** How often the wall clock looks for drops to report (the report itself is at most once a minute). */
    private static final Duration REPORT_CHECK = Duration.ofSeconds(10);

    /**
     * One input of the join: the judged rows of one inference (all of one model, model version and window), or a
     * labels-topic value — its label, or null when the value cannot be used
     * ({@link JoinInputs#label(String, byte[])}).
     */
    public record Input(List<RowPrediction> rows, GroundTruthLabel label) {
        static Input ofLabel(String key, byte[] value) {
            return new Input(null, JoinInputs.label(key, value));
        }

        static Input ofRows(List<RowPrediction> rows) {
            return new Input(rows, null);
        }
    }

    private final ModelQualityConfig config;
    private final ModelQualityCounters counters;
    private final long horizon;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> store;
    private JoinClocks clocks;
    private boolean legacy = true;

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
        this.legacy = true;
        context.schedule(REPORT_CHECK, PunctuationType.WALL_CLOCK_TIME,
                now -> DropReport.log(counters.takeReport(now), config.ttl()));
    }

    @Override
    public void process(Record<String, Input> r) {
        if (r.value() == null) {
            return;
        }
        if (legacy) { // an upgraded store: move what the version before left, this inference's first
            String inferenceId = r.value().rows() != null ? r.key()
                    : r.value().label() != null ? r.value().label().inferenceId() : null;
            if (inferenceId != null) {
                JoinIndex.migrateOne(store, inferenceId);
            }
            legacy = JoinIndex.migrateLegacy(store, MIGRATE_PER_INPUT);
        }
        if (r.value().rows() != null) {
            processRows(r.key(), r.value().rows(), r.timestamp());
        } else {
            processLabel(r.value().label(), r.timestamp());
        }
    }

    /** One inference's rows; the timestamp is its event time (the pairing stage emits it so). */
    private void processRows(String inferenceId, List<RowPrediction> rows, long eventTime) {
        if (rows.isEmpty()) {
            return;
        }
        String model = rows.get(0).model();
        long clock = clocks.advanceRows(model, eventTime);
        String firstPart = JoinIndex.part(inferenceId, rows.get(0).row());
        if (JoinIndex.onePart(rows)) { // the usual batch: one read and one write
            processPart(inferenceId, firstPart, rows, eventTime, clock);
        } else {
            Map<String, List<RowPrediction>> parts = new LinkedHashMap<>();
            for (RowPrediction rec : rows) {
                parts.computeIfAbsent(JoinIndex.part(inferenceId, rec.row()), k -> new ArrayList<>()).add(rec);
            }
            parts.forEach((part, recs) -> processPart(inferenceId, part, recs, eventTime, clock));
        }
        clocks.rowCheck(model).ifPresent(c -> expireRows(model, c));
    }

    private void processPart(String inferenceId, String part, List<RowPrediction> rows, long eventTime,
                             long clock) {
        String key = JoinIndex.group(part);
        JoinGroup g = read(key);
        boolean hadRows = g.hasRows();
        boolean changed = false;
        for (RowPrediction rec : rows) {
            JoinGroup.WaitingLabel label = g.takeLabel(rec.row());
            if (label != null) {
                forward(rec.model(), rec.modelVersion(), rec.windowStart(), label.label(), rec.prediction());
                StoreDeletes.delete(store, JoinIndex.labelKey(label.expiresAt(), inferenceId, rec.row()));
                changed = true;
            } else if (g.rows().containsKey(rec.row())) {
                continue; // a repeated row (replay without exactly-once) keeps the first
            } else if (eventTime + horizon <= clock) { // a horizon behind the model's newest rows: expires at once
                counters.add(rec.model(), ModelQualityCounters.RECORDS_EXPIRED, 1,
                        JoinInputs.example(inferenceId, rec.row()));
            } else {
                if (!g.hasRows()) {
                    g.rowsOf(rec.model(), rec.modelVersion(), rec.windowStart(), eventTime + horizon);
                }
                g.addRow(rec.row(), rec.prediction());
                changed = true;
            }
        }
        if (changed) {
            if (!hadRows && g.hasRows()) {
                JoinIndex.put(store, JoinIndex.rowsKey(g, part));
            }
            write(key, g);
        }
    }

    /** A label; its timestamp is its arrival (Kafka record timestamp). */
    private void processLabel(GroundTruthLabel label, long arrival) {
        if (label == null) {
            counters.add(ModelQualityCounters.LABELS_UNREADABLE, 1);
            return;
        }
        long clock = clocks.advanceLabels(arrival);
        String inferenceId = label.inferenceId();
        int row = label.row();
        String part = JoinIndex.part(inferenceId, row);
        String groupKey = JoinIndex.group(part);
        JoinGroup g = read(groupKey);
        Object prediction = g.takeRow(row);
        if (prediction != null) {
            forward(g.model(), g.modelVersion(), g.windowStart(), label.label(), prediction);
            if (!g.hasRows()) {
                StoreDeletes.delete(store, JoinIndex.rowsKey(g, part));
            }
        } else {
            JoinGroup.WaitingLabel waiting = g.takeLabel(row);
            if (waiting != null) { // replaced by the newer label
                StoreDeletes.delete(store, JoinIndex.labelKey(waiting.expiresAt(), inferenceId, row));
            }
            if (arrival + horizon <= clock) { // a horizon older than the newest label: would expire at once
                counters.add(knownModel(label.model()), ModelQualityCounters.LABELS_EXPIRED, 1,
                        JoinInputs.example(inferenceId, row));
                if (waiting == null) {
                    clocks.labelCheck().ifPresent(this::expireLabels);
                    return;
                }
            } else {
                long expiresAt = arrival + horizon;
                g.addLabel(row, new JoinGroup.WaitingLabel(label.model() == null ? "" : label.model(), expiresAt,
                        label.label()));
                JoinIndex.put(store, JoinIndex.labelKey(expiresAt, inferenceId, row));
            }
        }
        write(groupKey, g);
        clocks.labelCheck().ifPresent(this::expireLabels);
    }

    private void forward(String model, String modelVersion, long windowStart, Object label, Object prediction) {
        context.forward(new Record<>(model, LabelledPairCodec.toBytes(new LabelledPair(model, modelVersion,
                windowStart, label, prediction)), windowStart));
    }

    /** Drops the waiting rows of {@code model} that expired by {@code clock}, its row clock; counts them. */
    private void expireRows(String model, long clock) {
        String prefix = JoinIndex.rows(model);
        long n = 0;
        String example = null;
        for (String x : JoinIndex.due(store, prefix, clock)) {
            StoreDeletes.delete(store, x);
            String part = JoinIndex.restOf(x, prefix);
            String key = JoinIndex.group(part);
            JoinGroup g = read(key);
            if (!g.hasRows() || !x.equals(JoinIndex.rowsKey(g, part))) {
                continue; // the rows joined or were replaced; their own index key decides
            }
            n += g.rows().size();
            if (example == null) {
                example = JoinInputs.example(JoinIndex.inferenceOf(part), g.rows().keySet().iterator().next());
            }
            g.clearRows();
            write(key, g);
        }
        if (n > 0) {
            counters.add(model, ModelQualityCounters.RECORDS_EXPIRED, n, example);
        }
    }

    /** Drops the waiting labels that expired by {@code clock}, the label clock; counts them per model. */
    private void expireLabels(long clock) {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, String> examples = new TreeMap<>();
        for (String x : JoinIndex.due(store, JoinIndex.LABELS, clock)) {
            StoreDeletes.delete(store, x);
            String rest = JoinIndex.restOf(x, JoinIndex.LABELS);
            int bar = rest.lastIndexOf('|');
            String inferenceId = rest.substring(0, bar);
            int row = Integer.parseInt(rest.substring(bar + 1));
            String key = JoinIndex.group(JoinIndex.part(inferenceId, row));
            JoinGroup g = read(key);
            JoinGroup.WaitingLabel l = g.labels().get(row);
            if (l == null || !x.equals(JoinIndex.labelKey(l.expiresAt(), inferenceId, row))) {
                continue; // the label joined or was replaced; its own index key decides
            }
            g.takeLabel(row);
            write(key, g);
            String model = knownModel(l.model());
            counts.merge(model, 1L, Long::sum);
            examples.putIfAbsent(model, JoinInputs.example(inferenceId, row));
        }
        counts.forEach((model, n) -> counters.add(model, ModelQualityCounters.LABELS_EXPIRED, n,
                examples.get(model)));
    }

    /** A label's model if the join has seen rows of it, else none: labels' model fields are not trusted as tags. */
    private String knownModel(String model) {
        return model != null && clocks.knows(model) ? model : ModelQualityCounters.NO_MODEL;
    }

    /** The group at {@code key}, or a new empty one. */
    private JoinGroup read(String key) {
        byte[] b = store.get(key);
        return b == null ? new JoinGroup() : JoinGroupCodec.fromBytes(b);
    }

    /** Writes {@code g} back, or deletes it when nothing waits in it any more. */
    private void write(String key, JoinGroup g) {
        if (g.isEmpty()) {
            StoreDeletes.delete(store, key);
        } else {
            store.put(key, JoinGroupCodec.toBytes(g));
        }
    }

}
