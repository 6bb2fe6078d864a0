package dev.driftline.bench.sink;

import static dev.driftline.bench.support.Figures.round;
import static dev.driftline.bench.support.Figures.round3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** The JSON result of {@code driftline bench sink}: the run's parameters, each phase's figures, and the ratios. */
final class SinkReport {
    private SinkReport() {
    }

    static ObjectNode of(SinkBenchmark.Options o, SinkPreload.Produced produced, SinkPhases.SinkRun sink,
                         SinkPhases.ParseOnly parse, DuckDbReference.Copy single, DuckDbReference.Copy part,
                         int duckThreads) {
        ObjectNode r = new ObjectMapper().createObjectNode();
        long n = o.records();
        double source = produced.sourceBytes();
        r.put("bench", "sink");
        r.put("format", o.format().label());
        r.put("records", n);
        r.put("kafka_records", produced.records());
        r.put("partitions", o.partitions());
        r.put("event_hours", o.hours());
        r.put("features", SinkRecords.NUMERIC.size() + SinkRecords.CATEGORICAL.size());
        r.put("models", SinkRecords.MODELS.size());
        r.put("compression", o.compression().toLowerCase(Locale.ROOT));
        r.put("source_bytes", produced.sourceBytes());
        r.put("avg_record_bytes", Math.round(source / produced.records()));
        r.put("avg_row_bytes", Math.round(source / n));
        r.put("warmup_records", o.warmupRecords());
        ObjectNode s = r.putObject("sink");
        s.put("rows_per_s", round(n / sink.seconds()));
        s.put("parquet_mb_per_s", round3(sink.bytes() / 1e6 / sink.seconds()));
        s.put("source_mb_per_s", round3(source / 1e6 / sink.seconds()));
        s.put("files", sink.files());
        s.put("parquet_bytes", sink.bytes());
        s.put("rows_per_file", Math.round((double) sink.rows() / Math.max(1, sink.files())));
        s.put("compression_ratio", round3(source / sink.bytes()));
        s.put("seconds", round3(sink.seconds()));
        s.put("startup_s", round3(sink.startupSeconds()));
        s.put("read_s", round3(sink.readSeconds()));
        s.put("final_flush_s", round3(sink.flushSeconds()));
        s.put("rows_per_s_after_startup", round(n / (sink.seconds() - sink.startupSeconds())));
        s.put("jvm_cpu_cores", round3(sink.cpuCores()));
        s.put("same_rows_as_reference", true);
        ObjectNode d = r.putObject("duckdb_copy");
        copy(d, single, n, source);
        d.put("threads", duckThreads);
        ObjectNode dp = r.putObject("duckdb_copy_partitioned");
        copy(dp, part, n, source);
        if (parse != null) {
            ObjectNode p = r.putObject("parse_only");
            p.put("rows_per_s", round(n / parse.seconds()));
            p.put("source_mb_per_s", round3(source / 1e6 / parse.seconds()));
            p.put("seconds", round3(parse.seconds()));
            p.put("mapping_s", round3(parse.mapSeconds()));
            p.put("share_of_sink_time_after_startup",
                    round3(parse.seconds() / (sink.seconds() - sink.startupSeconds())));
        }
        r.put("ratio_to_duckdb", round3(single.medianSeconds() / sink.seconds()));
        r.put("ratio_to_duckdb_partitioned", round3(part.medianSeconds() / sink.seconds()));
        r.put("parquet_size_ratio_to_duckdb", round3((double) sink.bytes() / single.bytes()));
        r.put("unit_note", "records = rows = inference_log rows; kafka_records = the topic's records (format v1: "
                + "one JSON value per row; v2: one InferenceRowsCodec value per request, as the pipeline writes); "
                + "avg_record_bytes per Kafka record, avg_row_bytes per row; ratio_to_duckdb = sink rows/s over "
                + "DuckDB COPY rows/s (median of repeats, same rows, same codec); the sink figure includes Kafka "
                + "reading, mapping, start-up and the final flush; DuckDB's only the Parquet write of a loaded "
                + "table; source bytes = key + value");
        return r;
    }

    private static void copy(ObjectNode d, DuckDbReference.Copy c, long n, double source) {
        d.put("rows_per_s", round(n / c.medianSeconds()));
        d.put("mb_per_s", round3(c.bytes() / 1e6 / c.medianSeconds()));
        d.put("source_mb_per_s", round3(source / 1e6 / c.medianSeconds()));
        d.put("files", c.files());
        d.put("parquet_bytes", c.bytes());
        d.put("compression_ratio", round3(source / c.bytes()));
        d.put("seconds", round3(c.medianSeconds()));
        d.put("best_s", round3(c.bestSeconds()));
        d.put("repeats", c.repeats());
    }
}
