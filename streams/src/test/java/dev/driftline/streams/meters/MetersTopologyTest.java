package dev.driftline.streams.meters;


import dev.driftline.streams.TestDrivers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.driftline.contracts.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetersTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private final Topics topics = new Topics();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> drift;
    private TestInputTopic<String, byte[]> alerts;
    private TestInputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void setUp() {
        Properties p = TestDrivers.properties("metrics-test", topics);
        // wall clock of the driver: 40 s after the window's end
        StreamsBuilder b = new StreamsBuilder();
        MetersTopology.addTo(b, topics, new PipelineMeters(registry));
        driver = new TopologyTestDriver(b.build(), p, T0.plusSeconds(340));
        drift = driver.createInputTopic(topics.drift.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        alerts = driver.createInputTopic(topics.alerts.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        deadLetters = driver.createInputTopic(topics.deadLetter.name(), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private static byte[] utf8(String s) {
        return s.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static String report(int revision, double share, double js) {
        return "{'schema_version':1,'model':'wine','window_start':'2026-11-21T10:00:00Z',"
                + "'window_end':'2026-11-21T10:05:00Z','revision':" + revision + ",'rows':400,'status':'evaluated',"
                + "'features':{'alcohol':{'type':'numeric','ks_statistic':0.41,'ks_pvalue':1e-9,'psi':0.9,"
                + "'wasserstein_norm':0.7,'jensen_shannon':" + js + ",'hellinger':0.3,'drift':true},"
                + "'color':{'type':'categorical','linf':0.05,'psi':0.01,'jensen_shannon':0.02,'drift':false}},"
                + "'dataset_drift':false,'drifted_features':1,'judged_features':2,'drifted_share':" + share + ","
                + "'violations':[{'feature_name':'alcohol','constraint_check_type':'baseline_range_check',"
                + "'description':'x'}]}";
    }

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    @Test
    void driftReportsSetPerFeatureAndPerModelScores() {
        drift.pipeInput("wine", utf8(report(1, 0.5, 0.25)), T0);
        assertThat(gauge("driftline.feature.drift.score", "model", "wine", "feature", "alcohol", "metric",
                "jensen_shannon")).isEqualTo(0.25);
        assertThat(gauge("driftline.feature.drift.score", "model", "wine", "feature", "alcohol", "metric",
                "ks_statistic")).isEqualTo(0.41);
        assertThat(gauge("driftline.feature.drift.score", "model", "wine", "feature", "color", "metric", "linf"))
                .isEqualTo(0.05);
        assertThat(registry.find("driftline.feature.drift.score").tag("metric", "ks_pvalue").gauge()).isNull();
        assertThat(gauge("driftline.model.drift.score", "model", "wine")).isEqualTo(0.5);
        assertThat(gauge("driftline.window.rows", "model", "wine")).isEqualTo(400);
        assertThat(registry.get("driftline.violations").tags("model", "wine", "check", "baseline_range_check")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("driftline.pipeline.lag").timer().totalTime(TimeUnit.SECONDS))
                .isCloseTo(40, within(1e-9));

        // a later revision of the same window updates the scores but counts no second window nor violation
        drift.pipeInput("wine", utf8(report(2, 0.0, 0.01)), T0);
        assertThat(gauge("driftline.model.drift.score", "model", "wine")).isEqualTo(0.0);
        assertThat(gauge("driftline.feature.drift.score", "model", "wine", "feature", "alcohol", "metric",
                "jensen_shannon")).isEqualTo(0.01);
        assertThat(registry.get("driftline.windows.evaluated").counter().count()).isEqualTo(1);
        assertThat(registry.get("driftline.violations").counter().count()).isEqualTo(1);
        assertThat(registry.get("driftline.pipeline.lag").timer().count()).isEqualTo(1);
    }

    @Test
    void unreadableAndNoBaselineReportsChangeNothing() {
        drift.pipeInput("wine", utf8("{not json"), T0);
        drift.pipeInput("wine", utf8("{'schema_version':1,'model':'wine','window_start':'2026-11-21T10:00:00Z',"
                + "'window_end':'2026-11-21T10:05:00Z','revision':1,'rows':3,'status':'no_baseline','features':{},"
                + "'violations':[]}"), T0);
        assertThat(registry.find("driftline.model.drift.score").gauge()).isNull();
        assertThat(registry.find("driftline.windows.evaluated").counter()).isNull();
        // the unreadable report became a dead letter (and the dead-letter tap counted it)
        assertThat(registry.get("driftline.deadletter.records").tags("reason", "not_json").counter().count())
                .isEqualTo(1);
    }

    private static String alert(String id, String kind, String state) {
        return "{'schema_version':1,'alert_id':'" + id + "','model':'wine','kind':'" + kind + "','feature':null,"
                + "'state':'" + state + "','severity':'warning','window_start':'2026-11-21T10:00:00Z',"
                + "'window_end':'2026-11-21T10:05:00Z','metric':null,'value':null,'threshold':null,"
                + "'opened_at':'2026-11-21T10:05:00Z','resolved_at':null,'details':{}}";
    }

    @Test
    void openAlertsAreCountedPerModelAndKind() {
        alerts.pipeInput("wine", utf8(alert("a1", "data_drift", "open")));
        alerts.pipeInput("wine", utf8(alert("a2", "data_drift", "open")));
        alerts.pipeInput("wine", utf8(alert("a2", "data_drift", "open"))); // duplicate delivery: still 2
        alerts.pipeInput("wine", utf8(alert("q1", "model_quality", "open")));
        assertThat(gauge("driftline.alerts.open", "model", "wine", "kind", "data_drift")).isEqualTo(2);
        alerts.pipeInput("wine", utf8(alert("a1", "data_drift", "resolved")));
        alerts.pipeInput("wine", utf8(alert("a1", "data_drift", "resolved")));
        assertThat(gauge("driftline.alerts.open", "model", "wine", "kind", "data_drift")).isEqualTo(1);
        assertThat(gauge("driftline.alerts.open", "model", "wine", "kind", "model_quality")).isEqualTo(1);
        assertThat(registry.get("driftline.alert.transitions").tags("kind", "data_drift", "state", "open").counter().count())
                .isEqualTo(3);
    }

    @Test
    void deadLettersAreCountedByReason() {
        org.apache.kafka.common.header.Headers h = new RecordHeaders().add("dl_reason", utf8("not_json"));
        deadLetters.pipeInput(new TestRecord<>(utf8("k"), utf8("x"), h, T0));
        deadLetters.pipeInput(new TestRecord<>(utf8("k"), utf8("y"), h, T0));
        deadLetters.pipeInput(new TestRecord<>(utf8("k"), utf8("z"), new RecordHeaders(), T0));
        assertThat(registry.get("driftline.deadletter.records").tags("reason", "not_json").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("driftline.deadletter.records").tags("reason", "unknown").counter().count())
                .isEqualTo(1);
    }
}
