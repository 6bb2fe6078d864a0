package dev.driftline.bench.support;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;

/**
 * A JFR recording of one measured phase of this JVM ({@code bench pipeline --profile}): Java execution sampled at a
 * chosen period (the JDK's settings: 10–20 ms), native methods, allocation samples, thread and machine CPU, GC pauses
 * and long compilations; started when the phase's measured interval starts and written when it ends. Why not {@code -XX:StartFlightRecording}: that records the
 * warm-up too, and in a default run most of the stream thread's samples then fall in warm-up passes, while the JIT
 * is still compiling (round 11 of {@code docs/scaling.md}); and at 20 ms a 2-second phase gives a hundred samples.
 */
public final class PhaseRecording implements AutoCloseable {
    /**
     * The default Java sampling period. 1 ms gives ten times the samples, but on the 2-core bench box it cost phase
     * C half of its rate at the defaults (6,375 against 14,997 events/s at 10 ms, round 11): fine for the shares of a
     * profile, not for a figure.
     */
    public static final Duration DEFAULT_PERIOD = Duration.ofMillis(10);

    /**
     * The JVM options that make a sample's frames exact ({@code ./driftline} adds them for {@code bench}). Without
     * them HotSpot keeps debug information only at safepoints, and a sample taken elsewhere in compiled code is
     * charged to the nearest one, often in another inlined method: in a profile of {@code bench pipeline} without
     * them 6.1 % of the stream thread sat in {@code ExtremeValues.insert}'s binary search, 0.3 % with them, and the redo
     * entries' tag bytes showed up as {@code DataOutputStream.writeByte} (5.1 %, then 0.1 %).
     */
    public static final String EXACT_FRAMES_OPTIONS = "-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints";

    /** What to record: where to write it and how often to sample Java execution. */
    public record Settings(Path file, Duration period) {
    }

    private final Recording recording;
    private final Path file;

    private PhaseRecording(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /** Starts recording now; {@link #stop} writes {@code file}, {@link #close} discards the recording. */
    public static PhaseRecording start(Settings settings) {
        Recording r = new Recording();
        // Events the JVM raises itself: the JDK's 'profile' settings also enable the socket, file and exception
        // events, which JFR adds to the JDK's classes' code when they are first enabled
        r.enable("jdk.ExecutionSample").withPeriod(settings.period());
        r.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(20));
        r.enable("jdk.ObjectAllocationSample").with("throttle", "150/s");
        r.enable("jdk.ThreadCPULoad").withPeriod(Duration.ofSeconds(1));
        r.enable("jdk.CPULoad").withPeriod(Duration.ofSeconds(1));
        r.enable("jdk.GarbageCollection");
        r.enable("jdk.GCPhasePause");
        r.enable("jdk.Compilation").withThreshold(Duration.ofMillis(100));
        r.setName("driftline bench phase");
        r.setToDisk(true);
        r.start();
        return new PhaseRecording(r, settings.file());
    }

    /** Whether this JVM runs with {@link #EXACT_FRAMES_OPTIONS}. */
    public static boolean exactFrames() {
        try {
            return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("DebugNonSafepoints").getValue());
        } catch (IllegalArgumentException e) {
            return false; // a diagnostic option is not even visible unless unlocked
        }
    }

    /** Stops the recording and writes it to the file; returns the file's size in bytes. */
    public long stop() {
        try {
            recording.stop();
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            recording.dump(file);
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the profile " + file, e);
        } finally {
            recording.close();
        }
    }

    public Path file() {
        return file;
    }

    /** Discards a recording that was not stopped (the phase failed). */
    @Override
    public void close() {
        recording.close();
    }
}
