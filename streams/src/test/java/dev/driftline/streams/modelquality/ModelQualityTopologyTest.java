package dev.driftline.streams.modelquality;

import static dev.driftline.streams.modelquality.ModelQualityHarness.T0;
import static dev.driftline.streams.modelquality.ModelQualityCounters.LABELS_EXPIRED;
import static dev.driftline.streams.modelquality.ModelQualityCounters.RECORDS_EXPIRED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The label join and the per-window emission: order, batches, horizon, windows, versions, throttling. */
class ModelQualityTopologyTest {
    private ModelQualityHarness h = new ModelQualityHarness(ModelQualityConfig.defaults());

    @AfterEach
    void tearDown() {
        h.close();
    }

    private static JsonNode only(List<TestRecord<String, JsonNode>> out) {
        assertThat(out).hasSize(1);
        return out.get(0).value();
    }

    @Test
    void labelAfterItsRecordGivesAFigureForTheWindowOfTheInference() {
        h.inference("e1", "churn", T0.plusSeconds(10), "0.9");
        assertThat(h.tick()).isEmpty();
        h.label("e1", 0, "churn", "1", T0.plus(Duration.ofHours(5)));
        List<TestRecord<String, JsonNode>> out = h.tick();
        JsonNode q = only(out);
        assertThat(out.get(0).key()).isEqualTo("churn");
        assertThat(out.get(0).getRecordTime()).isEqualTo(T0);
        assertThat(q.get("schema_version").asInt()).isEqualTo(1);
        assertThat(q.get("model").asText()).isEqualTo("churn");
        assertThat(q.get("window_start").asText()).isEqualTo("2026-11-21T10:00:00Z");
        assertThat(q.get("window_end").asText()).isEqualTo("2026-11-21T10:05:00Z");
        assertThat(q.get("version").asInt()).isEqualTo(1);
        assertThat(q.get("problem_type").asText()).isEqualTo("binary_classification");
        assertThat(q.get("labelled_rows").asLong()).isEqualTo(1);
        assertThat(q.get("metric").asText()).isEqualTo("accuracy");
        assertThat(q.get("value").asDouble()).isEqualTo(1.0);
        assertThat(q.get("threshold").asDouble()).isEqualTo(0.7);
        assertThat(q.get("status").asText()).isEqualTo("insufficient_labels");
        assertThat(q.get("metrics").get("auc").isNull()).isTrue(); // one class only: undefined
        assertThat(h.tick()).isEmpty(); // nothing new, nothing emitted
    }

    @Test
    void labelBeforeItsRecordWaitsForIt() {
        h.label("e1", 0, "churn", "0", T0);
        assertThat(h.tick()).isEmpty();
        h.inference("e1", "churn", T0.plusSeconds(400), "0.2"); // second window
        JsonNode q = only(h.tick());
        assertThat(q.get("window_start").asText()).isEqualTo("2026-11-21T10:05:00Z");
        assertThat(q.get("labelled_rows").asLong()).isEqualTo(1);
        assertThat(q.get("value").asDouble()).isEqualTo(1.0);
    }

    @Test
    void labelOfRowOneOfABatchedRequestMeetsRowOne() {
        h.inference("e1", "churn", T0, "0.2", "0.9");
        h.label("e1", 1, "churn", "1", T0.plusSeconds(60));
        JsonNode q = only(h.tick());
        assertThat(q.get("labelled_rows").asLong()).isEqualTo(1);
        assertThat(q.get("value").asDouble()).isEqualTo(1.0); // row 0 (0.2) would have been a miss
        h.label("e1", 0, "churn", "1", T0.plusSeconds(61));
        q = only(h.tick());
        assertThat(q.get("labelled_rows").asLong()).isEqualTo(2);
        assertThat(q.get("value").asDouble()).isEqualTo(0.5);
    }

    @Test
    void labelWithoutRowDefaultsToRowZeroAndTheKeyIsTheInferenceId() {
        h.inference("e1", "churn", T0, "0.7");
        h.labelValue("e1", "{\"model\":\"churn\",\"label\":true}", T0.plusSeconds(5));
        assertThat(only(h.tick()).get("value").asDouble()).isEqualTo(1.0);
    }

