package dev.driftline.streams.support;

/**
 * A stream-time schedule checked by the processor itself after each record, instead of a Kafka Streams
 * {@code STREAM_TIME} punctuation, with the same ticks: aligned to multiples of the interval, firing on the first
 * record whose stream time reaches the next one, skipping the ticks a gap jumped over.
 *
 * <p>Why: Kafka Streams halves the number of records it processes per task between its bookkeeping rounds every
 * time any punctuator fires (and pays per round, for every task, checks that format log strings). Replaying a
 * backlog moves stream time across a tick every few records, so a one-second punctuation kept that number at one
 * or two, and the rounds' overhead was a quarter of the stream thread. Checked here it costs a comparison.
 */
public final class StreamTimeTicks {
    private final long intervalMs;
    private long next = 0L; // Kafka Streams aligns stream-time punctuation to 0 and fires on the first record

    public StreamTimeTicks(long intervalMs) {
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + intervalMs);
        }
        this.intervalMs = intervalMs;
    }

    /** Whether {@code streamTime} reached the next tick; if so the tick after it is scheduled. */
    public boolean due(long streamTime) {
        if (streamTime < next) {
            return false;
        }
        next = Math.floorDiv(streamTime, intervalMs) * intervalMs + intervalMs;
        return true;
    }
}
