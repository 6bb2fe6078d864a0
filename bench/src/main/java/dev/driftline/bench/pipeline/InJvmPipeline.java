package dev.driftline.bench.pipeline;

import static dev.driftline.bench.support.Progress.say;

import dev.driftline.bench.support.PhaseRecording;
import dev.driftline.streams.PipelineStage;
import dev.driftline.streams.app.DriftlineStreams;
import dev.driftline.streams.app.StreamsSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Locale;
import org.apache.kafka.streams.KafkaStreams;

/** Phase C's pipeline in this JVM, with {@code --profile} its JFR recording of the measured interval. */
final class InJvmPipeline implements MeasuredPipeline {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DriftlineStreams app;
    private final PhaseRecording.Settings profile;
    private PhaseRecording recording;

    InJvmPipeline(StreamsSettings s, PhaseRecording.Settings profile, PipelineStage upTo) throws Exception {
        this.profile = profile;
        app = DriftlineStreams.start(s, registry, upTo);
    }

    @Override
    public void atStart() {
        if (profile != null) {
            recording = PhaseRecording.start(profile);
        }
    }

    @Override
    public void atStop() {
        if (recording != null) {
            long bytes = recording.stop();
            recording = null;
            say(String.format(Locale.ROOT, "    profile of the measured interval: %s (%.1f MB, Java execution "
                    + "sampled every %d ms); e.g. jfr print --events jdk.ExecutionSample %s", profile.file(),
                    bytes / 1e6, profile.period().toMillis(), profile.file()));
            if (!PhaseRecording.exactFrames()) {
                say("    warning: this JVM runs without " + PhaseRecording.EXACT_FRAMES_OPTIONS + ", so samples in "
                        + "compiled code are charged to the nearest safepoint, often in another inlined method: read "
                        + "the profile by stage, not by line (./driftline adds them for bench)");
            }
        }
    }

    @Override
    public KafkaStreams streams() {
        return app.kafkaStreams();
    }

    @Override
    public boolean failed() {
        return CommitTimer.failed(app.kafkaStreams());
    }

    /** The pipeline's own count of records dropped because their window had closed (NaN when not registered). */
    @Override
    public double late(String reason) {
        return LateCounts.count(registry, reason);
    }

    @Override
    public void close() {
        if (recording != null) {
            recording.close(); // the phase failed before its end: nothing to write
        }
        app.close();
    }
}
