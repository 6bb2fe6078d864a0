package dev.driftline.streams.support;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Turns on {@code processing.exception.handler.global.enabled}, Kafka Streams 5's default, for every Kafka Streams
 * application driftline starts: behaviour stays the same across that upgrade, and Kafka 4.x stops warning about it
 * on the console.
 *
 * <p>The setting is also given to the main consumer ({@code main.consumer.} prefix): Kafka 4.3's partition assignor
 * builds a second {@code StreamsConfig} from the consumer's settings alone and would otherwise warn once per
 * rebalance, whatever the application set. The consumer itself ignores the key (logged at INFO as unused).
 */
public final class GlobalThreadExceptionHandling {
    static final String KEY = "processing.exception.handler.global.enabled";

    private GlobalThreadExceptionHandling() {
    }

    /** Sets the key (and its main-consumer copy) unless the user's properties already say otherwise. */
    public static void enable(Properties p) {
        p.putIfAbsent(KEY, "true");
        p.putIfAbsent(StreamsConfig.MAIN_CONSUMER_PREFIX + KEY, p.getProperty(KEY, "true"));
    }
}
