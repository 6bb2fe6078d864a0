package dev.driftline.bench.pipeline;

import static dev.driftline.bench.support.Progress.say;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.bench.support.PhaseRecording;
import dev.driftline.bench.support.Dirs;
import dev.driftline.bench.support.KafkaClients;
import dev.driftline.bench.support.KafkaTopics;
import dev.driftline.bench.support.OnExit;
import dev.driftline.contracts.Topics;
import dev.driftline.streams.PipelineStage;
import dev.driftline.streams.app.DriftlineStreams;
import dev.driftline.streams.app.StreamsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code driftline bench pipeline}: one broker, one topic of pre-loaded inference events in the collector's format
 * ({@link Preloader}), and in the same run
 * <ol>
 *   <li>A ({@link RawConsumerPhase}), a raw {@code KafkaConsumer} loop reading the topic (read_committed): the
 *   broker/client ceiling;</li>
 *   <li>B ({@link ParseOnlyPhase}), a parse-only Kafka Streams topology ({@link ParseOnlyTopology}) with
 *   {@code exactly_once_v2}: the framework's floor;</li>
 *   <li>C ({@link PipelinePhase}), the real pipeline ({@link DriftlineStreams}: pairing, normalisation, window
 *   profiles, merge, drift evaluation, and whatever else the build wires in) with {@code exactly_once_v2} — the
 *   figure — then the window state's size ({@link StateSizes});</li>
 *   <li>D ({@link LatencyPhase}), live traffic in real time with a short window and a staggered covariate shift:
 *   detection latency from a window's end (event time) to the first alert (or drift report) of that window visible
 *   to a read_committed consumer.</li>
 * </ol>
 * Each phase first runs unwarmed and unmeasured for {@code warmup} (A: passes; B: one pass with its own application
 * id; C: the pipeline on a copy of the traffic under {@code <prefix>warmup.}), so the JIT has compiled the hot paths.
 * B and C are timed by their committed offsets ({@link CommitTimer}); A from its first poll to its last record. The
 * topic is sized for C; A and B, much faster, repeat whole passes (B with a fresh application id each) until they
 * have measured {@code minSeconds}, and report the events of all passes over their measured time. The JSON result
 * is assembled by {@link PipelineReport}.
 */
public final class PipelineBenchmark {
    public static final String MODEL = "bench-model";
    /** Fewest inferences in a pass of A and B ({@link #floorTopic}). */
    static final long FLOOR_MIN_INFERENCES = 100_000;

    /**
     * What to run. {@code events} = input Kafka records (a request and a response per inference); {@code profile}:
     * where to write a JFR recording of phase C's measured interval (in this JVM), or null; {@code upTo}: how much
     * of the pipeline phase C runs ({@link PipelineStage#ALL} but for {@code --up-to}).
     */
    public record Options(long events, int features, int batch, int windows, Duration window, Duration cap,
                          Duration minSeconds, Duration warmup, Duration drain, Integer streamThreads, String topicPrefix, long seed, int baselineRows,
                          Duration latencySpan, Duration latencyWindow, Duration latencyGrace,
                          Duration latencySettle, int latencyRate, int models, int instances, boolean childJvm,
                          String childHeap, Duration sustain, PhaseRecording.Settings profile,
                          PipelineEvents.Protocol protocol, PipelineStage upTo) {
        /** Phase C runs in child JVMs: more than one instance, more than one model, or asked for. */
        public boolean streamsInChildren() {
            return instances > 1 || models > 1 || childJvm;
        }
    }

    private final PipelineRun run;

    public PipelineBenchmark(Options o, String bootstrap) {
        this.run = new PipelineRun(o, bootstrap, Long.toString(System.currentTimeMillis(), 36));
    }

    /** Kafka Streams' logger that warns about a state directory under the OS temp directory. */
    static final String STATE_DIRECTORY_LOGGER =
            "org.slf4j.simpleLogger.log.org.apache.kafka.streams.processor.internals.StateDirectory";

