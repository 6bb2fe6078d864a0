package dev.driftline.bench.pipeline;

import dev.driftline.streams.app.StreamsSettings;
import dev.driftline.streams.support.GlobalThreadExceptionHandling;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Phase B, the framework's floor: {@link ParseOnlyTopology} with the pipeline's Kafka settings and
 * {@code exactly_once_v2}, timed by {@link CommitTimer}. Whole passes, each with a fresh application id, after an
 * unmeasured warm-up pass, until at least {@code --min-seconds} were measured.
 */
final class ParseOnlyPhase {
    private final PipelineRun run;
    private final CommitTimer timer;

    ParseOnlyPhase(PipelineRun run, CommitTimer timer) {
        this.run = run;
        this.timer = timer;
    }

    /** @param like the pipeline's settings, whose Kafka properties B uses too */
    Measured measure(StreamsSettings like, Path stateDir, String topic, Map<TopicPartition, Long> end, long total,
                     ParseOnlyTopology.Counters counters) throws Exception {
        PipelineBenchmark.Options o = run.options();
        if (!o.warmup().isZero()) {
            pass(like, stateDir, topic, end, total, new ParseOnlyTopology.Counters(), "warmup", new Passes(),
                    o.warmup());
        }
        Passes passes = new Passes();
        do {
            pass(like, stateDir, topic, end, total, counters, Integer.toString(passes.passes), passes, o.cap());
        } while (passes.seconds < o.minSeconds().toSeconds() && passes.complete);
        return passes.measured();
    }

    private void pass(StreamsSettings like, Path stateDir, String topic, Map<TopicPartition, Long> end, long total,
                      ParseOnlyTopology.Counters counters, String pass, Passes passes, Duration cap)
            throws Exception {
        String appId = "driftline-bench-parse-" + run.id() + "-" + pass;
        Properties p = new Properties();
        p.putAll(like.kafkaProperties());
        GlobalThreadExceptionHandling.enable(p); // as driftline streams does
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, run.bootstrap());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        long start = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(ParseOnlyTopology.build(topic, counters), p)) {
            streams.start();
            timer.measure(appId, end, total, start, streams, passes, cap);
        }
    }
}
