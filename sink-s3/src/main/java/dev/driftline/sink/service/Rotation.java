package dev.driftline.sink.service;

import java.time.Duration;

/**
 * When a batch of one topic partition is closed, written and its offsets committed. The first three limits depend
 * only on the data, so a replay of the same records cuts the same files:
 *
 * @param maxRecords    records of the source partition per batch
 * @param maxBytes      key + value bytes of the source records per batch
 * @param eventInterval a batch holds records of one event-time interval (aligned to the epoch; 1h matches the
 *                      hour partitions); a record of another interval starts a new batch
 * @param maxOpen       wall-clock limit: a batch open this long is closed at the next poll, so a quiet topic still
 *                      reaches the lake. Not data-only, but safe: after a crash the replay starts at the committed
 *                      offset, and every key it writes is the first offset of its group, which overwrites
 *                      whatever the crashed run uploaded (see README, "Exactly once").
 */
public record Rotation(long maxRecords, long maxBytes, Duration eventInterval, Duration maxOpen) {

    public static final Rotation DEFAULTS = new Rotation(100_000, 128L << 20, Duration.ofHours(1),
            Duration.ofMinutes(1));

    public Rotation {
        if (maxRecords < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("rotation limits must be positive");
        }
        if (eventInterval.toMillis() < 1 || maxOpen.isNegative() || maxOpen.isZero()) {
            throw new IllegalArgumentException("rotation intervals must be positive");
        }
    }

    /** The event-time interval a time falls in. */
    long interval(long epochMillis) {
        return Math.floorDiv(epochMillis, eventInterval.toMillis());
    }
}