    @Test
    void entriesExpireOnTheirOwnSidesClockAndAreCountedPerModel() {
        h.close();
        h = new ModelQualityHarness(ModelQualityConfig.defaults().withTtl(Duration.ofHours(1)));
        h.inference("e1", "churn", T0, "0.9");
        h.inference("i1", "iris", T0, "\"setosa\"");
        h.label("x", 0, "churn", "1", T0); // no row: waits in label arrival time
        h.label("y", 0, "iris", "\"setosa\"", T0.plus(Duration.ofDays(30)));
        // labels a month later expire the waiting label, but no row: rows wait on their model's event time
        assertThat(h.counters.get("churn", LABELS_EXPIRED)).isEqualTo(1);
        assertThat(h.counters.get(RECORDS_EXPIRED)).isZero();
        h.inference("e2", "churn", T0.plus(Duration.ofHours(2)), "0.9"); // churn's event time passes e1's horizon
        assertThat(h.counters.get("churn", RECORDS_EXPIRED)).isEqualTo(1);
        assertThat(h.counters.get("iris", RECORDS_EXPIRED)).isZero(); // iris has a clock of its own
        h.label("i1", 0, "iris", "\"setosa\"", T0.plus(Duration.ofDays(30)));
        h.label("e1", 0, "churn", "1", T0.plus(Duration.ofDays(30))); // e1 is gone: the label waits instead
        List<TestRecord<String, JsonNode>> out = h.tick();
        assertThat(out).extracting(TestRecord::key).containsExactly("iris");
        assertThat(out.get(0).getRecordTime()).isEqualTo(T0);
        h.inference("e3", "churn", T0, "0.9"); // an hour behind churn's newest rows: dropped at once
        assertThat(h.counters.get("churn", RECORDS_EXPIRED)).isEqualTo(2);
        h.label("z", 0, "nope", "1", T0.plus(Duration.ofDays(32))); // y and e1's label expire
        assertThat(h.counters.get("iris", LABELS_EXPIRED)).isEqualTo(1);
        assertThat(h.counters.get("churn", LABELS_EXPIRED)).isEqualTo(2);
        h.label("w", 0, "nope", "1", T0.plus(Duration.ofDays(34))); // z expires: a model the join never saw
        assertThat(h.counters.get(ModelQualityCounters.NO_MODEL, LABELS_EXPIRED)).isEqualTo(1);
        assertThat(h.counters.get("nope", LABELS_EXPIRED)).isZero();
        assertThat(h.counters.get(LABELS_EXPIRED)).isEqualTo(4);
        h.label("e3", 0, "churn", "0", T0.plus(Duration.ofDays(34))); // e3 was dropped: waits
        h.inference("e1", "churn", T0.plus(Duration.ofHours(2)), "0.9"); // the expired label does not come back
        assertThat(h.tick()).isEmpty();
        h.label("e2", 0, "churn", "0", T0.plus(Duration.ofDays(34)));
        out = h.tick();
        JsonNode q = only(out);
        assertThat(out.get(0).key()).isEqualTo("churn");
        assertThat(q.get("window_start").asText()).isEqualTo(T0.plus(Duration.ofHours(2)).toString());
        assertThat(q.get("labelled_rows").asLong()).isEqualTo(1);
        assertThat(q.get("value").asDouble()).isEqualTo(0.0);
    }

    @Test
    void eachWindowOfTheInferenceTimeHasItsOwnFigure() {
        for (int w = 0; w < 3; w++) {
            for (int i = 0; i <= w; i++) {
                String id = "w" + w + "-" + i;
                h.inference(id, "churn", T0.plus(Duration.ofMinutes(5L * w)).plusSeconds(i), "0.8");
                h.label(id, 0, "churn", i == 0 ? "1" : "0", T0.plus(Duration.ofHours(1)));
            }
        }
        h.inference("iris-1", "iris", T0, "\"setosa\"");
        h.label("iris-1", 0, "iris", "\"setosa\"", T0.plus(Duration.ofHours(1)));
        List<TestRecord<String, JsonNode>> out = h.tick();
        assertThat(out).hasSize(4);
        for (TestRecord<String, JsonNode> r : out) {
            JsonNode q = r.value();
            assertThat(q.get("version").asInt()).isEqualTo(1);
            assertThat(r.getRecordTime()).isEqualTo(Instant.parse(q.get("window_start").asText()));
            if (r.key().equals("iris")) {
                assertThat(q.get("problem_type").asText()).isEqualTo("multiclass_classification");
                continue;
            }
            long w = Duration.between(T0, r.getRecordTime()).toMinutes() / 5;
            assertThat(q.get("labelled_rows").asLong()).isEqualTo(w + 1);
            assertThat(q.get("value").asDouble()).isEqualTo(1.0 / (w + 1));
        }
        assertThat(out).extracting(TestRecord::getRecordTime).containsOnly(T0, T0.plusSeconds(300),
                T0.plusSeconds(600));
    }

