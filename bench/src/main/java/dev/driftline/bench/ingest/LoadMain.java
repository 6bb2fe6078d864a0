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
        CommandLine cl = new CommandLine(new BenchLoadCommand());
        // One line on stderr, as under the driftline command: LoadProcess quotes it when the generator fails.
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("bench load: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        System.exit(cl.execute(args));
    }
}
