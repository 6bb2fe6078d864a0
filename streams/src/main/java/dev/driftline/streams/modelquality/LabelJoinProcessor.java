package dev.driftline.streams.modelquality;

import dev.driftline.drift.modelquality.ModelQualityFigures;

import dev.driftline.drift.capture.GroundTruthLabel;
import dev.driftline.contracts.labels.LabelCodec;
import dev.driftline.contracts.RecordFormatException;

import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.streams.support.StoreKeys;
import dev.driftline.streams.window.WindowSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins ground-truth labels to inference rows on (inference id, row), in the ingest sub-topology: both inputs are
 * keyed by the inference id (= event id) and co-partitioned, so a row and its label are always in the same task.
 *
 * <p>The changelogged store {@link #STORE} holds, per {@code E|inferenceId|row}, whichever side came first — for a row
 * only what quality needs (model, window start of its event time, its prediction), for a label only the label — and
 * per {@code X|expiresAt|inferenceId|row} an index entry so that expiry reads only what is due. When the other side
 * comes, a {@link LabelledPair} (key model, timestamp of the completing input) is forwarded and the entry deleted,
 * all while processing that input, i.e. in the same transaction as its offset. An entry expires {@code ttl} after
 * the timestamp of the input that created it (rows: event time; labels: the Kafka record timestamp, i.e. arrival),
 * checked against the task's stream time: a row that never gets a label is normal and only counted; a label that
 * never found its row is counted and logged. The first label of a row wins; a second label after the pair was
 * formed finds no row and expires as an unmatched label. A label waiting for its row is replaced by a newer one.
 */
final class LabelJoinProcessor implements Processor<String, LabelJoinProcessor.Input, String, byte[]> {
    public static final String STORE = "quality-join";
    private static final Logger LOG = LoggerFactory.getLogger(LabelJoinProcessor.class);
    private static final byte[] EMPTY = new byte[0];

    /**
     * One input of the join: an inference row's prediction, or a labels-topic value — its label, or null when the
     * value cannot be used ({@link #label(String, byte[])}).
     */
    public record Input(RowPrediction record, GroundTruthLabel label) {
        static Input ofLabel(String key, byte[] value) {
            return new Input(null, LabelJoinProcessor.label(key, value));
        }
    }

    private final WindowSpec window;
    private final ModelQualityConfig config;
    private final ModelQualityCounters counters;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> store;

    LabelJoinProcessor(WindowSpec window, ModelQualityConfig config, ModelQualityCounters counters) {
        this.window = window;
        this.config = config;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        // The TTL is days; checking once a minute of stream time is plenty and keeps the index scans rare.
        Duration every = config.ttl().compareTo(Duration.ofMinutes(1)) < 0 ? config.ttl() : Duration.ofMinutes(1);
        context.schedule(every, PunctuationType.STREAM_TIME, this::expire);
    }

    @Override
    public void process(Record<String, Input> r) {
        if (r.value() == null) {
            return;
        }
        if (r.value().record() != null) {
            processRecord(r.key(), r.value().record(), r.timestamp());
        } else {
            processLabel(r.value().label(), r.timestamp());
        }
    }

    private void processRecord(String inferenceId, RowPrediction rec, long timestamp) {
        String key = entryKey(inferenceId, rec.row());
        JoinEntry waiting = read(key);
        if (waiting != null && !waiting.isRecord()) {
            forward(rec.model(), rec.windowStart(), waiting.value(), rec.prediction(), timestamp);
            remove(key, waiting);
        } else if (waiting == null) { // a repeated row (replay without exactly-once) keeps the first
            put(key, new JoinEntry(true, timestamp + config.ttl().toMillis(), rec.model(), rec.windowStart(),
                    rec.prediction()));
        }
    }

    /**
     * What the join needs of a normalised record, or null (counted) when it has no prediction to judge; runs in
     * the ingest job, so only this small value travels to the join's sub-topology.
     */
    static RowPrediction rowPrediction(InferenceRecord rec, WindowSpec window, ModelQualityCounters counters) {
        Object prediction = prediction(rec);
        if (prediction == null) {
            counters.add(ModelQualityCounters.RECORDS_WITHOUT_PREDICTION, 1);
            return null;
        }
        return new RowPrediction(rec.row(), rec.model(), window.windowStart(rec.model(), rec.eventTime().toEpochMilli()),
                prediction);
    }

    private void processLabel(GroundTruthLabel label, long timestamp) {
        if (label == null) {
            counters.add(ModelQualityCounters.LABELS_UNREADABLE, 1);
            return;
        }
        String entryKey = entryKey(label.inferenceId(), label.row());
        JoinEntry waiting = read(entryKey);
        if (waiting != null && waiting.isRecord()) {
            forward(waiting.model(), waiting.windowStart(), label.label(), waiting.value(), timestamp);
            remove(entryKey, waiting);
            return;
        }
        if (waiting != null) {
            remove(entryKey, waiting);
        }
        put(entryKey, new JoinEntry(false, timestamp + config.ttl().toMillis(), label.model(), 0, label.label()));
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

    private void forward(String model, long windowStart, Object label, Object prediction, long timestamp) {
        context.forward(new Record<>(model, LabelledPairCodec.toBytes(new LabelledPair(model, windowStart, label,
                prediction)), timestamp));
    }

    /** Drops the entries whose TTL passed in stream time; counts rows and labels that never met. */
    private void expire(long streamTime) {
        List<String> due = new ArrayList<>();
        // Inclusive range: every index key of an expiry <= streamTime sorts below the bare "X|<streamTime + 1>".
        try (KeyValueIterator<String, byte[]> it = store.range("X|", indexPrefix(streamTime + 1))) {
            while (it.hasNext()) {
                due.add(it.next().key);
            }
        }
        long records = 0;
        long labels = 0;
        String example = null;
        for (String x : due) {
            String key = "E|" + x.substring(x.indexOf('|', 2) + 1);
            store.delete(x);
            JoinEntry e = read(key);
            if (e == null || !x.equals(indexKey(e.expiresAt(), key))) {
                continue; // the entry was replaced; its own index key decides
            }
            store.delete(key);
            if (e.isRecord()) {
                records++;
            } else {
                labels++;
                example = key.substring(2);
            }
        }
        counters.add(ModelQualityCounters.RECORDS_EXPIRED, records);
        counters.add(ModelQualityCounters.LABELS_EXPIRED, labels);
        if (records > 0) {
            LOG.info("{} inference rows got no label within {} and were dropped from the quality join", records,
                    config.ttl());
        }
        if (labels > 0) {
            LOG.warn("{} labels found no inference row within {} and were dropped (e.g. id|row {})", labels,
                    config.ttl(), example);
        }
    }

    private JoinEntry read(String key) {
        byte[] b = store.get(key);
        return b == null ? null : JoinEntryCodec.fromBytes(b);
    }

    private void put(String key, JoinEntry e) {
        store.put(key, JoinEntryCodec.toBytes(e));
        store.put(indexKey(e.expiresAt(), key), EMPTY);
    }

    private void remove(String key, JoinEntry e) {
        store.delete(key);
        store.delete(indexKey(e.expiresAt(), key));
    }

    /** {@code E|inferenceId|row}: the row is the last segment, so an id containing '|' stays unambiguous. */
    static String entryKey(String inferenceId, int row) {
        return "E|" + inferenceId + "|" + row;
    }

    private static String indexPrefix(long expiresAt) {
        return "X|" + StoreKeys.padded(Math.max(0, expiresAt));
    }

    private static String indexKey(long expiresAt, String entryKey) {
        return indexPrefix(expiresAt) + "|" + entryKey.substring(2);
    }
}
