package dev.driftline.streams.pairing;

import java.time.Duration;

/**
 * How requests and responses are paired.
 *
 * @param pairingWait         how long (event time) a request waits for its response, and a response for its request;
 *                       after that it goes on alone (a request still counts for input drift)
 * @param dedupeHorizon  how long an emitted event id is remembered, so a retried duplicate is dropped
 * @param idleGrace      when no record arrives at all, pending events are released after wait + this much wall time
 */
public record PairingConfig(Duration pairingWait, Duration dedupeHorizon, Duration idleGrace) {
    public static PairingConfig defaults() {
        return new PairingConfig(Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofSeconds(5));
    }
}
