package dev.driftline.streams.pairing;

import dev.driftline.contracts.Topics;
import dev.driftline.streams.support.CommitHook;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * Builder of the first stage: read raw inference events (event time from {@code ce_time}; one more than an hour
 * ahead of the wall clock is a dead letter, {@link FutureEventTimeGuard}), drop duplicates, pair
 * request and response by event id. The key stays the event id, so pairing needs no repartition: the collector
 * keys both events by it, which puts them in the same partition.
 */
public final class PairingTopology {
    private PairingTopology() {
    }

    /** Adds pairing to {@code builder}; returns the pairs, still keyed by event id. */
    public static KStream<String, PendingEvent> addTo(StreamsBuilder builder, Topics topics, PairingConfig config) {
        return addTo(builder, topics, config, PairingListener.NONE);
    }

    /** As {@link #addTo(StreamsBuilder, Topics, PairingConfig)}, telling {@code listener} about the traffic. */
    public static KStream<String, PendingEvent> addTo(StreamsBuilder builder, Topics topics, PairingConfig config,
                                                      PairingListener listener) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PairingProcessor.STORE),
                Serdes.String(), PendingEventCodec.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PairingProcessor.INDEX),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(CommitHook.builder(PairingProcessor.COMMIT_HOOK));
        return builder.stream(topics.inferenceEvents.name(),
                        Consumed.with(topics.inferenceEvents.keySerde(),
                                        FutureEventTimeGuard.serde(topics.inferenceEvents.valueSerde(),
                                                Clock.systemUTC()))
                                .withTimestampExtractor(new CloudEventTimeExtractor()).withName("read-inference-events"))
                .process(() -> new PairingProcessor(config, listener), Named.as("pair-and-dedupe"), PairingProcessor.STORE,
                        PairingProcessor.INDEX, PairingProcessor.COMMIT_HOOK);
    }
}
