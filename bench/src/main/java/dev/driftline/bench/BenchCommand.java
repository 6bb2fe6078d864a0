package dev.driftline.bench;

import dev.driftline.bench.all.BenchAllCommand;
import dev.driftline.bench.drift.BenchDriftCommand;
import dev.driftline.bench.ingest.BenchIngestCommand;
import dev.driftline.bench.ingest.BenchLoadCommand;
import dev.driftline.bench.pipeline.BenchPipelineCommand;
import dev.driftline.bench.sink.BenchSinkCommand;
import picocli.CommandLine.Command;

/**
 * {@code driftline bench …}: benchmarks that report figures as ratios to a baseline measured in the same run. cli's
 * {@code Main} adds this command; everything below it lives in this module.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks (figures and ratios against baselines measured in the same run).",
        subcommands = {BenchIngestCommand.class, BenchDriftCommand.class, BenchPipelineCommand.class, BenchLoadCommand.class,
            BenchSinkCommand.class, BenchAllCommand.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
