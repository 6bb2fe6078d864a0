package dev.driftline.remediation.it;

import dev.driftline.contracts.Topics;
import dev.driftline.remediation.policy.RemediationPolicy;
import dev.driftline.remediation.service.RemediationService;
import dev.driftline.remediation.service.RemediationSettings;
import dev.driftline.remediation.wiring.PolicyWorlds;
import dev.driftline.remediation.wiring.WorldClients;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * The remediation service as its own process for the crash test (what {@code driftline remediation} runs, without
 * the CLI, which this module cannot reach): args bootstrap, topic prefix, policy file, state dir, AWS endpoint,
 * region, tick (ms). Runs until killed.
 */
public final class RemediationProcessMain {
    private RemediationProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties kafka = new Properties();
        // a killed member leaves the group only when its session expires: keep that short so a restart is quick
        kafka.put("session.timeout.ms", "6000");
        kafka.put("heartbeat.interval.ms", "1000");
        RemediationSettings s = new RemediationSettings(args[0], kafka, new Topics(args[1]),
                "remediation-" + args[1], Path.of(args[3]), RemediationPolicy.load(Path.of(args[2])),
                Duration.ofMillis(Long.parseLong(args[6])), true, Optional.of(args[4]), Optional.of(args[5]),
                Optional.empty(), -1, "127.0.0.1", Duration.ofSeconds(30));
        WorldClients clients = new WorldClients(args[4], args[5], null, Clock.systemUTC());
        RemediationService.start(s, new PolicyWorlds(s.policy(), clients), Clock.systemUTC(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        System.out.println("remediation running");
        Thread.currentThread().join();
    }
}
