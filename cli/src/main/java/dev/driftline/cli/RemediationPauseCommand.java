package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import dev.driftline.contracts.remediation.RemediationCommand;
import dev.driftline.remediation.control.OperatorCommands;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code driftline remediation pause|resume [--model M]}. A global command goes to every partition of the commands
 * topic with key {@code *}: each service instance only sees the partitions it owns, and every one of them must
 * learn that everything is paused.
 */
public abstract class RemediationPauseCommand extends RemediationSubcommand {
    @Option(names = "--model", description = "Only this model (default: every model).")
    String model;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why; logged by the service.")
    String reason;

    @Option(names = "--by", paramLabel = "NAME", description = "Who (default: $USER).")
    String by;


    abstract RemediationCommand.Action action();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (model != null && (model.isBlank() || model.equals(RemediationCommand.ALL_MODELS))) {
            throw new UserInputException("--model: give a model name; leave --model out for every model");
        }
        String verb = action().name().toLowerCase(java.util.Locale.ROOT);
        try (RemediationKafka k = kafka.connect(kafka.config(parent))) {
            String topic = k.topics().remediationCommands.name();
            int partitions = k.partitions(topic);
            if (partitions == 0) {
                throw new UserInputException(topic + " does not exist: the remediation service creates it on start"
                        + " (driftline remediation)");
            }
            RemediationCommand c = OperatorCommands.forModels(action(), model, user(by), reason, clock.millis());
            OperatorCommands.records(topic, partitions, c).forEach(k::send);
            if (model != null) {
                out.printf("%s of model %s sent as command %s to %s%n", verb, model, c.commandId(), topic);
            } else {
                out.printf("%s of every model sent as command %s to all %d partitions of %s%n", verb, c.commandId(),
                        partitions, topic);
            }
            out.println("it takes effect when driftline remediation reads it; running episodes "
                    + (action() == RemediationCommand.Action.PAUSE ? "keep going (cancel stops one)" : "are unaffected"));
            out.flush();
        }
        return 0;
    }

    /** {@code --by}, else the login name: who did it is part of the record. */
    static String user(String by) {
        if (by != null && !by.isBlank()) {
            return by;
        }
        String env = System.getenv("USER");
        return env != null && !env.isBlank() ? env : System.getProperty("user.name", "unknown");
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = {"Pause remediation for one model (--model) or every model.",
                "%nNo new episode starts (for every model: a '*' command on every partition of "
                        + "<prefix>remediation.commands). Episodes already running go on; cancel stops one. resume undoes "
                        + "it."})
    public static final class Pause extends RemediationPauseCommand {
        @Override
        RemediationCommand.Action action() {
            return RemediationCommand.Action.PAUSE;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = {"Resume remediation for one model (--model) or every model."})
    public static final class Resume extends RemediationPauseCommand {
        @Override
        RemediationCommand.Action action() {
            return RemediationCommand.Action.RESUME;
        }
    }
}
