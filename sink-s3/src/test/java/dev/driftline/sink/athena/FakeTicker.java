package dev.driftline.sink.athena;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when slept on, recording each sleep: back-off without real waiting. */
final class FakeTicker implements AthenaQueryRunner.Ticker {
    final List<Duration> sleeps = new ArrayList<>();
    private long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleep(Duration d) {
        sleeps.add(d);
        now += d.toNanos();
    }
}
