package dev.driftline.bench.support;

import java.nio.file.Path;

/** The child JVM of {@link OnExitTest}: registers the deletion of a directory, then waits to be stopped or exits. */
public final class OnExitChild {
    private OnExitChild() {
    }

    /** {@code DIR wait}: register, say "ready", wait for a signal. {@code DIR close}: register, close, exit 0. */
    public static void main(String[] args) throws Exception {
        OnExit onExit = OnExit.deleting(Path.of(args[0]));
        if (args[1].equals("close")) {
            onExit.close();
            System.exit(0); // runs the shutdown hooks: the closed one must not be among them
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(120_000);
        System.exit(4); // not stopped: the test fails on the exit code
    }
}
