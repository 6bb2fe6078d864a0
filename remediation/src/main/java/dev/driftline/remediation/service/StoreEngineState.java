package dev.driftline.remediation.service;

import dev.driftline.contracts.remediation.Episode;
import dev.driftline.remediation.engine.EngineState;
import dev.driftline.remediation.episode.VersionWindow;
import dev.driftline.remediation.trigger.TriggerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The engine's state in one task's Kafka Streams stores (changelogged: restored where the model's partition goes). */
final class StoreEngineState implements EngineState {
    static final String PAUSED = "paused";

    private final KeyValueStore<String, Episode> episodes;
    private final KeyValueStore<String, TriggerState> triggers;
    private final KeyValueStore<String, List<VersionWindow>> canary;
    private final KeyValueStore<String, String> flags;
    private final org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, dev.driftline.drift.baseline.Baseline>
            baselines;

    StoreEngineState(KeyValueStore<String, Episode> episodes, KeyValueStore<String, TriggerState> triggers,
                     KeyValueStore<String, List<VersionWindow>> canary, KeyValueStore<String, String> flags,
                     org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, dev.driftline.drift.baseline.Baseline>
                             baselines) {
        this.baselines = baselines;
        this.episodes = episodes;
        this.triggers = triggers;
        this.canary = canary;
        this.flags = flags;
    }

    @Override
    public Optional<Episode> episode(String model) {
        return Optional.ofNullable(episodes.get(model));
    }

    @Override
    public void putEpisode(Episode episode) {
        episodes.put(episode.model(), episode);
    }

    @Override
    public List<Episode> runningEpisodes() {
        List<Episode> running = new ArrayList<>();
        try (KeyValueIterator<String, Episode> it = episodes.all()) {
            while (it.hasNext()) {
                KeyValue<String, Episode> kv = it.next();
                if (kv.value != null && !kv.value.state().terminal()) {
                    running.add(kv.value);
                }
            }
        }
        return running;
    }

    @Override
    public TriggerState trigger(String model) {
        TriggerState t = triggers.get(model);
        return t == null ? new TriggerState() : t;
    }

    @Override
    public void putTrigger(String model, TriggerState state) {
        triggers.put(model, state);
    }

    @Override
    public boolean globallyPaused() {
        return "true".equals(flags.get(PAUSED));
    }

    @Override
    public void setGloballyPaused(boolean paused) {
        flags.put(PAUSED, Boolean.toString(paused));
    }

    @Override
    public List<VersionWindow> canaryWindows(String model) {
        List<VersionWindow> w = canary.get(model);
        return w == null ? List.of() : w;
    }

    @Override
    public void putCanaryWindows(String model, List<VersionWindow> windows) {
        canary.put(model, windows);
    }

    @Override
    public Optional<dev.driftline.drift.baseline.Baseline> baseline(String model) {
        return Optional.ofNullable(baselines.get(model));
    }
}
