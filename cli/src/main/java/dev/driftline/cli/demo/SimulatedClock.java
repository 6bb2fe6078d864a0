package dev.driftline.cli.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * The demo's simulated time: {@code start} at the moment the clock was made, then {@code speed} simulated seconds per
 * wall-clock second. The traffic is paced by it and the remediation service runs on it, so the policy's durations
 * (bake, cooldown, the training data's period) and the episode's trigger time are in the same time as the windows
 * the traffic fills: a 10-minute bake lasts two 5-minute windows of traffic however fast the demo plays them.
 */
final class SimulatedClock extends Clock {
    private final Instant start;
    private final double speed;
    private final LongSupplier nanoTime;
    /** The simulated time at {@link #sinceNanos}, and the wall-clock nanoseconds it was taken at. */
    private volatile Instant since;
    private volatile long sinceNanos;
    /** False before {@link #go} and while paused: the simulated time stands at {@link #since}. */
    private volatile boolean running;
    /** The simulated time does not pass this ({@link #holdWithin}); none at first. */
    private volatile Instant ceiling = Instant.MAX;

    SimulatedClock(Instant start, double speed) {
        this(start, speed, System::nanoTime);
    }

    /** @param nanoTime the wall clock's monotonic nanoseconds (tests step it) */
    SimulatedClock(Instant start, double speed, LongSupplier nanoTime) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0: " + speed);
        }
        this.start = start;
        this.speed = speed;
        this.nanoTime = nanoTime;
        this.since = start;
    }

    /** A clock that runs from now. */
    static SimulatedClock running(Instant start, double speed) {
        SimulatedClock c = new SimulatedClock(start, speed);
        c.go();
        return c;
    }

    /**
     * Starts (or resumes) the simulated time; it stands at {@code start} until then, so services can start on the
     * clock while the traffic that fills its windows is not ready yet. A call while running changes nothing.
     */
    synchronized void go() {
        if (!running) {
            sinceNanos = nanoTime.getAsLong();
            running = true;
        }
    }

    /** Stops the simulated time where it is (the demo waits for the pipeline to catch up) until {@link #go}. */
    synchronized void pause() {
        if (running) {
            since = instant();
            running = false;
        }
    }

    /**
     * The simulated time will not pass {@code limit} (it stands there until a later limit is set): the traffic sets
     * its next inference's time plus a little, so on a machine too slow to send at the demo's pace the time waits for
     * the traffic instead of running ahead of it — the remediation service's trigger time and its training data's
     * period then lie within the traffic sent. A clock held at the old limit resumes from there at its speed, it
     * does not jump; a limit before the time shown changes nothing (the time never goes back).
     */
    synchronized void holdWithin(Instant limit) {
        Instant now = instant();
        if (running) { // rebase on the time shown, so time that passed while held is not made up for
            since = now;
            sinceNanos = nanoTime.getAsLong();
        }
        ceiling = limit.isBefore(now) ? now : limit;
    }

    Instant start() {
        return start;
    }

    double speed() {
        return speed;
    }

    /** The wall-clock time (as {@link System#nanoTime}) at which the running simulated time reaches {@code t}. */
    synchronized long wallNanosAt(Instant t) {
        go();
        return sinceNanos + (long) (Duration.between(since, t).toNanos() / speed);
    }

    /** How long {@code simulated} lasts in wall-clock time. */
    Duration wall(Duration simulated) {
        return Duration.ofNanos((long) (simulated.toNanos() / speed));
    }

    @Override
    public synchronized Instant instant() {
        if (!running) {
            return since;
        }
        Instant t = since.plusNanos((long) ((nanoTime.getAsLong() - sinceNanos) * speed));
        return t.isAfter(ceiling) ? ceiling : t;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("the simulated clock is in UTC");
    }
}
