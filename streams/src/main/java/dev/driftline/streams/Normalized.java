package dev.driftline.streams;

import org.apache.kafka.common.header.Headers;

/**
 * What the normalise step makes of one pair: a record for {@code inference.records}, or a dead letter carrying
 * the original bytes and the reason in {@code dl_*} headers.
 */
public record Normalized(String key, byte[] value, Headers headers, boolean deadLetter) {
}
