package dev.driftline.contracts.kafka;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * A service's start-up wait for Kafka: probes the bootstrap servers ({@link KafkaProbe}) once a second until the
 * cluster answers or the start-up timeout ({@code <service>.startup-timeout}) has passed. While it waits it says so
 * in driftline's own words, at once and then at most every {@link #REPEAT} (or when the reason changes), e.g.
 * <pre>driftline streams: waiting for Kafka at 127.0.0.1:1 (not reachable: connection refused) — is the broker
 * running? Set --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS</pre>
 * and when the time is up it throws {@link KafkaUnreachableException} with one final sentence. A reachable cluster
 * costs one TCP connect and one describeCluster, and says nothing.
 */
public final class KafkaStartupWait {
    /** The hint the command-line services add: where the address comes from. */
    public static final String CLI_HINT = "is the broker running? Set --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS";
    /** How often a still-failing wait repeats its line. */
    public static final Duration REPEAT = Duration.ofSeconds(10);
    private static final Duration ATTEMPT = Duration.ofSeconds(5);
    private static final long PAUSE_MS = 1000;

    private KafkaStartupWait() {
    }

    /** Thrown when Kafka did not answer within the start-up timeout; the message is the final line. */
    public static final class KafkaUnreachableException extends RuntimeException {
        private final String reason;

        public KafkaUnreachableException(String message, String reason) {
            super(message);
            this.reason = reason;
        }

        /** The probe's last reason, e.g. {@code connection refused}. */
        public String reason() {
            return reason;
        }
    }

    /**
     * Waits for Kafka at {@code servers}; returns as soon as it answers.
     *
     * @param who     the line prefix, e.g. {@code driftline streams}
     * @param client  the service's Kafka client properties (TLS/SASL) for the probe
     * @param timeout how long to wait before giving up
     * @param hint    what to check, appended to the lines (e.g. {@link #CLI_HINT}); may be empty
     * @param say     where the waiting lines go (one line per call, no newline)
     * @return how long it waited (zero when Kafka answered at once)
     * @throws KafkaUnreachableException when it did not answer within {@code timeout}
     */
    public static Duration await(String who, String servers, Properties client, Duration timeout, String hint,
                                 Consumer<String> say) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String tail = hint == null || hint.isBlank() ? "" : " — " + hint;
        String lastSaid = null;
        long lastSaidAt = 0;
        while (true) {
            long left = deadline - System.nanoTime();
            Duration attempt = Duration.ofNanos(Math.max(Duration.ofMillis(500).toNanos(),
                    Math.min(ATTEMPT.toNanos(), left)));
            KafkaProbe.Result r = KafkaProbe.probe(servers, client, attempt);
            long now = System.nanoTime();
            Duration waited = Duration.ofNanos(now - start);
            if (r.reachable()) {
                if (lastSaid != null) {
                    say.accept(who + ": Kafka at " + servers + " is reachable after " + whole(waited));
                }
                return waited;
            }
            if (now >= deadline) {
                throw new KafkaUnreachableException("Kafka at " + servers + " is not reachable ("
                        + r.reason() + "); gave up after " + KafkaProbe.seconds(timeout)
                        + " (startup-timeout)" + tail, r.reason());
            }
            if (lastSaid == null) {
                say.accept(who + ": waiting for Kafka at " + servers + " (not reachable: " + r.reason() + ")" + tail);
                lastSaid = r.reason();
                lastSaidAt = now;
            } else if (!r.reason().equals(lastSaid) || now - lastSaidAt >= REPEAT.toNanos()) {
                say.accept(who + ": still waiting for Kafka at " + servers + " after " + whole(waited)
                        + " (not reachable: " + r.reason() + "; giving up after " + KafkaProbe.seconds(timeout) + ")");
                lastSaid = r.reason();
                lastSaidAt = now;
            }
            long pause = Math.min(PAUSE_MS, Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
            Thread.sleep(pause);
        }
    }

    private static String whole(Duration d) {
        return KafkaProbe.seconds(Duration.ofSeconds(Math.max(0, Math.round(d.toMillis() / 1000.0))));
    }
}
