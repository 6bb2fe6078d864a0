package dev.driftline.sink.rows;

import dev.driftline.contracts.deadletter.DeadLetter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.ObjectKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Dead letters: the records of the dead-letter topic as they are ({@link #rows}), and records of other topics the
 * sink could not read ({@link #rejected}), so nothing the sink consumed is lost. Partitioned by the record
 * timestamp; the model is {@code dl_model} when a header says so, else the record key for the sink's own rejects of
 * model-keyed topics when it looks like a model name, else {@link ObjectKeys#UNKNOWN_MODEL}.
 */
public final class DeadLetterRows implements TableRows {
    /** {@code dl_stage} of records the sink could not read. */
    public static final String SINK_STAGE = "sink";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public List<LakeRow> rows(SourceRecord r) throws BadRecordException {
        String model = r.header(DeadLetter.MODEL).filter(DeadLetterRows::looksLikeModel).orElse(ObjectKeys.UNKNOWN_MODEL);
        return List.of(row(r, model, r.header(DeadLetter.REASON).orElse(null), r.header(DeadLetter.MESSAGE).orElse(null),
                r.header(DeadLetter.PART).orElse(null), r.header(DeadLetter.STAGE).orElse(null)));
    }

    /** The dead-letter row of a record of another table's topic that the sink could not turn into rows. */
    public static LakeRow rejected(SourceRecord r, BadRecordException why) {
        return rejected(r, null, why);
    }

    /**
     * The dead-letter row of a record of {@code table}'s topic that the sink could not turn into rows; the labels
     * topic is keyed by inference id, not model, so its rejects go to {@link ObjectKeys#UNKNOWN_MODEL} instead of
     * one partition per inference.
     */
    public static LakeRow rejected(SourceRecord r, LakeTable table, BadRecordException why) {
        String key = r.key() == null || table == LakeTable.LABELS ? null : new String(r.key(), StandardCharsets.UTF_8);
        String model = key != null && looksLikeModel(key) ? key : ObjectKeys.UNKNOWN_MODEL;
        try {
            return row(r, model, why.reason(), why.getMessage(), null, SINK_STAGE);
        } catch (BadRecordException e) {
            throw new IllegalStateException("a dead-letter row always fits its table", e);
        }
    }

    private static LakeRow row(SourceRecord r, String model, String reason, String message, String part,
            String stage) throws BadRecordException {
        return LakeRow.of(LakeTable.DEAD_LETTERS, model, Instant.ofEpochMilli(r.timestamp()), TableRows.withSource(r,
                r.key(), r.value(), reason, message, part, stage, r.topic(), headersJson(r)));
    }

    private static String headersJson(SourceRecord r) {
        if (r.headers().isEmpty()) {
            return null;
        }
        ObjectNode o = MAPPER.createObjectNode();
        for (Map.Entry<String, byte[]> h : r.headers()) {
            if (h.getValue() == null) {
                o.putNull(h.getKey());
            } else {
                o.put(h.getKey(), new String(h.getValue(), StandardCharsets.UTF_8));
            }
        }
        return o.toString();
    }

    private static boolean looksLikeModel(String s) {
        return !s.isBlank() && s.length() <= 200 && s.chars().noneMatch(Character::isISOControl);
    }
}
