package dev.driftline.remediation.trigger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the trigger knows about one model, kept in the service's state store (changelogged) so a restart neither
 * forgets open alerts nor the cooldown. Mutable: the processor loads, changes and stores it per record.
 */
public final class TriggerState {
    /** An open alert, as much as the trigger needs. */
    public record OpenAlert(String kind, String feature, boolean datasetDrift, long windowStart) {
    }

    /** Open alerts by alert id (duplicates of one alert overwrite each other: a storm counts once). */
    public final Map<String, OpenAlert> openAlerts = new LinkedHashMap<>();
    /** Window start of the first window in which the trigger condition held; -1 while it does not hold. */
    public long conditionSince = -1;
    /** Distinct windows (by start) in which the condition held, since {@link #conditionSince}. */
    public int windowsSeen;
    /** The start of the last window counted in {@link #windowsSeen}. */
    public long lastCountedWindow = -1;
    /** When this model's recent episodes started (service clock, epoch ms; trailing 24 h). */
    public final List<Long> episodeStarts = new ArrayList<>();
    /** When the model's last episode ended (epoch ms), 0 when none did. */
    public long lastEpisodeEnd;
    /** Paused by {@code driftline remediation pause --model}. */
    public boolean paused;

    public boolean conditionCounting() {
        return conditionSince >= 0;
    }
}
