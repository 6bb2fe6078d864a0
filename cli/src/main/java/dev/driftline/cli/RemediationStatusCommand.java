package dev.driftline.cli;

import dev.driftline.config.Config;
import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeCodec;
import dev.driftline.remediation.policy.RemediationPolicy;
import dev.driftline.remediation.service.RemediationKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code driftline remediation status}: each model's latest episode, as the compacted episodes topic has it. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show each model's latest remediation episode.",
            "%nReads <prefix>remediation.episodes from the beginning with a plain consumer (no consumer group, "
                    + "nothing committed) and prints model, episode id, state, rollout step, last update (UTC) and the "
                    + "decision or failure. STEP is 1-based; with the policy (--policy, or remediation.policy in "
                    + "--config) it also shows the candidate's traffic share."})
public final class RemediationStatusCommand extends RemediationSubcommand {

    @Option(names = "--model", description = "Only this model.")
    String model;

    @Option(names = "--json", description = "One JSON object per line (the episode record's own format).")
    boolean json;

    @Option(names = "--policy", paramLabel = "FILE", description = "The service's policy, to show traffic shares.")
    Path policy;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Config config = kafka.config(parent);
        Optional<RemediationPolicy> rollout = Optional.ofNullable(policy).or(() -> config.find(RemediationKeys.POLICY))
                .map(RemediationPolicy::load);
        List<Episode> episodes;
        try (RemediationKafka k = kafka.connect(config)) {
            episodes = RemediationEpisodes.read(k, spec.commandLine().getErr()).latest();
        }
        if (model != null) {
            episodes = episodes.stream().filter(e -> e.model().equals(model)).toList();
        }
        if (episodes.isEmpty()) {
            out.println(model == null ? "no remediation episodes yet" : "no remediation episodes of " + model + " yet");
            return 0;
        }
        if (json) {
            episodes.forEach(e -> out.println(EpisodeCodec.INSTANCE.toJson(e).toString()));
            out.flush();
            return 0;
        }
        RemediationTable table = new RemediationTable("MODEL", "EPISODE", "STATE", "STEP", "UPDATED",
                "DECISION / FAILURE");
        for (Episode e : episodes) {
            table.row(e.model(), e.id(), e.state().name(), step(e, rollout), RemediationTable.time(e.updatedAt()),
                    e.failure() != null ? e.failure() : e.decision() != null ? e.decision() : "");
        }
        table.print(out);
        return 0;
    }

    /** "-" before the rollout; "2", or "2/3 (50%)" when the policy says what step 2 means. */
    static String step(Episode e, Optional<RemediationPolicy> policy) {
        if (e.step() < 0) {
            return "-";
        }
        String n = Integer.toString(e.step() + 1);
        if (policy.isEmpty()) {
            return n;
        }
        List<Integer> steps = policy.get().forModel(e.model()).rollout().steps();
        return e.step() < steps.size() ? n + "/" + steps.size() + " (" + steps.get(e.step()) + "%)" : n;
    }
}
