package dev.driftline.contracts.baseline;

import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineBuilder;
import dev.driftline.drift.io.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Baselines of model "m" built from training CSV text whose "label" and "predicted" columns are the model's. */
final class TrainedBaselines {
    private TrainedBaselines() {
    }

    static Baseline fromCsv(Path dir, CharSequence csv, Clock clock) throws Exception {
        Path f = dir.resolve("train.csv");
        Files.writeString(f, csv);
        return new BaselineBuilder(clock).build(TableReader.read(f), "m", Optional.empty(), Optional.of("label"),
                Optional.of("predicted"), Map.of());
    }
}
