package dev.driftline.cli;

import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeCodec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The episodes topic folded into each model's latest episode (what the compacted topic means), plus the last
 * record seen of every episode id, so a command for an episode that was replaced can say so instead of "unknown".
 * Records that cannot be decoded are skipped with one warning each: one bad record must not hide the others.
 */
final class RemediationEpisodes {
    private final Map<String, Episode> latest = new HashMap<>();
    private final Map<String, Episode> byId = new HashMap<>();
    private final PrintWriter err;

    private RemediationEpisodes(PrintWriter err) {
        this.err = err;
    }

    /** Reads the episodes topic to its end; the consumer stays there for {@link #accept} of later records. */
    static RemediationEpisodes read(RemediationKafka kafka, PrintWriter err) {
        RemediationEpisodes e = new RemediationEpisodes(err);
        kafka.readToEnd(kafka.topics().remediationEpisodes.name()).forEach(e::accept);
        return e;
    }

    /** Folds one record in; returns the episode it carried, if readable. */
    Optional<Episode> accept(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) { // a tombstone: the model has no episode any more
            if (r.key() != null) {
                latest.remove(r.key());
            }
            return Optional.empty();
        }
        try {
            Episode e = EpisodeCodec.INSTANCE.decode(r.value());
            latest.put(e.model(), e);
            byId.put(e.id(), e);
            return Optional.of(e);
        } catch (RuntimeException ex) {
            err.println("skipped an unreadable episode record at " + r.topic() + "-" + r.partition() + "@"
                    + r.offset() + ": " + ex.getMessage());
            return Optional.empty();
        }
    }

    /** Each model's latest episode, by model name. */
    List<Episode> latest() {
        List<Episode> all = new ArrayList<>(latest.values());
        all.sort(Comparator.comparing(Episode::model));
        return all;
    }

    Optional<Episode> latest(String model) {
        return Optional.ofNullable(latest.get(model));
    }

    /** The episode with this id if it is its model's latest one. */
    Optional<Episode> current(String episodeId) {
        return latest.values().stream().filter(e -> e.id().equals(episodeId)).findFirst();
    }

    /** The last record of an episode with this id, current or replaced. */
    Optional<Episode> seen(String episodeId) {
        return Optional.ofNullable(byId.get(episodeId));
    }
}
