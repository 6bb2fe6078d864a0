package dev.driftline.streams.merge;

import dev.driftline.contracts.Topics;
import dev.driftline.contracts.window.PartialWindow;
import dev.driftline.streams.support.CommitHook;
import dev.driftline.streams.support.LongCodec;
import dev.driftline.streams.window.LateRecords;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Its own sub-topology: {@code window.partials} (key model, one {@link PartialWindow} per task and window) →
 * [merge-window-partials] (store {@value WindowMergeProcessor#STORE}) → {@code profiles} (key model,
 * {@code MergedWindow}, {@code MergedWindowCodec}). The partials are keyed by model, so every partial of one model
 * meets in one task.
 */
public final class WindowMergeTopology {
    private WindowMergeTopology() {
    }

    /** Adds the merge to {@code builder} (the partials carry their own window bounds: no window spec needed). */
    public static void addTo(StreamsBuilder builder, Topics topics, MergeConfig merge) {
        addTo(builder, topics, merge, new LateRecords());
    }

    /** As {@link #addTo(StreamsBuilder, Topics, MergeConfig)}, counting the rows of dropped partials in {@code late}. */
    public static void addTo(StreamsBuilder builder, Topics topics, MergeConfig merge, LateRecords late) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WindowMergeProcessor.STORE),
                Serdes.String(), MergeEntryCodec.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SourceProgress.STORE),
                Serdes.String(), LongCodec.serde()));
        builder.addStateStore(CommitHook.builder(WindowMergeProcessor.COMMIT_HOOK));
        builder.stream(topics.partialProfiles.name(), Consumed.with(topics.partialProfiles.keySerde(),
                        topics.partialProfiles.valueSerde()).withName("read-window-partials"))
                .process(() -> new WindowMergeProcessor(merge, late), Named.as("merge-window-partials"),
                        WindowMergeProcessor.STORE, SourceProgress.STORE, WindowMergeProcessor.COMMIT_HOOK)
                .to(topics.profiles.name(), Produced.with(topics.profiles.keySerde(), topics.profiles.valueSerde())
                        .withName("write-profiles"));
    }
}
