package dev.driftline.streams.modelquality;

/**
 * The value of a {@code E|inferenceId|row} entry that the versions before kept in the
 * {@value LabelJoinProcessor#STORE} store, one per row (now only read, to move them into {@link JoinGroup}s:
 * {@link JoinIndex#migrateLegacy}): one side of the join waiting for the other — a row ({@code isRecord}: its model,
 * model version, window start and prediction as {@code value}) or a label ({@code value} the label, model version "")
 * — and when it expires. Binary form: {@link JoinEntryCodec}.
 */
record JoinEntry(boolean isRecord, long expiresAt, String model, String modelVersion, long windowStart,
                 Object value) {
}
