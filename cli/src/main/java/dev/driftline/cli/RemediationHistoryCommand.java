package dev.driftline.cli;

import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.EpisodeEventCodec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code driftline remediation history}: a model's transitions, oldest first, from the events topic. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Show a model's remediation transitions, oldest first.",
            "%nReads <prefix>remediation.events from the beginning with a plain consumer, as far back as the "
                    + "topic's retention reaches (the lake's remediation_events table keeps the rest), and prints time "
                    + "(UTC), episode, from → to, and what happened."})
public final class RemediationHistoryCommand extends RemediationSubcommand {

    @Option(names = "--model", required = true, description = "The model.")
    String model;

    @Option(names = "--episode", paramLabel = "ID", description = "Only this episode's transitions.")
    String episode;

    @Option(names = "--json", description = "One JSON object per line (the event record's own format).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<EpisodeEvent> events = new ArrayList<>();
        try (RemediationKafka k = kafka.connect(kafka.config(parent))) {
            // events are keyed by model, so one model's are in one partition, in the order they were made
            for (ConsumerRecord<String, byte[]> r : k.readToEnd(k.topics().remediationEvents.name())) {
                if (r.value() == null || (r.key() != null && !r.key().equals(model))) {
                    continue;
                }
                try {
                    EpisodeEvent e = EpisodeEventCodec.INSTANCE.decode(r.value());
                    if (e.model().equals(model) && (episode == null || e.episodeId().equals(episode))) {
                        events.add(e);
                    }
                } catch (RuntimeException ex) {
                    err.println("skipped an unreadable event record at " + r.topic() + "-" + r.partition() + "@"
                            + r.offset() + ": " + ex.getMessage());
                }
            }
        }
        if (events.isEmpty()) {
            out.println("no remediation history for " + model + (episode == null ? "" : " episode " + episode));
            return 0;
        }
        if (json) {
            events.forEach(e -> out.println(EpisodeEventCodec.INSTANCE.toJson(e).toString()));
            out.flush();
            return 0;
        }
        RemediationTable table = new RemediationTable("TIME", "EPISODE", "TRANSITION", "MESSAGE");
        for (EpisodeEvent e : events) {
            table.row(RemediationTable.time(e.at()), e.episodeId(),
                    (e.from() == null ? "" : e.from().name() + " ") + "→ " + e.to().name(),
                    e.message() == null ? "" : e.message());
        }
        table.print(out);
        return 0;
    }
}
