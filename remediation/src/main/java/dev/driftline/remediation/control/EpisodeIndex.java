package dev.driftline.remediation.control;

import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeCodec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The episodes topic folded into each model's latest episode (what the compacted topic means), plus the last
 * record seen of every episode id, so a command for an episode that was replaced can say so instead of "unknown".
 * Records that cannot be decoded are skipped with one warning each: one bad record must not hide the others. The
 * CLI's status and decisions and the control API find episodes through it.
 */
public final class EpisodeIndex {
    private final Map<String, Episode> latest = new HashMap<>();
    private final Map<String, Episode> byId = new HashMap<>();
    private final Consumer<String> warn;

    /** @param warn where a skipped record is reported */
    public EpisodeIndex(Consumer<String> warn) {
        this.warn = warn;
    }

    /** Folds one record in; returns the episode it carried, if readable. */
    public Optional<Episode> accept(ConsumerRecord<String, byte[]> r) {
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
            warn.accept("skipped an unreadable episode record at " + r.topic() + "-" + r.partition() + "@"
                    + r.offset() + ": " + ex.getMessage());
            return Optional.empty();
        }
    }

    /** Each model's latest episode, by model name. */
    public List<Episode> latest() {
        List<Episode> all = new ArrayList<>(latest.values());
        all.sort(Comparator.comparing(Episode::model));
        return all;
    }

    public Optional<Episode> latest(String model) {
        return Optional.ofNullable(latest.get(model));
    }

    /** The episode with this id if it is its model's latest one. */
    public Optional<Episode> current(String episodeId) {
        return latest.values().stream().filter(e -> e.id().equals(episodeId)).findFirst();
    }

    /** The last record of an episode with this id, current or replaced. */
    public Optional<Episode> seen(String episodeId) {
        return Optional.ofNullable(byId.get(episodeId));
    }
}
