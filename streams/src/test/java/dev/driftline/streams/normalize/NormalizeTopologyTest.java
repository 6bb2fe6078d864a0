package dev.driftline.streams.normalize;


import dev.driftline.streams.TestDrivers;
import dev.driftline.contracts.deadletter.DeadLetter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.Topics;
import dev.driftline.contracts.inference.InferenceRowsCodec;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.streams.DriftlineTopology;
import dev.driftline.streams.PipelineConfig;
import dev.driftline.streams.PipelineInstruments;
import dev.driftline.streams.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NormalizeTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private final Topics topics = new Topics();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, byte[]> records;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void setUp() {
        Properties p = TestDrivers.properties("inference-test", topics);
        driver = new TopologyTestDriver(DriftlineTopology.build(new StreamsBuilder(),
                PipelineConfig.defaults(topics), PipelineInstruments.none()), p, T0);
        events = driver.createInputTopic(topics.inferenceEvents.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        records = driver.createOutputTopic(topics.inferenceRecords.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetter.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void send(String id, String type, String body) {
        TestEvents.pipe(events, id, "iris", type, T0, body);
    }

    /** The rows of one topic value (InferenceRowsCodec v2: one value per event). */
    private static List<InferenceRecord> rows(TestRecord<String, byte[]> r) {
        assertThat(r.value()[0]).as("format version byte").isEqualTo((byte) InferenceRowsCodec.VERSION);
        return InferenceRowsCodec.INSTANCE.decode(r.value());
    }

    @Test
    void aV2BatchBecomesOneValueHoldingItsRowsKeyedByModel() throws Exception {
        send("e1", TestEvents.REQUEST, "{\"inputs\":[{\"name\":\"age\",\"shape\":[2],\"datatype\":\"INT64\","
                + "\"data\":[31,45]},{\"name\":\"city\",\"shape\":[2,1],\"datatype\":\"BYTES\",\"data\":[\"Oslo\",\"Lima\"]}]}");
        send("e1", TestEvents.RESPONSE, "{\"model_version\":\"v3\",\"outputs\":[{\"name\":\"churn\",\"shape\":[2],"
                + "\"datatype\":\"FP32\",\"data\":[0.1,0.8]}]}");
        List<TestRecord<String, byte[]>> out = records.readRecordsToList();
        assertThat(out).hasSize(1).allSatisfy(r -> assertThat(r.key()).isEqualTo("iris"));
        List<InferenceRecord> rows = rows(out.get(0));
        assertThat(rows).hasSize(2);
        InferenceRecord first = rows.get(0);
        InferenceRecord second = rows.get(1);
        assertThat(first.inferenceId()).isEqualTo("e1");
        assertThat(first.row()).isZero();
        assertThat(second.row()).isEqualTo(1);
        assertThat(first.features()).containsEntry("age", 31L).containsEntry("city", "Oslo");
        assertThat(second.predictions()).containsEntry("churn", 0.8);
        assertThat(first.modelVersion()).isEqualTo("v3");
        assertThat(first.eventTime()).isEqualTo(T0);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aBatchTooLargeForOneRecordGoesOutAsSeveralValuesOfConsecutiveRows() {
        int n = 6000;
        StringBuilder instances = new StringBuilder("{\"instances\":[");
        StringBuilder predictions = new StringBuilder("{\"predictions\":[");
        for (int i = 0; i < n; i++) {
            instances.append(i == 0 ? "" : ",").append("[0.").append(i).append(",1.25,").append(i).append(".5]");
            predictions.append(i == 0 ? "" : ",").append(i % 3);
        }
        send("big", TestEvents.REQUEST, instances.append("]}").toString());
        send("big", TestEvents.RESPONSE, predictions.append("]}").toString());

        List<TestRecord<String, byte[]>> out = records.readRecordsToList();

        assertThat(out.size()).isGreaterThan(1);
        List<Integer> rowIndexes = new java.util.ArrayList<>();
        for (TestRecord<String, byte[]> r : out) {
            assertThat(r.key()).isEqualTo("iris");
            assertThat(r.value().length).isLessThanOrEqualTo((int) NormalizeTopology.MAX_VALUE_BYTES);
            rows(r).forEach(row -> rowIndexes.add(row.row()));
        }
        assertThat(rowIndexes).hasSize(n).isSorted().doesNotHaveDuplicates();
        System.out.printf("a batch of %d rows: %d inference.records values%n", n, out.size());
    }

    @Test
    void aV1RequestWithoutResponseStillBecomesRecordsAfterTheWait() throws Exception {
        send("e2", TestEvents.REQUEST, "{\"instances\":[[6.8,2.8],[6.0,3.4]]}");
        driver.advanceWallClockTime(java.time.Duration.ofSeconds(70));
        List<TestRecord<String, byte[]>> out = records.readRecordsToList();
        assertThat(out).hasSize(1);
        List<InferenceRecord> rows = rows(out.get(0));
        assertThat(rows).extracting(InferenceRecord::row).containsExactly(0, 1);
        assertThat(rows.get(0).features()).containsEntry("_c0", 6.8).containsEntry("_c1", 2.8);
        assertThat(rows.get(1).features()).containsEntry("_c0", 6.0).containsEntry("_c1", 3.4);
        assertThat(rows.get(0).predictions()).isEmpty();
    }

    @Test
    void unparsablePairsGoToTheDeadLetterTopicWithReasonAndOriginalBytes() {
        send("e3", TestEvents.REQUEST, "{\"instances\": not json");
        send("e3", TestEvents.RESPONSE, "{\"predictions\":[1]}");
        List<TestRecord<String, byte[]>> dl = deadLetters.readRecordsToList();
        assertThat(dl).hasSize(2);
        assertThat(records.isEmpty()).isTrue();
        TestRecord<String, byte[]> request = dl.stream().filter(r -> part(r).equals("request")).findFirst().orElseThrow();
        assertThat(request.key()).isEqualTo("e3");
        assertThat(new String(request.value(), StandardCharsets.UTF_8)).isEqualTo("{\"instances\": not json");
        assertThat(header(request, DeadLetter.REASON)).isEqualTo("not_json");
        assertThat(header(request, DeadLetter.STAGE)).isEqualTo("normalize");
        assertThat(header(request, DeadLetter.MESSAGE)).isNotBlank();
        assertThat(header(request, DeadLetter.MODEL)).isEqualTo("iris");
    }

    private static String part(TestRecord<String, byte[]> r) {
        return header(r, DeadLetter.PART);
    }

    private static String header(TestRecord<String, byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
