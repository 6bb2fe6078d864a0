package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.baseline.BaselineCodec;
import dev.driftline.contracts.figures.DriftFigure;
import dev.driftline.contracts.figures.FigureRegistry;
import dev.driftline.contracts.window.MergedWindow;
import dev.driftline.contracts.window.MergedWindowCodec;
import dev.driftline.contracts.window.PartialWindow;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineBuilder;
import dev.driftline.drift.io.Table;
import dev.driftline.drift.profile.NumericProfile;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.rows.LakeRow;
import dev.driftline.sink.rows.SourceRecord;
import dev.driftline.sink.rows.TableRows;
import dev.driftline.streams.DriftlineTopology;
import dev.driftline.streams.PipelineConfig;
import dev.driftline.streams.PipelineInstruments;
import dev.driftline.streams.meters.PipelineMeters;
import dev.driftline.streams.modelquality.ModelQualityCounters;
import dev.driftline.streams.support.DeadLetteringDeserializationHandler;
import dev.driftline.streams.window.LateRecords;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a drift figure is its computation plus one registration: a figure made up here (the absolute shift of the
 * mean, registered with {@link FigureRegistry#register}) reaches the drift report JSON the pipeline writes, the
 * lake's {@code drift_metrics} rows and {@code /metrics}, with no other class changed.
 */
class FigureReachesEveryReaderTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final String FIGURE = "mean_shift";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Topics topics = new Topics();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private TopologyTestDriver driver;
    @TempDir
    Path state; // not Kafka Streams' default under /tmp, which the driver would create and leave behind

    @BeforeEach
    void register() {
        FigureRegistry.register(new DriftFigure(FIGURE, DriftFigure.AppliesTo.NUMERIC, DriftFigure.Kind.DISTANCE,
                "Mean shift", OptionalDouble.of(0.5), Set.of(), true,
                (reference, current, builtIn) -> Math.abs(((NumericProfile) current).mean()
                        - ((NumericProfile) reference).mean())));
        Properties p = new Properties();
        DeadLetteringDeserializationHandler.configure(p, topics);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "figure-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        driver = new TopologyTestDriver(DriftlineTopology.build(new StreamsBuilder(), PipelineConfig.defaults(topics),
                new PipelineInstruments(new LateRecords(), new ModelQualityCounters(),
                        Optional.of(new PipelineMeters(registry)))), p, T0);
    }

    @AfterEach
    void unregister() {
        driver.close();
        FigureRegistry.unregister(FIGURE);
    }

    @Test
    void aRegisteredFigureReachesTheReportTheLakeAndTheMetrics() throws Exception {
        Random rnd = new Random(3);
        List<Object[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            rows.add(new Object[] {rnd.nextGaussian()});
            lines.add(i + 2L);
        }
        Baseline baseline = new BaselineBuilder(CLOCK).build(new Table("train.csv", List.of("x"), rows, lines), "m",
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
        PartialWindow w = new PartialWindow("m", T0.toEpochMilli(), T0.plusSeconds(300).toEpochMilli());
        for (int i = 0; i < 500; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("x", rnd.nextGaussian() + 0.75);
            w.addRow(row);
        }
        double expected = Math.abs(((NumericProfile) w.profiles().get("x")).mean()
                - ((NumericProfile) baseline.feature("x").orElseThrow().profile()).mean());
        driver.createInputTopic(topics.baselines.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput("m", BaselineCodec.INSTANCE.encode(baseline), T0);
        driver.createInputTopic(topics.profiles.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput(new TestRecord<>("m", MergedWindowCodec.INSTANCE.encode(MergedWindow.of(w, 1, 1)), T0));
        TestOutputTopic<String, byte[]> drift = driver.createOutputTopic(topics.drift.name(),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        TestRecord<String, byte[]> report = drift.readRecord();

        // 1. the drift report JSON
        JsonNode x = MAPPER.readTree(report.value()).at("/features/x");
        assertThat(x.get(FIGURE).asDouble()).isCloseTo(expected, within(1e-9));
        assertThat(expected).isGreaterThan(0.5);

        // 2. the lake's drift_metrics rows
        List<LakeRow> lake = TableRows.of(LakeTable.DRIFT_METRICS).rows(new SourceRecord(topics.drift.name(), 0, 0,
                T0.toEpochMilli(), "m".getBytes(), report.value(), List.of()));
        LakeRow row = lake.stream().filter(r -> FIGURE.equals(column(r, "metric"))).findFirst().orElseThrow();
        assertThat((Double) column(row, "value")).isCloseTo(expected, within(1e-9));
        assertThat(column(row, "feature")).isEqualTo("x");
        assertThat(column(row, "is_decision_metric")).isEqualTo(false);

        // 3. /metrics (the meters tap read the report back from the drift topic)
        String scrape = registry.scrape();
        assertThat(scrape).containsPattern("driftline_feature_drift_score\\{feature=\"x\",metric=\"" + FIGURE
                + "\",model=\"m\"} " + "0\\.\\d+|driftline_feature_drift_score\\{feature=\"x\",metric=\""
                + FIGURE + "\",model=\"m\"} \\d");
        double served = registry.get("driftline.feature.drift.score")
                .tags("model", "m", "feature", "x", "metric", FIGURE).gauge().value();
        assertThat(served).isCloseTo(expected, within(1e-9));
    }

    private static Object column(LakeRow row, String name) {
        return row.value(row.table().columns().indexOf(row.table().column(name).orElseThrow()));
    }
}
