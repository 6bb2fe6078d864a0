package dev.driftline.cli;

import dev.driftline.remediation.control.EpisodeIndex;
import java.io.PrintWriter;

/**
 * Reads the episodes topic into an {@link EpisodeIndex} (the fold is the remediation module's, shared with the
 * service's control API); unreadable records are reported on the command's error stream.
 */
final class RemediationEpisodes {
    private RemediationEpisodes() {
    }

    /** Reads the episodes topic to its end; the consumer stays there for {@link EpisodeIndex#accept} of later records. */
    static EpisodeIndex read(RemediationKafka kafka, PrintWriter err) {
        EpisodeIndex e = new EpisodeIndex(err::println);
        kafka.readToEnd(kafka.topics().remediationEpisodes.name()).forEach(e::accept);
        return e;
    }
}
