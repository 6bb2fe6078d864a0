package dev.driftline.system.faults;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The senders' outcomes held against the topic: which acknowledged (2xx) events are missing, which ids are on
 * the topic more than once, and how many refused (503) events were delivered anyway (the collector's documented
 * "a 503 may still be delivered later").
 */
record Delivery(long acknowledged, long unavailable, long onTopic, List<String> lost, long duplicates,
        long refusedButDelivered) {

    static Delivery of(Collection<Outcome> outcomes, Map<String, Integer> topicCounts) {
        List<String> ackedIds = outcomes.stream().filter(Outcome::accepted).map(Outcome::id).toList();
        List<String> lost = ackedIds.stream().filter(id -> !topicCounts.containsKey(id)).sorted().toList();
        long duplicates = topicCounts.values().stream().filter(n -> n > 1).count();
        long refusedButDelivered = outcomes.stream().filter(o -> !o.accepted())
                .filter(o -> topicCounts.containsKey(o.id())).count();
        long unavailable = outcomes.stream().filter(Outcome::unavailable).count();
        return new Delivery(ackedIds.size(), unavailable, topicCounts.size(), lost, duplicates, refusedButDelivered);
    }

    /** The figures every fault test prints. */
    String figures() {
        return "acknowledged " + acknowledged + ", 503s " + unavailable + ", on topic " + onTopic + " ids, lost "
                + lost.size() + ", duplicate ids on topic " + duplicates + ", refused but delivered anyway "
                + refusedButDelivered;
    }
}
