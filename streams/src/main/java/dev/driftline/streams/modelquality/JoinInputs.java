package dev.driftline.streams.modelquality;

import dev.driftline.contracts.RecordFormatException;
import dev.driftline.contracts.labels.LabelCodec;
import dev.driftline.drift.capture.GroundTruthLabel;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.drift.modelquality.ModelQualityFigures;
import dev.driftline.streams.window.WindowSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What the label join ({@link LabelJoinProcessor}) takes of its two inputs: the judged prediction of each normalised
 * record (computed in the ingest job, so only this small value travels to the join's sub-topology) and the label of
 * a labels-topic value.
 */
final class JoinInputs {
    private JoinInputs() {
    }

    /**
     * What the join needs of a normalised record, or null (counted) when it has no prediction to judge; runs in
     * the ingest job, so only this small value travels to the join's sub-topology.
     */
    static RowPrediction rowPrediction(InferenceRecord rec, WindowSpec window, ModelQualityCounters counters) {
        Object prediction = prediction(rec);
        if (prediction == null) {
            counters.add(rec.model(), ModelQualityCounters.RECORDS_WITHOUT_PREDICTION, 1,
                    example(rec.inferenceId(), rec.row()));
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

    /** How a drop's example names a row: {@code id|row <inferenceId>|<row>}. */
    static String example(String inferenceId, int row) {
        return "id|row " + inferenceId + "|" + row;
    }
}
