package dev.driftline.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {
    private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");
    private final AtomicLong wall = new AtomicLong(1_000_000_000L);

    private void step(Duration d) {
        wall.addAndGet(d.toNanos());
    }

    @Test
    void standsStillUntilGoThenRunsAtItsSpeed() {
        SimulatedClock c = new SimulatedClock(START, 150, wall::get);
        step(Duration.ofSeconds(5));
        assertThat(c.instant()).isEqualTo(START);
        c.go();
        step(Duration.ofSeconds(2));
        assertThat(c.instant()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(c.millis()).isEqualTo(START.plus(Duration.ofMinutes(5)).toEpochMilli());
    }

    @Test
    void pauseKeepsTheTimeAndGoResumesFromIt() {
        SimulatedClock c = new SimulatedClock(START, 60, wall::get);
        c.go();
        step(Duration.ofSeconds(1));
        c.pause();
        step(Duration.ofSeconds(30));
        assertThat(c.instant()).isEqualTo(START.plus(Duration.ofMinutes(1)));
        c.go();
        step(Duration.ofSeconds(1));
        assertThat(c.instant()).isEqualTo(START.plus(Duration.ofMinutes(2)));
    }

    @Test
    void wallTimeOfASimulatedInstantFollowsPauses() {
        SimulatedClock c = new SimulatedClock(START, 60, wall::get);
        c.go();
        long at = c.wallNanosAt(START.plus(Duration.ofMinutes(3)));
        assertThat(at - wall.get()).isEqualTo(Duration.ofSeconds(3).toNanos());
        step(Duration.ofSeconds(1));
        c.pause();
        step(Duration.ofSeconds(10));
        // resumed by wallNanosAt: two simulated minutes are left, two wall seconds from now
        assertThat(c.wallNanosAt(START.plus(Duration.ofMinutes(3))) - wall.get())
                .isEqualTo(Duration.ofSeconds(2).toNanos());
        assertThat(c.wall(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void heldWithinALimitItStandsThereThenResumesFromItWithoutJumping() {
        SimulatedClock c = new SimulatedClock(START, 60, wall::get);
        c.go();
        c.holdWithin(START.plus(Duration.ofMinutes(2)));
        step(Duration.ofSeconds(1));
        assertThat(c.instant()).isEqualTo(START.plus(Duration.ofMinutes(1)));
        step(Duration.ofSeconds(10)); // the traffic is late: the time waits at the limit
        assertThat(c.instant()).isEqualTo(START.plus(Duration.ofMinutes(2)));
        c.holdWithin(START.plus(Duration.ofMinutes(5)));
        assertThat(c.instant()).isEqualTo(START.plus(Duration.ofMinutes(2)));
        step(Duration.ofSeconds(1)); // resumes at its speed from where it stood
        assertThat(c.instant()).isEqualTo(START.plus(Duration.ofMinutes(3)));
        c.holdWithin(START); // never back
        assertThat(c.instant()).isEqualTo(START.plus(Duration.ofMinutes(3)));
        step(Duration.ofSeconds(1));
        assertThat(c.instant()).isEqualTo(START.plus(Duration.ofMinutes(3)));
    }
}
