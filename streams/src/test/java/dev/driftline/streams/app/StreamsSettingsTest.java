package dev.driftline.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.config.Config;
import dev.driftline.drift.dataquality.MonitoringConfig;
import dev.driftline.drift.decision.DriftPolicy;
import dev.driftline.streams.evaluate.DataQualityOverrides;
import dev.driftline.streams.modelquality.QualityTolerances;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {
    private static Config.Builder base() {
        return Config.builder(StreamsKeys.ALL).flag(StreamsKeys.BOOTSTRAP_SERVERS, "k:9092");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        StreamsSettings s = StreamsSettings.from(base().build());
        assertThat(s.window().size()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.window().grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.pipeline().pairing().pairingWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.pipeline().merge().settle()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.pipeline().policy()).isEqualTo(DriftPolicy.defaults());
        assertThat(s.topics().drift.name()).isEqualTo("driftline.drift");
        assertThat(s.metricsPort()).isEqualTo(9464);
        assertThat(s.kafkaProperties().getProperty("num.stream.threads")).isEqualTo(Integer.toString(
                Math.min(Runtime.getRuntime().availableProcessors(), s.topics().inferenceEvents.partitions())));
    }

    @Test
    void streamThreadsFollowTheProcessorsUpToTheInputPartitionsUnlessSet() {
        assertThat(StreamsSettings.defaultStreamThreads(1, 6)).isEqualTo(1);
        assertThat(StreamsSettings.defaultStreamThreads(2, 6)).isEqualTo(2);
        assertThat(StreamsSettings.defaultStreamThreads(64, 6)).isEqualTo(6);
        assertThat(StreamsSettings.defaultStreamThreads(4, 0)).isEqualTo(1);
        // a user's value wins, also one below the default
        StreamsSettings s = StreamsSettings.from(base().env(Map.of("KAFKA_NUM_STREAM_THREADS", "1")).build());
        assertThat(s.kafkaProperties().getProperty("num.stream.threads")).isEqualTo("1");
        assertThat(s.streamThreadsPhrase()).isEqualTo("1 stream thread");
        s = StreamsSettings.from(base().env(Map.of("KAFKA_NUM_STREAM_THREADS", "9")).build());
        assertThat(s.kafkaProperties().getProperty("num.stream.threads")).isEqualTo("9");
        assertThat(s.streamThreadsPhrase()).isEqualTo("9 stream threads");
    }

    @Test
    void envAndFlagsOverrideInOrderAndKafkaPropertiesPassThrough() {
        Config c = base().env(Map.of("DRIFTLINE_STREAMS_WINDOW", "1h", "DRIFTLINE_STREAMS_GRACE", "2m",
                        "KAFKA_NUM_STREAM_THREADS", "2", "DRIFTLINE_STREAMS_DRIFT_CORRECTION", "benjamini_hochberg"))
                .flag(StreamsKeys.GRACE, "45s").flag(StreamsKeys.DRIFT_MIN_SAMPLES, 2000).build();
        StreamsSettings s = StreamsSettings.from(c);
        assertThat(s.window().size()).isEqualTo(Duration.ofHours(1));
        assertThat(s.window().grace()).isEqualTo(Duration.ofSeconds(45));
        assertThat(s.pipeline().policy().correction()).isEqualTo(DriftPolicy.Correction.BENJAMINI_HOCHBERG);
        assertThat(s.pipeline().policy().minSamples()).isEqualTo(2000);
        assertThat(s.pipeline().policy().largeSample()).isEqualTo(2000);
        var props = DriftlineStreams.streamsProperties(s);
        assertThat(props.getProperty("num.stream.threads")).isEqualTo("2");
        assertThat(props.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void perModelSettingsComeFromOpenPrefixes() {
        Config.Builder b = base();
        StreamsKeys.OPEN_PREFIXES.forEach(b::openPrefix);
        StreamsSettings s = StreamsSettings.from(b.openFlag("streams.window.model.fraud", "1h")
                .openFlag("streams.reference.model.fraud", "rolling:12")
                .openFlag("streams.model-quality.threshold.model.fraud", "0.95").build());
        assertThat(s.window().sizeOf("fraud")).isEqualTo(Duration.ofHours(1));
        assertThat(s.window().sizeOf("iris")).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.window().windowStart("fraud", 5_400_000L)).isEqualTo(3_600_000L);
        assertThat(s.pipeline().reference().of("fraud").id()).isEqualTo("rolling:12");
        assertThat(s.pipeline().modelQuality().thresholds()).containsEntry("fraud", 0.95);
        Config.Builder bad = base();
        StreamsKeys.OPEN_PREFIXES.forEach(bad::openPrefix);
        assertThatThrownBy(() -> StreamsSettings.from(bad.openFlag("streams.window.model.fraud", "soon").build()))
                .hasMessageContaining("streams.window.model.fraud");
    }

    @Test
    void qualitySettingsDefaultToTheBaselinesAndCanBeOverridden() {
        StreamsSettings d = StreamsSettings.from(base().build());
        assertThat(d.pipeline().dataQuality()).isEqualTo(DataQualityOverrides.none());
        assertThat(d.pipeline().modelQuality().tolerances()).isEqualTo(QualityTolerances.standard());
        Config.Builder b = base();
        StreamsKeys.OPEN_PREFIXES.forEach(b::openPrefix);
        StreamsSettings s = StreamsSettings.from(b.flag(StreamsKeys.DATA_QUALITY_CATEGORICAL_VALUES, "strict")
                .flag(StreamsKeys.DATA_QUALITY_UNSEEN_FLOOR, "0.005").flag(StreamsKeys.QUALITY_TOLERANCE_RMSE, 0.5)
                .openFlag("streams.model-quality.tolerance.model.fraud.accuracy", "0.02").build());
        assertThat(s.pipeline().dataQuality().apply(MonitoringConfig.defaults())).isEqualTo(MonitoringConfig
                .defaults().withCategoricalValues(MonitoringConfig.CategoricalValues.STRICT).withUnseenFloor(0.005));
        QualityTolerances t = s.pipeline().modelQuality().tolerances();
        assertThat(t.of("iris", "rmse")).isEqualTo(0.5);
        assertThat(t.of("iris", "accuracy")).isEqualTo(0.05);
        assertThat(t.of("fraud", "accuracy")).isEqualTo(0.02);
        assertThatThrownBy(() -> StreamsSettings.from(base().flag(StreamsKeys.DATA_QUALITY_CATEGORICAL_VALUES,
                "lenient").build())).hasMessageContaining("streams.data-quality.categorical-values");
        Config.Builder bad = base();
        StreamsKeys.OPEN_PREFIXES.forEach(bad::openPrefix);
        assertThatThrownBy(() -> StreamsSettings.from(bad.openFlag("streams.model-quality.tolerance.model.fraud.auc",
                "0.1").build())).hasMessageContaining("streams.model-quality.tolerance.model.fraud.auc");
    }

    /** Model-quality keys say "model-quality"; their former "streams.quality.*" names still work. */
    @Test
    void formerModelQualityNamesAreStillRead() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("streams", ".properties");
        try {
            java.nio.file.Files.writeString(file, "streams.quality.min-labels=12\n");
            Config.Builder b = base().file(file);
            StreamsKeys.OPEN_PREFIXES.forEach(b::openPrefix);
            Config c = b.openFlag("streams.quality.threshold.model.fraud", "0.9")
                    .openFlag("streams.quality.threshold.model.iris", "0.8")
                    .openFlag("streams.model-quality.threshold.model.iris", "0.85").build();
            StreamsSettings s = StreamsSettings.from(c);
            assertThat(s.pipeline().modelQuality().minLabels()).isEqualTo(12);
            assertThat(c.deprecations()).anySatisfy(d -> assertThat(d).contains("streams.quality.min-labels")
                    .contains("streams.model-quality.min-labels"));
            assertThat(s.pipeline().modelQuality().thresholds()).containsEntry("fraud", 0.9)
                    .containsEntry("iris", 0.85);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void badValuesFailNamingTheKey() {
        assertThatThrownBy(() -> StreamsSettings.from(base().flag(StreamsKeys.WINDOW, "soon").build()))
                .hasMessageContaining("streams.window");
        assertThatThrownBy(() -> StreamsSettings.from(base().flag(StreamsKeys.DRIFT_ALPHA, 2.0).build()))
                .hasMessageContaining("streams.drift.alpha");
        assertThatThrownBy(() -> StreamsSettings.from(base().flag(StreamsKeys.DRIFT_CORRECTION, "holm").build()))
                .hasMessageContaining("streams.drift.correction");
        assertThatThrownBy(() -> StreamsSettings.from(Config.builder(StreamsKeys.ALL).build()))
                .hasMessageContaining("bootstrap-servers");
    }
}