    public ObjectNode run() throws Exception {
        // The bench's state directories are throwaway: one temporary directory per run, deleted at its end. Kafka
        // Streams warns about every state directory under the OS temp directory (the OS may clear it under a
        // long-running service), once per pass: right for `driftline streams`, noise here. slf4j-simple reads a
        // logger's level from the system properties when the logger is created, so this holds for the
        // applications this JVM starts (the children log to their own files). A level set by the user stays.
        if (System.getProperty(STATE_DIRECTORY_LOGGER) == null) {
            System.setProperty(STATE_DIRECTORY_LOGGER, "error");
        }
        Path stateRoot = Files.createTempDirectory("driftline-bench-pipeline");
        try (OnExit interrupted = OnExit.deleting(stateRoot)) {
            return runIn(stateRoot);
        } finally {
            Dirs.deleteQuietly(stateRoot);
        }
    }

    private ObjectNode runIn(Path stateRoot) throws Exception {
        Options o = run.options();
        ObjectNode r = new ObjectMapper().createObjectNode();
        Topics topics = new Topics(o.topicPrefix());
        String eventsTopic = topics.inferenceEvents.name();
        try (Admin admin = KafkaClients.admin(run.bootstrap())) {
            KafkaTopics.ensureReady(admin, topics);
            if (KafkaTopics.total(KafkaTopics.endOffsets(admin, eventsTopic)) > 0) {
                throw new IllegalStateException(eventsTopic + " already holds records; give another --topic-prefix");
            }
            Preloader preloader = new Preloader(run);
            PipelineTraffic gen = run.traffic(0);
            EventTimeline timeline = EventTimeline.of(o, System.currentTimeMillis());
            long inferences = timeline.inferences();
            say(String.format(Locale.ROOT, "pre-loading %s with %d events (%d inferences × %d rows × %d "
                    + "features, KServe %s, event times over %d windows of %s, %d model(s)) ...", eventsTopic,
                    inferences * 2, inferences, o.batch(), o.features(), o.protocol(), o.windows(), o.window(),
                    o.models()));
            long bodyBytes = preloader.preload(gen, eventsTopic, timeline);
            Map<TopicPartition, Long> end = KafkaTopics.endOffsets(admin, eventsTopic);
            long total = KafkaTopics.total(end);
            if (total != inferences * 2) {
                throw new IllegalStateException("the topic holds " + total + " records, expected " + inferences * 2);
            }
            TreeSet<Long> windowsInData = timeline.windows();
            Set<ModelWindow> modelWindowsInData = ModelSpread.modelWindows(timeline, o.models());
            preloader.publishBaselines(topics.baselines.name(), gen.baselines(run));

            StreamsSettings pipelineSettings = run.settings(o.topicPrefix(), "driftline-bench-pipeline-" + run.id(),
                    stateRoot.resolve("pipeline"), o.window(), null, null);
            CommitTimer timer = new CommitTimer(admin, o.cap());

            Map<TopicPartition, Long> floorEnd = floorTopic(admin, preloader, timeline, end);
            String floorTopic = floorEnd.keySet().iterator().next().topic();
            long floorTotal = KafkaTopics.total(floorEnd);

            System.gc();
            say("A raw consumer (KafkaConsumer loop, read_committed) over " + floorTotal + " events");
            Measured a = new RawConsumerPhase(run).measure(floorEnd, floorTotal);
            say(String.format(Locale.ROOT, "    %.0f events/s (%.2f s in %d passes)", a.perSecond(), a.seconds(),
                    a.passes()));

            System.gc();
            say("B parse-only Kafka Streams topology (exactly_once_v2, Jackson readTree of every body) over "
                    + floorTotal + " events");
            ParseOnlyTopology.Counters counters = new ParseOnlyTopology.Counters();
            Measured b = new ParseOnlyPhase(run, timer).measure(pipelineSettings, stateRoot.resolve("parse-only"),
                    floorTopic, floorEnd, floorTotal, counters);
            say(String.format(Locale.ROOT, "    %.0f events/s (%.2f s in %d passes; start-up %.1f s; %d parsed, %d "
                    + "failed)", b.perSecond(), b.seconds(), b.passes(), b.startupSeconds(), counters.parsed.sum(),
                    counters.failed.sum()));

            PipelinePhase pipeline = new PipelinePhase(run, admin, timer, preloader);
            if (!o.warmup().isZero()) {
                say("C warm-up: the pipeline for at least " + o.warmup().toSeconds() + " s, until the JIT has "
                        + "settled, on a copy of the traffic (topics " + o.topicPrefix() + "warmup.*), not measured");
                pipeline.warmUp(stateRoot.resolve("warmup"), timeline);
            }
            System.gc();
            say("C driftline pipeline (DriftlineStreams, exactly_once_v2, window " + o.window() + ", "
                    + (o.streamsInChildren() ? o.instances() + " child JVM instance(s)" : "in this JVM") + ")");
            PipelineFigures c = pipeline.measure(pipelineSettings, topics, end, total, modelWindowsInData,
                    windowsInData, stateRoot);
            say(String.format(Locale.ROOT, "    %d of %d windows reported, %d of %d (model, window)s (%d rows of "
                    + "%d); state %.0f B per model×feature×window", c.windowsReported, windowsInData.size(),
                    c.modelWindowsReported, modelWindowsInData.size(), c.rowsReported, inferences * o.batch(),
                    c.stateBytesPerFeatureWindow));
            for (PipelineFigures.InstanceFigures i : c.instances) {
                say(String.format(Locale.ROOT, "    instance %d (pid %d): partitions %s, %.0f events/s, max RSS %.0f "
                        + "MiB (VmHWM %.0f MiB), %.2f cores", i.instance(), i.pid(), i.partitions(),
                        i.eventsPerSecond(), i.maxRssBytes() / 1048576.0, i.vmHwmBytes() / 1048576.0, i.cpuCores()));
            }

            PipelineReport.putThroughput(r, o, pipelineSettings,
                    new PipelineReport.Preloaded(total, floorTotal, bodyBytes, timeline, windowsInData.size()), a, b,
                    counters.failed.sum(), c);
            if (!o.latencySpan().isZero()) {
                System.gc();
                PipelineReport.putLatency(r, o, new LatencyPhase(run, admin, preloader).measure(stateRoot.resolve("live")));
            }
            PipelineReport.putScale(r, o, c);
            return r;
        }
    }

