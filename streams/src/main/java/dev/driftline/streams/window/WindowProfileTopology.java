package dev.driftline.streams.window;

import dev.driftline.contracts.Topics;
import dev.driftline.streams.support.CommitHook;
import dev.driftline.drift.model.InferenceRecord;
import org.apache.kafka.common.serialization.Serdes;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Builder of the window stage: the normalised records, still keyed by event id (so in the ingest sub-topology, no
 * repartition), → [window-profile] (store {@value WindowProfilerProcessor#STORE}) → {@code window.partials} (key
 * model, one binary {@code PartialWindow} per task and closed window).
 */
public final class WindowProfileTopology {
    private WindowProfileTopology() {
    }

    /** Adds the per-task partial window profiles to {@code builder}, counting late rows into {@code late}. */
    public static void addTo(StreamsBuilder builder, Topics topics, KStream<String, InferenceRecord> records,
                             WindowSpec window, LateRecords late) {
        addToEvents(builder, topics, records.mapValues((InferenceRecord r) -> List.of(r),
                Named.as("window-rows-as-events")), window, late);
    }

    /** As {@link #addTo}, fed by each event's records together (key event id). */
    public static void addToEvents(StreamsBuilder builder, Topics topics, KStream<String, List<InferenceRecord>> events,
                                   WindowSpec window, LateRecords late) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WindowProfilerProcessor.STORE),
                Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(CommitHook.builder(WindowProfilerProcessor.COMMIT_HOOK));
        events.process(() -> new WindowProfilerProcessor(window, late), Named.as("window-profile"),
                        WindowProfilerProcessor.STORE, WindowProfilerProcessor.COMMIT_HOOK)
                .to(topics.partialProfiles.name(), Produced.with(topics.partialProfiles.keySerde(),
                        topics.partialProfiles.valueSerde()).withName("write-window-partials"));
    }
}
