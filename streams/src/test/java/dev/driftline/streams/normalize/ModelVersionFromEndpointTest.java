package dev.driftline.streams.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.Topics;
import dev.driftline.contracts.inference.InferenceRowsCodec;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.streams.DriftlineTopology;
import dev.driftline.streams.PipelineConfig;
import dev.driftline.streams.PipelineInstruments;
import dev.driftline.streams.TestDrivers;
import dev.driftline.streams.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The model version of {@code inference.records} through pairing and normalise: the V2 response's {@code
 * model_version}, else the CloudEvent {@code endpoint} attribute (header {@code ce_endpoint}, KServe's revision
 * label; the response's over the request's), else "". V1 payloads carry no version, so without the endpoint a
 * canary's V1 traffic could not be told from the stable revision's.
 */
class ModelVersionFromEndpointTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final String V1_REQUEST = "{\"instances\":[[6.8,2.8],[6.0,3.4]]}";
    private static final String V1_RESPONSE = "{\"predictions\":[1,0]}";
    private final Topics topics = new Topics();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, byte[]> records;

    @BeforeEach
    void setUp() {
        driver = new TopologyTestDriver(DriftlineTopology.build(new StreamsBuilder(),
                PipelineConfig.defaults(topics), PipelineInstruments.none()),
                TestDrivers.properties("endpoint-version-test", topics), T0);
        events = driver.createInputTopic(topics.inferenceEvents.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        records = driver.createOutputTopic(topics.inferenceRecords.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void send(String id, String type, String body, String endpoint) {
        TestEvents.pipe(events, id, "churn", type, T0, body, endpoint);
    }

    /** The model versions of the records written so far, in order. */
    private List<String> versions() throws Exception {
        List<String> out = new ArrayList<>();
        for (byte[] v : records.readValuesToList()) {
            for (InferenceRecord r : InferenceRowsCodec.INSTANCE.decode(v)) {
                out.add(r.inferenceId() + ":" + r.row() + ":" + r.modelVersion());
            }
        }
        return out;
    }

    @Test
    void v1TrafficTakesItsVersionFromTheEndpointLabel() throws Exception {
        send("a", TestEvents.REQUEST, V1_REQUEST, "churn-predictor-00002");
        send("a", TestEvents.RESPONSE, V1_RESPONSE, "churn-predictor-00002");
        assertThat(versions()).containsExactly("a:0:churn-predictor-00002", "a:1:churn-predictor-00002");
    }

    @Test
    void theResponsesModelVersionWinsOverTheEndpoint() throws Exception {
        send("b", TestEvents.REQUEST, "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP64\","
                + "\"data\":[1.5]}]}", "x");
        send("b", TestEvents.RESPONSE, "{\"model_name\":\"churn\",\"model_version\":\"v3\",\"outputs\":[{\"name\":"
                + "\"p\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":[0.2]}]}", "x");
        assertThat(versions()).containsExactly("b:0:v3");
    }

    @Test
    void aV2ResponseWithoutModelVersionFallsBackToTheEndpoint() throws Exception {
        send("c", TestEvents.REQUEST, V1_REQUEST, null);
        send("c", TestEvents.RESPONSE, "{\"model_version\":\"\",\"outputs\":[{\"name\":\"p\",\"shape\":[2],"
                + "\"datatype\":\"INT64\",\"data\":[1,0]}]}", "churn-predictor-00003");
        assertThat(versions()).containsExactly("c:0:churn-predictor-00003", "c:1:churn-predictor-00003");
    }

    @Test
    void withoutModelVersionOrEndpointTheVersionIsEmpty() throws Exception {
        send("d", TestEvents.REQUEST, V1_REQUEST, null);
        send("d", TestEvents.RESPONSE, V1_RESPONSE, null);
        send("e", TestEvents.REQUEST, V1_REQUEST, ""); // KServe sends Ce-Endpoint empty when it has no label
        send("e", TestEvents.RESPONSE, V1_RESPONSE, "");
        assertThat(versions()).containsExactly("d:0:", "d:1:", "e:0:", "e:1:");
    }

    @Test
    void theResponsesEndpointWinsAndAnEmptyOneHidesNothing() throws Exception {
        send("f", TestEvents.REQUEST, V1_REQUEST, "rev-1");
        send("f", TestEvents.RESPONSE, V1_RESPONSE, "rev-2");
        send("g", TestEvents.RESPONSE, V1_RESPONSE, "rev-2"); // response first: still the response's
        send("g", TestEvents.REQUEST, V1_REQUEST, "rev-1");
        send("h", TestEvents.REQUEST, V1_REQUEST, "rev-1");
        send("h", TestEvents.RESPONSE, V1_RESPONSE, ""); // an empty label does not replace the request's
        send("i", TestEvents.RESPONSE, V1_RESPONSE, null);
        send("i", TestEvents.REQUEST, V1_REQUEST, "rev-1");
        assertThat(versions()).containsExactly("f:0:rev-2", "f:1:rev-2", "g:0:rev-2", "g:1:rev-2",
                "h:0:rev-1", "h:1:rev-1", "i:0:rev-1", "i:1:rev-1");
    }

    @Test
    void aRequestReleasedAloneKeepsItsEndpoint() throws Exception {
        send("j", TestEvents.REQUEST, V1_REQUEST, "rev-1");
        driver.advanceWallClockTime(Duration.ofSeconds(70)); // > pairing wait 60 s + idle grace: released alone
        assertThat(versions()).containsExactly("j:0:rev-1", "j:1:rev-1");
    }
}
