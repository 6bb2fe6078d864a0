package dev.driftline.bench.drift;

import dev.driftline.bench.support.JsonOut;
import dev.driftline.config.UserInputException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code driftline bench drift}: profiling and drift-evaluation cost against a scipy path measured in the same run. */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"Benchmark profiling and drift evaluation against scipy/numpy on the same data.",
            "%nMeasures the profile update in ns/value and the window drift evaluation (sketch vs sketch) in µs "
                    + "per feature for each window size and, in the same run, the same metrics by a scipy/numpy script "
                    + "on the same data (full samples), as ratios. Needs python3 with numpy and scipy for the ratio. "
                    + "Prints JSON on stdout."})
public final class BenchDriftCommand implements Callable<Integer> {
    @Option(names = "--features", defaultValue = "20", description = "Features per window (default: ${DEFAULT-VALUE}).")
    int features;

    @Option(names = "--reference-rows", defaultValue = "100000", description = "Baseline rows (default: ${DEFAULT-VALUE}).")
    int referenceRows;

    @Option(names = "--rows", split = ",", defaultValue = "1000,100000,10000000",
            description = "Window sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> rows;

    @Option(names = "--scipy-max-cells", defaultValue = "20000000",
            description = "Rows × features handed to scipy per window at most; larger windows are measured on fewer "
                    + "features and reported per feature (default: ${DEFAULT-VALUE}).")
    int scipyMaxCells;

    @Option(names = "--seed", defaultValue = "7")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (features < 1 || referenceRows < 10 || rows.stream().anyMatch(r -> r < 10)) {
            throw new UserInputException("--features >= 1, --reference-rows >= 10, --rows values >= 10");
        }
        var result = new DriftBenchmark(new DriftBenchmark.Options(features, referenceRows, rows, scipyMaxCells, seed))
                .run();
        JsonOut.printPretty(result);
        return 0;
    }
}
