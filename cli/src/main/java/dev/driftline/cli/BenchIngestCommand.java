package dev.driftline.cli;

import picocli.CommandLine.Command;

/** Placeholder replaced below. */
@Command(name = "ingest")
public final class BenchIngestCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("not yet");
    }
}
