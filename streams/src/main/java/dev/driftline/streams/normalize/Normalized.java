package dev.driftline.streams.normalize;

import dev.driftline.contracts.deadletter.DeadLetter;
import dev.driftline.drift.model.InferenceRecord;

/**
 * What the normalise step makes of one pair: a record for {@code inference.records} (keyed by model), or a dead
 * letter (keyed by event id) carrying the original bytes and the reason. {@code record} is also what the window
 * profiler reads in the same sub-topology instead of reading the topic back.
 */
record Normalized(String key, InferenceRecord record, DeadLetter deadLetter) {
    boolean isDeadLetter() {
        return deadLetter != null;
    }
}