    /**
     * The input of the floors A and B, as end offsets: the pre-loaded topic when it holds at least
     * {@link #FLOOR_MIN_INFERENCES}, else a copy of the same traffic with that many under {@code <prefix>floor.}.
     * B is timed by its committed offsets, which move once per transaction (every 100 ms) and are sampled every
     * {@link PipelineRun#POLL_MS}: a pass of the defaults' 20,000 events took B about 0.15 s, and what it measured was
     * mostly the wait for the last commit to be seen (62,000–68,000 events/s at under 0.3 of a core, against 130,000
     * with passes of 200,000 events). Passes of {@code 2 × FLOOR_MIN_INFERENCES} events last over a second.
     */
    private Map<TopicPartition, Long> floorTopic(Admin admin, Preloader preloader, EventTimeline timeline,
                                                 Map<TopicPartition, Long> end) throws Exception {
        if (timeline.inferences() >= FLOOR_MIN_INFERENCES) {
            return end;
        }
        String topic = new Topics(run.options().topicPrefix() + "floor.").inferenceEvents.name();
        KafkaTopics.createNew(admin, List.of(topic), end.size());
        say("pre-loading " + topic + " for A and B, whose passes over " + KafkaTopics.total(end)
                + " events would be too short to time ...");
        preloader.preload(run.traffic(17), topic, timeline.withAtLeast(FLOOR_MIN_INFERENCES));
        return KafkaTopics.endOffsets(admin, topic);
    }
}
