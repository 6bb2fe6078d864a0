package dev.driftline.bench.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

    /** What {@code ./driftline bench} adds is what {@link PhaseRecording#exactFrames} looks for. */
    @Test
    void exactFramesTellsWhetherTheJvmKeepsDebugInformationBetweenSafepoints() throws Exception {
        assertThat(childSays()).isEqualTo("false");
        assertThat(childSays(PhaseRecording.EXACT_FRAMES_OPTIONS.split(" "))).isEqualTo("true");
        assertThat(childSays("-XX:+UnlockDiagnosticVMOptions")).isEqualTo("false"); // visible, but off
        assertThat(Files.readString(Path.of("..", "driftline"))).contains(PhaseRecording.EXACT_FRAMES_OPTIONS);
    }

    /** What {@link ExactFramesMain} prints in a JVM started with {@code options}. */
    private static String childSays(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ExactFramesMain.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    /** Prints {@link PhaseRecording#exactFrames()}. */
    static final class ExactFramesMain {
        public static void main(String[] args) {
            System.out.println(PhaseRecording.exactFrames());
        }
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
