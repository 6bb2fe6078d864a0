package dev.driftline.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Graceful stop on SIGTERM / SIGINT with exit code 0. A JVM shutdown hook alone would exit with 143, which
 * Kubernetes and systemd report as a failure; handling the signal lets the service drain, flush and exit 0.
 */
final class Shutdown {
    private static final CountDownLatch stopped = new CountDownLatch(1);

    private Shutdown() {
    }

    /** Runs {@code action} once on the first SIGTERM or SIGINT, then releases {@link #awaitSignal()}. */
    static void onSignal(Runnable action) {
        Runnable once = new Runnable() {
            private boolean done;

            @Override
            public synchronized void run() {
                if (!done) {
                    done = true;
                    try {
                        action.run();
                    } finally {
                        stopped.countDown();
                    }
                }
            }
        };
        Signal.handle(new Signal("TERM"), s -> new Thread(once, "shutdown").start());
        Signal.handle(new Signal("INT"), s -> new Thread(once, "shutdown").start());
    }

    static void awaitSignal() throws InterruptedException {
        stopped.await();
    }

    /** Waits up to {@code timeout} for the signal's action to finish; true when it has. */
    static boolean awaitSignal(java.time.Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * The main loop of a service command after its start-up line: waits for the signal's action, checking every
     * second whether the service died; then prints {@code <command>: stopped: <failure>} and returns 1. A service
     * that is stopped without a failure is the signal's own close, which can finish between two waits: that is a
     * clean stop (0), not a death (a system test once saw "stopped: null" and exit 1 on SIGTERM).
     *
     * @param running  whether the service's loop still runs
     * @param failure  why it stopped, or null
     * @param onDeath  what to release before returning 1 (e.g. the metrics server)
     * @return the command's exit code
     */
    static int runUntilSignal(String command, java.util.function.BooleanSupplier running,
                              java.util.function.Supplier<Object> failure, Runnable onDeath)
            throws InterruptedException {
        while (!awaitSignal(java.time.Duration.ofSeconds(1))) {
            Object why = failure.get();
            if (!running.getAsBoolean() && why != null) {
                System.err.println(command + ": stopped: " + why);
                onDeath.run();
                return 1;
            }
        }
        return failure.get() == null ? 0 : 1;
    }
}
