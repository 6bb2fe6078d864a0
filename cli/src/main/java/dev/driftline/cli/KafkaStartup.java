package dev.driftline.cli;

import dev.driftline.contracts.kafka.KafkaStartupWait;
import java.time.Duration;
import java.util.Properties;

/**
 * The services' ({@code streams}, {@code sink}, {@code collector}, {@code remediation}) start-up wait for Kafka, as
 * the command line says it: waiting lines on stderr prefixed with the command's name, and, when the service's
 * {@code startup-timeout} has passed, a {@link KafkaStartupWait.KafkaUnreachableException} that {@link ErrorHandler}
 * turns into one final line and exit code 1.
 */
final class KafkaStartup {
    private KafkaStartup() {
    }

    static void await(String who, String servers, Properties kafka, Duration timeout) throws InterruptedException {
        KafkaStartupWait.await(who, servers, kafka, timeout, KafkaStartupWait.CLI_HINT, line -> {
            System.err.println(line);
            System.err.flush();
        });
    }
}
