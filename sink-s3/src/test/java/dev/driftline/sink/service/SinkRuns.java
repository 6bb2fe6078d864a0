package dev.driftline.sink.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.sink.LakeLocation;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.LakeTraffic;
import dev.driftline.sink.write.ParquetSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Properties;

/** Runs a real {@link SinkService} over a {@link LakeTraffic} until every record is committed. */
final class SinkRuns {
    private SinkRuns() {
    }

    static SinkSettings settings(String bootstrap, LakeTraffic traffic, LakeLocation lake, Optional<String> endpoint,
            long maxRecords) {
        return new SinkSettings(bootstrap, new Properties(), traffic.prefix, lake, "sink-" + traffic.prefix,
                EnumSet.allOf(LakeTable.class), endpoint, Optional.of("us-east-1"), Optional.empty(),
                5 * 1024 * 1024, ParquetSettings.DEFAULTS,
                new Rotation(maxRecords, 128L << 20, Duration.ofHours(1), Duration.ofSeconds(1)), -1, "127.0.0.1");
    }

    /**
     * Starts the sink, waits until it has read every record of the traffic, stops it (which writes and commits
     * what is open) and checks that every record was committed; returns its metrics.
     */
    static SinkMetrics runToEnd(SinkSettings settings, LakeTraffic traffic) throws Exception {
        SinkService sink = SinkService.start(settings, new SimpleMeterRegistry());
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline && !done(sink.metrics(), traffic, false)) {
                assertThat(sink.isRunning()).as("sink running (failure: %s)", sink.failure()).isTrue();
                Thread.sleep(200);
            }
            assertThat(done(sink.metrics(), traffic, false)).as("every record read within 120 s").isTrue();
        } finally {
            sink.close();
        }
        assertThat(sink.failure()).isNull();
        assertThat(done(sink.metrics(), traffic, true)).as("every record committed").isTrue();
        return sink.metrics();
    }

    private static boolean done(SinkMetrics m, LakeTraffic t, boolean committed) {
        for (LakeTable table : LakeTable.values()) {
            long n = committed ? m.records(table) : m.recordsRead(table);
            if (n < t.expectedRecords.get(table)) {
                return false;
            }
        }
        return true;
    }
}
