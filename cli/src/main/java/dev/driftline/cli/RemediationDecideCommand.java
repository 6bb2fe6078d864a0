package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.RemediationCommand;
import dev.driftline.remediation.control.EpisodeIndex;
import dev.driftline.remediation.control.OperatorCommands;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftline remediation approve|reject|cancel EPISODE}: checks the episode on the episodes topic (so a typo
 * or a stale id fails here with exit 2 rather than being ignored by the service), writes one command keyed by its
 * model, then watches the episodes topic until the service has acted on it.
 */
public abstract class RemediationDecideCommand extends RemediationSubcommand {
    @Parameters(index = "0", paramLabel = "EPISODE", description = "The episode id (see driftline remediation status).")
    String episodeId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why; recorded with the decision.")
    String reason;

    @Option(names = "--by", paramLabel = "NAME", description = "Who decides (default: $USER).")
    String by;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "60s",
            description = "How long to wait for the service to act, e.g. 60s (default); 0 = do not wait.")
    String waitFor;


    /** What to do; which states it applies to and when it is done is {@link OperatorCommands}'. */
    abstract RemediationCommand.Action action();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration wait = RemediationKafkaOptions.duration("--wait", waitFor);
        String verb = action().name().toLowerCase(java.util.Locale.ROOT);
        try (RemediationKafka k = kafka.connect(kafka.config(parent))) {
            String episodes = k.topics().remediationEpisodes.name();
            EpisodeIndex known = RemediationEpisodes.read(k, err);
            Episode e = known.current(episodeId).orElseThrow(() -> unknown(known, episodes));
            String refused = OperatorCommands.refusal(action(), e.state());
            if (refused != null) {
                throw new UserInputException("episode " + e.id() + " is " + e.state() + ", " + refused);
            }
            String topic = k.topics().remediationCommands.name();
            if (k.partitions(topic) == 0) {
                throw new UserInputException(topic + " does not exist: the remediation service creates it on start"
                        + " (driftline remediation)");
            }
            RemediationCommand c = OperatorCommands.forEpisode(action(), e, RemediationPauseCommand.user(by), reason,
                    clock.millis());
            RecordMetadata m = k.send(OperatorCommands.records(topic, 1, c).get(0));
            out.printf("%s of episode %s (model %s) sent as command %s to %s partition %d%n", verb, e.id(), e.model(),
                    c.commandId(), topic, m.partition());
            out.flush();
            if (wait.isZero()) {
                return 0;
            }
            return await(k, known, e, wait, out, err);
        }
    }

    /** Follows the episodes topic (the consumer is at its end) until the episode moves on or {@code wait} ends. */
    private int await(RemediationKafka k, EpisodeIndex known, Episode e, Duration wait, PrintWriter out,
                      PrintWriter err) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : k.poll(Duration.ofMillis(250))) {
                known.accept(r);
            }
            Optional<Episode> now = known.latest(e.model());
            if (now.isPresent() && !now.get().id().equals(e.id())) {
                out.println("episode " + e.id() + " was replaced by " + now.get().id() + " (" + now.get().state() + ")");
                return 0;
            }
            if (now.isPresent() && OperatorCommands.acted(action(), now.get().state())) {
                Episode n = now.get();
                String why = n.failure() != null ? n.failure() : n.decision();
                out.println("episode " + n.id() + " is now " + n.state() + (why == null ? "" : ": " + why));
                return 0;
            }
        }
        err.println("episode " + e.id() + " is still " + known.latest(e.model()).map(Episode::state).orElse(e.state())
                + " after " + wait.toSeconds() + "s: the command is on " + k.topics().remediationCommands.name()
                + " and takes effect when driftline remediation reads it (is the service running?)");
        return 1;
    }

    private UserInputException unknown(EpisodeIndex known, String topic) {
        return known.seen(episodeId).map(old -> new UserInputException("episode " + episodeId
                        + " is no longer the current episode of " + old.model() + " (now "
                        + known.latest(old.model()).map(n -> n.id() + ", " + n.state()).orElse("none") + ")"))
                .orElseGet(() -> new UserInputException("no episode " + episodeId + " on " + topic
                        + " (driftline remediation status lists each model's current episode)"));
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = {"Approve the candidate of an episode awaiting approval.",
                "%nThe service records the decision (also in the model registry) and starts the rollout. Exit 2 "
                        + "when the episode is unknown or in another state; 1 when the service has not acted within --wait."})
    public static final class Approve extends RemediationDecideCommand {
        @Override
        RemediationCommand.Action action() {
            return RemediationCommand.Action.APPROVE;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = {"Reject the candidate of an episode awaiting approval.",
                "%nThe episode ends REJECTED and the model's cooldown starts. Exit 2 when the episode is unknown or "
                        + "in another state."})
    public static final class Reject extends RemediationDecideCommand {
        @Override
        RemediationCommand.Action action() {
            return RemediationCommand.Action.REJECT;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = {"Cancel a running episode.",
                "%nBefore PROMOTED: a training job is stopped, a rollout in progress is rolled back to the previous "
                        + "serving spec, and the episode ends CANCELLED. Exit 2 when it is unknown, has ended or is already "
                        + "PROMOTED; 1 when the service has not acted within --wait."})
    public static final class Cancel extends RemediationDecideCommand {
        @Override
        RemediationCommand.Action action() {
            return RemediationCommand.Action.CANCEL;
        }
    }
}
