package dev.driftline.bench.ingest;

import picocli.CommandLine;

/**
 * The entry point of the load-generator child process that {@link LoadProcess} starts: {@link BenchLoadCommand}
 * (the flags of {@code driftline bench load}) without cli's {@code Main}, so the bench module never names cli.
 */
public final class LoadMain {
    private LoadMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchLoadCommand()).execute(args));
    }
}
