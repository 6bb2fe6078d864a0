package dev.driftline.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.config.Config;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.query.LocalLake;
import dev.driftline.sink.service.SinkKeys;
import dev.driftline.sink.service.SinkService;
import dev.driftline.sink.service.SinkSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The demo's lake: {@code driftline sink} in this JVM writing every table to a local directory (emptied at start
 * when the demo made it; another non-empty directory is refused), batches closed after 3 s so the lake follows
 * the pipeline closely; at the end the row counts and a few {@code driftline query} commands to try.
 */
final class DemoLake implements AutoCloseable {
    /** How long a batch stays open in the demo (the service's default is 1 minute). */
    static final Duration MAX_OPEN = Duration.ofSeconds(3);
    private final Path dir;
    private final SinkService sink;

    private DemoLake(Path dir, SinkService sink) {
        this.dir = dir;
        this.sink = sink;
    }

    static DemoLake start(Path dir, String bootstrapServers, MeterRegistry registry, PrintStream out)
            throws Exception {
        DemoRun.resetDataDir(dir);
        SinkSettings s = SinkSettings.from(Config.builder(SinkKeys.ALL)
                .flag(SinkKeys.BOOTSTRAP_SERVERS, bootstrapServers).flag(SinkKeys.LAKE, dir.toUri().toString())
                .flag(SinkKeys.GROUP_ID, "driftline-demo-sink").flag(SinkKeys.ROTATE_MAX_OPEN, MAX_OPEN.toSeconds() + "s")
                .flag(SinkKeys.METRICS_PORT, -1).build());
        SinkService sink = SinkService.start(s, registry);
        out.println("demo: lake sink writing Parquet (ZSTD) to " + dir.toUri());
        return new DemoLake(dir, sink);
    }

    /**
     * Waits (at most {@code timeout}) until everything the sink read is committed to the lake and nothing new came
     * for two seconds.
     */
    void awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<LakeTable, Long> last = Map.of();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Map<LakeTable, Long> read = new EnumMap<>(LakeTable.class);
            boolean committed = true;
            for (LakeTable t : LakeTable.values()) {
                read.put(t, sink.metrics().recordsRead(t));
                committed &= sink.metrics().records(t) >= sink.metrics().recordsRead(t);
            }
            if (!read.equals(last)) {
                last = read;
                stableSince = System.nanoTime();
            } else if (committed && System.nanoTime() - stableSince > Duration.ofSeconds(2).toNanos()) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /** Rows per table as the lake holds them, read back with DuckDB. */
    ObjectNode summary(ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        o.put("dir", dir.toUri().toString());
        ObjectNode rows = o.putObject("rows");
        try (LocalLake lake = LocalLake.open(dir)) {
            for (LakeTable t : LakeTable.values()) {
                Object n = lake.query("SELECT count(*) FROM " + t.tableName()).rows().get(0).get(0);
                rows.put(t.tableName(), ((Number) n).longValue());
            }
        }
        return o;
    }

    /** Prints the row counts and commands that work on what was just written. */
    void print(ObjectNode summary, PrintStream out) {
        StringBuilder counts = new StringBuilder();
        summary.get("rows").fields().forEachRemaining(e -> counts.append(counts.length() == 0 ? "" : ", ")
                .append(e.getKey()).append(' ').append(e.getValue().asLong()));
        out.println("demo: lake " + summary.get("dir").asText() + ": " + counts);
        String lake = "--lake " + summary.get("dir").asText();
        out.println("demo: query it (the same SQL runs on Athena over s3://, see sink-s3/QUERIES.md):");
        out.println("  ./driftline query " + lake + " --analyst top_drifting_features_24h");
        out.println("  ./driftline query " + lake + " --analyst drift_timeline");
        out.println("  ./driftline query " + lake + " \"SELECT kind, feature, state, value, threshold FROM alerts"
                + " ORDER BY window_start\"");
        out.println("  ./driftline query " + lake + " --list-tables");
    }

    @Override
    public void close() {
        sink.close(Duration.ofSeconds(30));
    }
}
