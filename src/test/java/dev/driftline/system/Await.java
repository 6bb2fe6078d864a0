package dev.driftline.system;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for a condition with a limit that is generous (loaded CI boxes) but never forever. */
public final class Await {
    private Await() {
    }

    /** Polls every 200 ms until {@code condition} holds; fails naming {@code what} and the last {@code state}. */
    public static void until(String what, Duration limit, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not true within %s: %s (%s)", limit, what, state.get());
            }
            Thread.sleep(200);
        }
    }

    public static void until(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        until(what, limit, condition, () -> "no detail");
    }
}
