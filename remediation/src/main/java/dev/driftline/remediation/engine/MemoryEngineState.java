package dev.driftline.remediation.engine;

import dev.driftline.contracts.remediation.Episode;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.remediation.episode.VersionWindow;
import dev.driftline.remediation.trigger.TriggerState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The engine's state in memory: for the dry run (which must change nothing, not even a state store) and tests. */
public final class MemoryEngineState implements EngineState {
    private final Map<String, Episode> episodes = new TreeMap<>();
    private final Map<String, TriggerState> triggers = new TreeMap<>();
    private final Map<String, List<VersionWindow>> canary = new TreeMap<>();
    private final Map<String, Baseline> baselines = new TreeMap<>();
    private boolean paused;

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
        return episodes.values().stream().filter(e -> !e.state().terminal()).toList();
    }

    @Override
    public TriggerState trigger(String model) {
        return triggers.computeIfAbsent(model, m -> new TriggerState());
    }

    @Override
    public void putTrigger(String model, TriggerState state) {
        triggers.put(model, state);
    }

    @Override
    public boolean globallyPaused() {
        return paused;
    }

    @Override
    public void setGloballyPaused(boolean paused) {
        this.paused = paused;
    }

    @Override
    public List<VersionWindow> canaryWindows(String model) {
        return canary.getOrDefault(model, List.of());
    }

    @Override
    public void putCanaryWindows(String model, List<VersionWindow> windows) {
        canary.put(model, List.copyOf(windows));
    }

    @Override
    public Optional<Baseline> baseline(String model) {
        return Optional.ofNullable(baselines.get(model));
    }

    public void putBaseline(Baseline b) {
        baselines.put(b.model(), b);
    }

    public Map<String, Episode> episodes() {
        return Map.copyOf(episodes);
    }
}
