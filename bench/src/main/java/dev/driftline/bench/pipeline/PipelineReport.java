package dev.driftline.bench.pipeline;

import static dev.driftline.bench.support.Figures.percentileOrNull;
import static dev.driftline.bench.support.Figures.round;
import static dev.driftline.bench.support.Figures.round3;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.bench.support.JitActivity;
import dev.driftline.streams.app.StreamsSettings;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The JSON result of {@code driftline bench pipeline}: the run's parameters, the throughput of A, B and C with their
 * ratios, where each phase's time went, the window state's size, and D's detection latency. Key names and order
 * are the benchmark's interface (scripts compare runs by them).
 */
final class PipelineReport {
    private PipelineReport() {
    }

    /**
     * What was pre-loaded: C's events, the events of a pass of A and B (the same traffic, at least
     * {@link PipelineBenchmark#FLOOR_MIN_INFERENCES} inferences), C's body bytes, event times and windows.
     */
    record Preloaded(long events, long floorPassEvents, long bodyBytes, EventTimeline timeline, int windowsInData) {
    }

    /** The figures of A, B and C, and the state sizes measured after C. */
    static void putThroughput(ObjectNode r, PipelineBenchmark.Options o, StreamsSettings settings, Preloaded in,
                              Measured a, Measured b, long parseFailed, PipelineFigures c) {
        long inferences = in.timeline().inferences();
        double rowsPerEvent = o.batch() / 2.0;
        r.put("benchmark", "pipeline");
        r.put("cores", Runtime.getRuntime().availableProcessors());
        r.put("processing_guarantee", StreamsConfig.EXACTLY_ONCE_V2);
        r.put("stream_threads", Integer.parseInt(settings.kafkaProperties()
                .getProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1")));
        r.put("events", in.events());
        r.put("inferences", inferences);
        r.put("rows", inferences * o.batch());
        r.put("rows_per_inference", o.batch());
        r.put("features", o.features());
        r.put("protocol", o.protocol().name().toLowerCase(Locale.ROOT));
        r.put("profiled_columns", o.features() + 1);
        r.put("avg_event_body_bytes", Math.round((double) in.bodyBytes() / in.events()));
        r.put("windows_in_data", in.windowsInData());
        r.put("event_time_inferences_per_s", round3(inferences / (in.timeline().spanMs() / 1000.0)));
        r.put("window_s", o.window().toSeconds());
        r.put("grace_s", settings.window().grace().toSeconds());
        r.put("unit_note", "events = input Kafka records (request + response per inference); ratios compare "
                + "events/s with events/s; rows = batch rows (1 row = 1 InferenceRecord), feature values = rows "
                + "× features (the prediction column is profiled too but not counted)");

        r.put("raw_consumer_events_per_s", round(a.perSecond()));
        r.put("parse_only_events_per_s", round(b.perSecond()));
        r.put("pipeline_events_per_s", round(c.measured.perSecond()));
        r.put("pipeline_inferences_per_s", round(c.measured.perSecond() / 2));
        r.put("pipeline_rows_per_s", round(c.measured.perSecond() * rowsPerEvent));
        r.put("pipeline_feature_values_per_s", round(c.measured.perSecond() * rowsPerEvent * o.features()));
        r.put("ratio_to_parse_only", round3(c.measured.perSecond() / b.perSecond()));
        r.put("ratio_to_raw_consumer", round3(c.measured.perSecond() / a.perSecond()));
        r.put("parse_only_ratio_to_raw_consumer", round3(b.perSecond() / a.perSecond()));
        r.put("goal_ratio_to_parse_only", 0.5);
        r.put("goal_feature_values_per_s", 400_000);
        r.put("raw_consumer_s", round3(a.seconds()));
        r.put("raw_consumer_passes", a.passes());
        r.put("parse_only_s", round3(b.seconds()));
        r.put("parse_only_passes", b.passes());
        r.put("floor_pass_events", in.floorPassEvents());
        r.put("floor_pass_definition", "A and B repeat passes of floor_pass_events events: the pre-loaded events, "
                + "or a copy of the same traffic with at least " + 2 * PipelineBenchmark.FLOOR_MIN_INFERENCES
                + " when they are fewer, since B is timed by committed offsets that move once per 100 ms "
                + "transaction and a shorter pass measured the wait for its last commit");
        r.put("pipeline_s", round3(c.measured.seconds()));
        r.put("parse_only_startup_s", round3(b.startupSeconds()));
        r.put("pipeline_startup_s", round3(c.measured.startupSeconds()));
        r.put("complete", a.complete() && b.complete() && c.measured.complete());
        diagnostics(r, "raw_consumer", a);
        diagnostics(r, "parse_only", b);
        diagnostics(r, "pipeline", c.measured);
        r.put("parse_only_failed", parseFailed);
        r.put("pipeline_windows_reported_at_ingest_end", c.windowsAtIngestEnd);
        r.put("pipeline_windows_reported", c.windowsReported);
        r.put("pipeline_rows_reported", c.rowsReported);
        r.put("pipeline_rows_missing_from_reports", inferences * o.batch() - c.rowsReported);
        r.put("pipeline_late_records_after_grace", Double.isNaN(c.lateAfterGrace) ? null
                : Long.valueOf((long) c.lateAfterGrace));
        r.put("pipeline_late_records_after_wall_close", Double.isNaN(c.lateWindowClosed) ? null
                : Long.valueOf((long) c.lateWindowClosed));
        r.put("pipeline_late_records_after_merge_retention", Double.isNaN(c.lateAfterMergeRetention) ? null
                : Long.valueOf((long) c.lateAfterMergeRetention));
        r.put("warmup_s", o.warmup().toSeconds());
        if (c.warmup != null) {
            r.put("pipeline_warmup_s", round3(c.warmup.seconds()));
            r.put("pipeline_warmup_passes", c.warmup.passes());
            r.put("pipeline_warmup_jit_settled", c.warmup.settled());
            r.put("pipeline_warmup_definition", "C's warm-up ran at least warmup_s and then until the bench JVM's JIT "
                    + "compiled for less than " + JitActivity.SETTLED_SHARE + " of a core over "
                    + JitActivity.WINDOW_NANOS / 1_000_000_000L + " s (settled), at most "
                    + PipelinePhase.WARMUP_MAX_FACTOR + " × warmup_s; *_jit_compile_cores = the JIT's share of a core "
                    + "while a phase was measured");
        }
        r.put("pipeline_all_windows_reported_s", c.allReportedSeconds < 0 ? null : round3(c.allReportedSeconds));
        r.put("state_bytes_per_model_feature_window", round(c.stateBytesPerFeatureWindow));
        r.put("state_bytes_definition", "ProfileCodec bytes of the profiles of every task's PartialWindow of a "
                + "(model, window), as read back from window.partials at window close, divided by the profiled "
                + "columns (features + prediction), mean over windows: the window state held across tasks");
        r.put("merged_profile_bytes_per_feature", round(c.mergedBytesPerFeature));
        r.put("partials_per_window", round3(c.partialsPerWindow));
        r.put("changelog_bytes_per_model_feature_window", round(c.changelogBytesPerFeatureWindow));
        r.put("changelog_bytes_definition", "bytes of the window-partials and window-merge changelog topics on "
                + "the broker after phase C (snapshots and per-row redo entries, before compaction) / (models × "
                + "profiled columns × windows in the data)");
        ObjectNode byStore = r.putObject("changelog_bytes_per_inference_by_store");
        c.changelogBytesByStore.forEach((store, bytes) -> byStore.put(store, round3((double) bytes / inferences)));
        r.put("changelog_bytes_per_inference_definition", "bytes of each changelog topic of the pipeline's "
                + "application on the broker after phase C (before compaction) / inferences (request + response "
                + "pairs) of the data");
    }

    /** D's detection latency and its parameters. */
    static void putLatency(ObjectNode r, PipelineBenchmark.Options o, LatencyFigures d) {
        List<Long> main = d.detection();
        r.put("latency_inferences_sent", d.inferencesSent());
        r.put("detection_latency_source", d.alerts() ? "alerts" : "drift_reports");
        r.put("detection_latency_definition", "per window: wall time a read_committed consumer first received "
                + (d.alerts() ? "an alert (open or resolved) on " + d.alertsTopic()
                : "the drift report on " + d.driftTopic() + " (no alert records were produced: no alert "
                + "stage in this build)") + " of that window minus the window's end (event time = wall time of "
                + "the traffic); windows that had traffic from start to end and whose report is driven by stream"
                + " time (traffic continues past them)");
        r.put("detection_latency_p50_ms", percentileOrNull(main, 50));
        r.put("detection_latency_p99_ms", percentileOrNull(main, 99));
        r.put("detection_latency_max_ms", main.isEmpty() ? null : Long.valueOf(main.stream().mapToLong(x -> x)
                .max().getAsLong()));
        r.put("detection_latency_windows", main.size());
        r.put("detection_latency_goal_p99_ms", o.latencyGrace().toMillis() + 2000);
        r.put("drift_report_latency_p50_ms", percentileOrNull(d.driftMs(), 50));
        r.put("drift_report_latency_p99_ms", percentileOrNull(d.driftMs(), 99));
        r.put("alert_latency_p50_ms", percentileOrNull(d.alertMs(), 50));
        r.put("alert_latency_p99_ms", percentileOrNull(d.alertMs(), 99));
        r.put("latency_windows_measured", d.windowsMeasured());
        r.put("latency_windows_with_alert", d.alertMs().size());
        r.put("latency_alerts_received", d.alertsReceived());
        ObjectNode kinds = r.putObject("latency_alerts_by_kind_state");
        d.alertsByKindState().forEach(kinds::put);
        r.put("latency_window_s", o.latencyWindow().toSeconds());
        r.put("latency_grace_s", o.latencyGrace().toSeconds());
        r.put("latency_merge_settle_s", o.latencySettle().toSeconds());
        r.put("latency_rate_inferences_per_s", o.latencyRate());
    }

    /**
     * The keys added for --models, --instances/--child-jvm and --sustain-seconds, after every earlier key (whose
     * names and meaning stay as they were).
     */
    static void putScale(ObjectNode r, PipelineBenchmark.Options o, PipelineFigures c) {
        r.put("models", o.models());
        r.put("model_windows_in_data", c.modelWindowsInData);
        r.put("model_windows_reported_at_ingest_end", c.modelWindowsAtIngestEnd);
        r.put("model_windows_reported", c.modelWindowsReported);
        r.put("model_windows_missing_reports", c.modelWindowsInData - c.modelWindowsReported);
        r.put("pipeline_all_rows_reported", r.path("pipeline_rows_missing_from_reports").asLong(-1) == 0);
        r.put("pipeline_instances", c.childJvm ? o.instances() : 1);
        r.put("pipeline_child_jvm", c.childJvm);
        r.put("pipeline_up_to", o.upTo().label());
        if (c.childJvm) {
            r.put("pipeline_child_max_heap", o.childHeap());
            r.put("pipeline_instances_total_events_per_s",
                    round(c.instances.stream().mapToDouble(PipelineFigures.InstanceFigures::eventsPerSecond).sum()));
            r.put("pipeline_assignment_changes", c.assignmentChanges);
            long maxRss = c.instances.stream().mapToLong(PipelineFigures.InstanceFigures::maxRssBytes).max().orElse(-1);
            r.put("pipeline_max_rss_bytes", maxRss);
            r.put("pipeline_max_rss_mib", round(maxRss / 1048576.0));
            ArrayNode arr = r.putArray("pipeline_instance_figures");
            for (PipelineFigures.InstanceFigures i : c.instances) {
                ObjectNode n = arr.addObject();
                n.put("instance", i.instance());
                n.put("pid", i.pid());
                n.put("client_id", i.clientId());
                ArrayNode parts = n.putArray("input_partitions");
                i.partitions().forEach(parts::add);
                n.put("events", i.events());
                n.put("events_per_s", round(i.eventsPerSecond()));
                n.put("max_rss_bytes", i.maxRssBytes());
                n.put("max_rss_mib", round(i.maxRssBytes() / 1048576.0));
                n.put("vm_hwm_bytes", i.vmHwmBytes());
                n.put("vm_hwm_mib", round(i.vmHwmBytes() / 1048576.0));
                n.put("cpu_cores", Double.isNaN(i.cpuCores()) ? null : round3(i.cpuCores()));
            }
            r.put("pipeline_instance_definition", "per child JVM running the pipeline (same application id): input "
                    + "partitions its consumers owned (consumer group members matched by client.id), events = its "
                    + "partitions' committed-offset progress during C's measured interval (sampled every second, "
                    + "credited to the owner at the sample) / pipeline_s; RSS = max VmRSS of /proc/<pid>/status "
                    + "sampled every second over the child's life (warm-up, C, drain, state sizes, sustained "
                    + "phase), VmHWM = the kernel's peak; cpu_cores = its CPU time / C's measured wall time. "
                    + "In child mode pipeline_jvm_cpu_cores is the children's sum and the late-record counts and "
                    + "stream-thread ratios are not available (null/absent)");
        }
        SustainPhase.Figures s = c.sustain;
        r.put("sustain_s", o.sustain().toSeconds());
        if (s != null) {
            r.put("sustain_rate_events_per_s", round(s.offeredEventsPerSecond()));
            r.put("sustain_rate_share_of_pipeline", SustainPhase.SHARE);
            r.put("sustain_sent_events", s.sentEvents());
            r.put("sustain_sent_events_per_s", round(s.sentEvents() / s.seconds()));
            r.put("sustain_lag_first", s.first());
            r.put("sustain_lag_last", s.last());
            r.put("sustain_lag_max", s.max());
            r.put("sustain_lag_samples", s.lag().size());
            r.put("sustain_lag_slope_events_per_s", Double.isNaN(s.slope()) ? null : round3(s.slope()));
            r.put("lag_growing", s.growing());
            r.put("lag_definition", "input lag = end offsets of inference.events (read_committed) − the pipeline "
                    + "group's committed offsets, summed over partitions, sampled every second while live traffic "
                    + "over the same models (event time = now) was sent at sustain_rate_events_per_s (a share of "
                    + "pipeline_events_per_s); lag_growing = least-squares slope of the second half's samples > "
                    + LagTrend.GROWTH_SHARE + " × sustain_rate_events_per_s");
        }
    }

    /** Where the time went in a phase: the bench JVM's CPU, the machine's load, the stream threads' ratios. */
    private static void diagnostics(ObjectNode r, String phase, Measured m) {
        r.put(phase + "_jvm_cpu_cores", Double.isNaN(m.jvmCpuCores()) ? null : round3(m.jvmCpuCores()));
        double cpuPerEvent = m.streamThreadCpuMicrosPerEvent();
        r.put(phase + "_stream_thread_cpu_us_per_event", Double.isNaN(cpuPerEvent) ? null : round3(cpuPerEvent));
        double threadCores = m.streamThreadCores();
        r.put(phase + "_stream_thread_cores", Double.isNaN(threadCores) ? null : round3(threadCores));
        r.put(phase + "_jit_compile_cores", Double.isNaN(m.jitCores()) ? null : round3(m.jitCores()));
        r.put(phase + "_load_average", Double.isNaN(m.loadAverage()) ? null : round3(m.loadAverage()));
        if (!m.thread().isEmpty()) {
            ObjectNode t = r.putObject(phase + "_stream_thread");
            m.thread().forEach((k, v) -> t.put(k.replace('-', '_'), round3(v)));
        }
    }
}
