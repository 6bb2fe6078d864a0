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
}
