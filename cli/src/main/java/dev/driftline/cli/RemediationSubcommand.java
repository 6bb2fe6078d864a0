package dev.driftline.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every {@code driftline remediation} sub-command has: the Kafka options (flags, {@code --config}, env), the
 * parent command (flags given before the sub-command count too), picocli's spec for output, and the clock.
 */
abstract class RemediationSubcommand implements Callable<Integer> {
    @Mixin
    RemediationKafkaOptions kafka = new RemediationKafkaOptions();

    @ParentCommand
    RemediationServiceCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemUTC();
}
