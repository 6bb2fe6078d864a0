package dev.driftline.bench.pipeline;

import dev.driftline.config.Config;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.streams.app.StreamsKeys;
import dev.driftline.streams.app.StreamsSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One run of {@code driftline bench pipeline} as its phases share it: the options, the broker, the run's id (it keeps
 * application ids and inference ids of runs apart), and what the phases derive from them alike.
 *
 * @param options what to run
 * @param bootstrap the broker
 * @param id this run's id, base 36 of its start time
 */
record PipelineRun(PipelineBenchmark.Options options, String bootstrap, String id) {
    /** How often the phases poll: consumers, committed offsets, the output watcher. */
    static final long POLL_MS = 100;

    /** The Streams settings of one application of this run; KAFKA_* variables tune B and C alike. */
    StreamsSettings settings(String prefix, String appId, Path stateDir, Duration window, Duration grace,
                             Duration settle) {
        return settings(bootstrap, options.streamThreads(), System.getenv(), prefix, appId, stateDir, window, grace,
                settle);
    }

    /** The same, for a pipeline child JVM ({@link StreamsMain}) that has no {@code PipelineRun}. */
    static StreamsSettings settings(String bootstrap, Integer streamThreads, Map<String, String> environment,
                                    String prefix, String appId, Path stateDir, Duration window, Duration grace,
                                    Duration settle) {
        Map<String, String> env = new HashMap<>(environment);
        if (streamThreads != null) {
            env.put("KAFKA_NUM_STREAM_THREADS", Integer.toString(streamThreads));
        } else {
            // One thread unless asked for more, as in every earlier run of this bench: B and C are compared per
            // thread. driftline streams' own default is one thread per processor (--stream-threads N measures it).
            env.putIfAbsent("KAFKA_NUM_STREAM_THREADS", "1");
        }
        Config config = Config.builder(StreamsKeys.ALL).env(env)
                .flag(StreamsKeys.BOOTSTRAP_SERVERS, bootstrap).flag(StreamsKeys.TOPIC_PREFIX, prefix)
                .flag(StreamsKeys.APPLICATION_ID, appId).flag(StreamsKeys.STATE_DIR, stateDir)
                .flag(StreamsKeys.WINDOW, window.toSeconds() + "s")
                .flag(StreamsKeys.GRACE, grace == null ? null : grace.toMillis() + "ms")
                .flag(StreamsKeys.MERGE_SETTLE, settle == null ? null : settle.toMillis() + "ms")
                .flag(StreamsKeys.METRICS_PORT, -1).build();
        return StreamsSettings.from(config);
    }

    /** The traffic generator of a phase; phases differ by {@code seedOffset}, so their traffic differs. */
    PipelineEvents events(long seedOffset) {
        return new PipelineEvents(PipelineBenchmark.MODEL, options.protocol(), options.features(), options.batch(),
                options.seed() + seedOffset);
    }

    /** The traffic of a phase over --models models ({@link ModelSpread}); with one model, {@link #events}'. */
    PipelineTraffic traffic(long seedOffset) {
        return new PipelineTraffic(options.models(), options.protocol(), options.features(), options.batch(),
                options.seed() + seedOffset);
    }

    /** The model's baseline: the same reference table (seed + 1) for every phase. */
    Baseline baseline(PipelineEvents gen) {
        return gen.baseline(options.baselineRows(), options.seed() + 1, Clock.systemUTC());
    }
}
