package dev.driftline.streams.modelquality;

import java.util.Map;
import java.util.TreeMap;

/**
 * What waits in the {@value LabelJoinProcessor#STORE} store for one inference ({@code G|inferenceId}): its rows that
 * have no label yet, and labels that came before their rows. One entry per inference rather than per row: a batch
 * request's rows arrive together and share model, model version, event time (so window and expiry), and storing them
 * as one value costs one store write and one index entry instead of one each per row. Binary form:
 * {@link JoinGroupCodec}.
 *
 * <p>The rows' side, when present, holds what quality needs of them: the model, model version, window start and
 * expiry of the inference (those of its first rows to arrive: an inference id names one inference), and each row's
 * judged prediction. Each waiting label keeps its own expiry (arrival + horizon), as labels come one by one.
 */
final class JoinGroup {
    /** One label waiting for its row: the model it names ("" for none), when it expires, the label. */
    record WaitingLabel(String model, long expiresAt, Object label) {
    }

    private String model;
    private String modelVersion;
    private long windowStart;
    private long rowsExpireAt;
    private final TreeMap<Integer, Object> rows = new TreeMap<>();
    private final TreeMap<Integer, WaitingLabel> labels = new TreeMap<>();

    boolean hasRows() {
        return !rows.isEmpty();
    }

    boolean isEmpty() {
        return rows.isEmpty() && labels.isEmpty();
    }

    String model() {
        return model;
    }

    String modelVersion() {
        return modelVersion;
    }

    long windowStart() {
        return windowStart;
    }

    /** When the waiting rows expire (their inference's event time + horizon); meaningful while {@link #hasRows}. */
    long rowsExpireAt() {
        return rowsExpireAt;
    }

    /** The waiting rows: row → prediction, in row order (a view). */
    Map<Integer, Object> rows() {
        return rows;
    }

    /** The waiting labels: row → label, in row order (a view). */
    Map<Integer, WaitingLabel> labels() {
        return labels;
    }

    /** Sets the rows' side (before its first row): the inference's model, version, window and expiry. */
    void rowsOf(String model, String modelVersion, long windowStart, long expiresAt) {
        this.model = model;
        this.modelVersion = modelVersion;
        this.windowStart = windowStart;
        this.rowsExpireAt = expiresAt;
    }

    void addRow(int row, Object prediction) {
        rows.put(row, prediction);
    }

    /** Removes and returns the waiting prediction of {@code row}, or null. */
    Object takeRow(int row) {
        return rows.remove(row);
    }

    /** Drops every waiting row (they expired). */
    void clearRows() {
        rows.clear();
    }

    void addLabel(int row, WaitingLabel label) {
        labels.put(row, label);
    }

    /** Removes and returns the label waiting for {@code row}, or null. */
    WaitingLabel takeLabel(int row) {
        return labels.remove(row);
    }
}
