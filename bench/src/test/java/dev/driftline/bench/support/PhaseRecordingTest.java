package dev.driftline.bench.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhaseRecordingTest {
    @Test
    void recordsTheBusyThreadsOfThePhaseOnlyAtTheGivenPeriod(@TempDir Path tmp) throws Exception {
        AtomicBoolean run = new AtomicBoolean(true);
        AtomicBoolean measured = new AtomicBoolean(false);
        double[] sink = new double[2];
        // busy before, during and after the phase; a second thread busy only before it
        Thread busy = new Thread(() -> spin(run, sink, 0), "bench-phase-thread");
        Thread before = new Thread(() -> {
            while (!measured.get()) {
                sink[1] += Math.sqrt(sink[1] + 1);
            }
        }, "bench-warmup-thread");
        busy.start();
        before.start();
        Thread.sleep(200);
        measured.set(true);
        before.join();
        Path file = tmp.resolve("sub").resolve("phase.jfr");
        PhaseRecording recording = PhaseRecording.start(new PhaseRecording.Settings(file, Duration.ofMillis(1)));
        Thread.sleep(500);
        long bytes = recording.stop();
        run.set(false);
        busy.join();

        assertThat(bytes).isEqualTo(Files.size(file)).isPositive();
        List<RecordedEvent> samples = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample")).toList();
        long phase = samples.stream().filter(e -> "bench-phase-thread".equals(thread(e))).count();
        // 1 ms sampling over half a second of a busy thread: hundreds (20 ms would give about 25); a slow CI box
        // still runs the thread for a good part of it
        assertThat(phase).isGreaterThan(60);
        assertThat(samples).noneMatch(e -> "bench-warmup-thread".equals(thread(e)));
    }

    private static String thread(RecordedEvent e) {
        return e.getThread("sampledThread") == null ? null : e.getThread("sampledThread").getJavaName();
    }

    private static void spin(AtomicBoolean run, double[] sink, int slot) {
        while (run.get()) {
            sink[slot] += Math.sqrt(sink[slot] + 1);
        }
    }
}
