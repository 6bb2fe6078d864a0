package dev.driftline.streams.normalize;

import dev.driftline.drift.model.InferenceRecord;
import org.apache.kafka.common.header.Headers;

/**
 * What the normalise step makes of one pair: a record for {@code inference.records}, or a dead letter carrying
 * the original bytes and the reason in {@code dl_*} headers. {@code record} is the parsed row (null for a dead
 * letter), which the window profiler reads in the same sub-topology instead of reading the topic back.
 */
record Normalized(String key, byte[] value, Headers headers, boolean deadLetter, InferenceRecord record) {
}