    @Test
    void laterLabelsGiveTheNextVersionAndABurstGivesOneUpdate() {
        for (int i = 0; i < 60; i++) {
            h.inference("e" + i, "churn", T0.plusSeconds(i), "0.9");
        }
        h.label("e0", 0, "churn", "1", T0.plus(Duration.ofMinutes(10)));
        assertThat(only(h.tick()).get("version").asInt()).isEqualTo(1);
        for (int i = 1; i < 50; i++) { // a burst within one interval
            h.label("e" + i, 0, "churn", "1", T0.plus(Duration.ofMinutes(20)));
        }
        JsonNode q = only(h.tick());
        assertThat(q.get("version").asInt()).isEqualTo(2);
        assertThat(q.get("labelled_rows").asLong()).isEqualTo(50);
        assertThat(q.get("status").asText()).isEqualTo("ok");
        assertThat(h.tick()).isEmpty();
        h.label("e50", 0, "churn", "1", T0.plus(Duration.ofDays(2)));
        q = only(h.tick());
        assertThat(q.get("version").asInt()).isEqualTo(3);
        assertThat(q.get("labelled_rows").asLong()).isEqualTo(51);
    }

    @Test
    void unreadableLabelsAreCountedAndDropped() {
        h.labelValue("e1", "not json", T0);
        h.labelValue("e1", "{\"row\":0,\"label\":null}", T0);
        h.labelValue("e1", "{\"row\":-1,\"label\":1}", T0);
        h.labelValue("e1", null, T0);
        assertThat(h.counters.get(ModelQualityCounters.LABELS_UNREADABLE)).isEqualTo(4);
        assertThat(h.tick()).isEmpty();
    }

    @Test
    void theJoinHasItsOwnSubTopologySoLabelsNeverDriveTheIngestJobsStreamTime() {
        // Stream time is per task: labels carry arrival times hours after their inferences' event times, so in
        // the ingest task they would close the events' windows early. (TopologyTestDriver runs every sub-topology
        // in one task, so this is checked on the topology's structure; the demo IT runs it on a real broker.)
        TopologyDescription d = h.topology.describe();
        TopologyDescription.Subtopology ingest = subtopologyOf(d, "window-profile");
        assertThat(names(ingest)).contains("read-inference-events").doesNotContain("read-labels", "join-labels");
        TopologyDescription.Subtopology join = subtopologyOf(d, "join-labels");
        assertThat(sourceTopics(join)).containsExactlyInAnyOrder(ModelQualityTopology.PREDICTIONS + "-repartition",
                new dev.driftline.contracts.Topics().labels.name());
        TopologyDescription.Subtopology aggregate = subtopologyOf(d, "aggregate-quality");
        assertThat(aggregate).isNotSameAs(join).isNotSameAs(ingest);
        assertThat(sourceTopics(aggregate)).containsExactly(ModelQualityTopology.PAIRS + "-repartition");
        assertThat(((TopologyDescription.Processor) node(join, "join-labels")).stores())
                .containsExactly(LabelJoinProcessor.STORE);
        assertThat(((TopologyDescription.Processor) node(aggregate, "aggregate-quality")).stores())
                .containsExactly(ModelQualityWindowProcessor.STORE);
    }

    private static List<String> sourceTopics(TopologyDescription.Subtopology s) {
        return s.nodes().stream().filter(n -> n instanceof TopologyDescription.Source)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream()).toList();
    }


    private static TopologyDescription.Subtopology subtopologyOf(TopologyDescription d, String node) {
        return d.subtopologies().stream().filter(s -> names(s).contains(node)).findFirst().orElseThrow();
    }

    private static List<String> names(TopologyDescription.Subtopology s) {
        return s.nodes().stream().map(TopologyDescription.Node::name).toList();
    }

    private static TopologyDescription.Node node(TopologyDescription.Subtopology s, String name) {
        return s.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }
}
