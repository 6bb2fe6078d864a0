package dev.driftline.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.contracts.baseline.BaselineCodec;
import dev.driftline.drift.kserve.KServePayloads;
import dev.driftline.drift.model.FeatureSchema;
import dev.driftline.drift.model.FeatureSpec;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.streams.pairing.CloudEventTimeExtractor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class PipelineEventsTest {
    private static final Instant T = Instant.parse("2026-11-21T10:00:00.250Z");

    @Test
    void eventsAreInTheCollectorsKafkaFormat() {
        PipelineEvents gen = new PipelineEvents("m", 20, 3, 1);
        PipelineEvents.Inference inf = gen.next("id-1", T, null);
        List<ProducerRecord<byte[], byte[]>> recs = gen.records("p.inference.events", inf);

        assertThat(recs).hasSize(2);
        for (ProducerRecord<byte[], byte[]> r : recs) {
            assertThat(r.topic()).isEqualTo("p.inference.events");
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("id-1");
            assertThat(header(r.headers(), "ce_id")).isEqualTo("id-1");
            assertThat(header(r.headers(), "ce_inferenceservicename")).isEqualTo("m");
            assertThat(header(r.headers(), "ce_specversion")).isEqualTo("1.0");
            assertThat(header(r.headers(), "content-type")).isEqualTo("application/json");
        }
        assertThat(header(recs.get(0).headers(), "ce_type")).isEqualTo(PipelineEvents.REQUEST);
        assertThat(header(recs.get(1).headers(), "ce_type")).isEqualTo(PipelineEvents.RESPONSE);
        // the streams' timestamp extractor reads ce_time: the request at T, the response just after
        assertThat(eventTime(recs.get(0))).isEqualTo(T.toEpochMilli());
        assertThat(eventTime(recs.get(1))).isEqualTo(T.toEpochMilli() + PipelineEvents.RESPONSE_DELAY_MS);
    }

    @Test
    void payloadsNormaliseToOneRecordPerRowNamedByTheBaseline() throws Exception {
        PipelineEvents gen = new PipelineEvents("m", 20, 3, 1);
        Baseline b = gen.baseline(500, 2, Clock.fixed(T, ZoneOffset.UTC));
        // the baseline survives its JSON form, as published to the baselines topic
        ObjectMapper mapper = new ObjectMapper();
        Baseline back = BaselineCodec.fromJson(mapper.readTree(mapper.writeValueAsBytes(BaselineCodec.toJson(b, mapper))),
                "test");
        assertThat(back.withRole(BaselineFeature.Role.FEATURE)).extracting(BaselineFeature::name)
                .isEqualTo(gen.featureNames());
        assertThat(back.withRole(BaselineFeature.Role.PREDICTION)).extracting(BaselineFeature::name)
                .containsExactly(PipelineEvents.PREDICTION);

        PipelineEvents.Inference inf = gen.next("id-2", T, null);
        List<InferenceRecord> rows = KServePayloads.normalize("m", "id-2", T, inf.request(), inf.response(),
                schema(back, BaselineFeature.Role.FEATURE), schema(back, BaselineFeature.Role.PREDICTION));

        assertThat(rows).hasSize(3);
        for (InferenceRecord r : rows) {
            assertThat(r.features()).containsOnlyKeys(gen.featureNames());
            assertThat(r.features().values()).allSatisfy(v -> assertThat(v).isInstanceOf(Double.class));
            assertThat(r.predictions()).containsOnlyKeys(PipelineEvents.PREDICTION);
            assertThat((Double) r.predictions().get(PipelineEvents.PREDICTION)).isBetween(0.0, 1.0);
            assertThat(r.modelVersion()).isEqualTo("v1");
        }
        // without a baseline, the positional tensor still parses (default names)
        assertThat(KServePayloads.normalize("m", "id-2", T, inf.request(), null, Optional.empty(), Optional.empty())
                .get(0).features()).hasSize(20);
    }

    /** V1 bodies carry the same values as V2 bodies of the same seed, and name them the same through the baseline. */
    @Test
    void v1BodiesNormaliseToTheSameRowsAsV2() {
        PipelineEvents v2 = new PipelineEvents("m", PipelineEvents.Protocol.V2, 20, 3, 11);
        PipelineEvents v1 = new PipelineEvents("m", PipelineEvents.Protocol.V1, 20, 3, 11);
        Baseline b = v2.baseline(200, 2, Clock.fixed(T, ZoneOffset.UTC));
        for (int i = 0; i < 5; i++) {
            PipelineEvents.Inference a = v2.next("id-" + i, T, null);
            PipelineEvents.Inference c = v1.next("id-" + i, T, null);
            assertThat(new String(c.request(), StandardCharsets.UTF_8)).startsWith("{\"instances\":[[");
            assertThat(new String(c.response(), StandardCharsets.UTF_8)).startsWith("{\"predictions\":[");
            List<InferenceRecord> fromV2 = KServePayloads.normalize("m", "id", T, a.request(), a.response(),
                    schema(b, BaselineFeature.Role.FEATURE), schema(b, BaselineFeature.Role.PREDICTION));
            List<InferenceRecord> fromV1 = KServePayloads.normalize("m", "id", T, c.request(), c.response(),
                    schema(b, BaselineFeature.Role.FEATURE), schema(b, BaselineFeature.Role.PREDICTION));
            assertThat(fromV1).hasSize(3);
            for (int r = 0; r < 3; r++) {
                assertThat(fromV1.get(r).features()).isEqualTo(fromV2.get(r).features());
                assertThat(fromV1.get(r).predictions()).isEqualTo(fromV2.get(r).predictions())
                        .containsOnlyKeys(PipelineEvents.PREDICTION);
            }
        }
        assertThatThrownBy(() -> PipelineEvents.Protocol.parse("v3")).hasMessageContaining("v1 or v2");
        assertThat(PipelineEvents.Protocol.parse("V1")).isEqualTo(PipelineEvents.Protocol.V1);
    }

    @Test
    void seededAndShiftedAsScheduled() {
        PipelineEvents a = new PipelineEvents("m", 20, 4, 9);
        PipelineEvents b = new PipelineEvents("m", 20, 4, 9);
        assertThat(a.next("x", T, null).request()).isEqualTo(b.next("x", T, null).request());

        boolean[] shifted = new boolean[20];
        shifted[3] = true;
        double sum3 = 0;
        double sum4 = 0;
        int n = 0;
        PipelineEvents gen = new PipelineEvents("m", 20, 10, 5);
        for (int i = 0; i < 300; i++) {
            for (InferenceRecord r : KServePayloads.normalize("m", "i" + i, T, gen.next("i" + i, T, shifted).request(),
                    null, Optional.empty(), Optional.empty())) {
                sum3 += (Double) r.features().get(FeatureSchema.positionalName(3));
                sum4 += (Double) r.features().get(FeatureSchema.positionalName(4));
                n++;
            }
        }
        assertThat(sum3 / n).isCloseTo(PipelineEvents.mean(3) + PipelineEvents.SHIFT_STDS * PipelineEvents.std(3),
                org.assertj.core.data.Offset.offset(0.3));
        assertThat(sum4 / n).isCloseTo(PipelineEvents.mean(4), org.assertj.core.data.Offset.offset(0.3));
    }

    @Test
    void staggeredScheduleOpensOneAlertAndResolvesAnotherInEveryWindow() {
        // feature j: bad, bad, clean, clean, clean; 2-of-3 opens on the second bad, 3 clean resolve
        for (long w = -7; w < 20; w++) {
            boolean[] s = PipelineEvents.shiftSchedule(w, 20);
            int bad = 0;
            int opening = 0;
            int resolving = 0;
            for (int j = 0; j < 20; j++) {
                if (s[j]) {
                    assertThat(j).isLessThan(PipelineEvents.SHIFT_PERIOD);
                    bad++;
                }
                boolean prev1 = PipelineEvents.shiftSchedule(w - 1, 20)[j];
                boolean prev2 = PipelineEvents.shiftSchedule(w - 2, 20)[j];
                if (s[j] && prev1) {
                    opening++;
                }
                if (j < PipelineEvents.SHIFT_PERIOD && !s[j] && !prev1 && !prev2) {
                    resolving++;
                }
            }
            assertThat(bad).isEqualTo(2);
            assertThat(opening).isEqualTo(1);
            assertThat(resolving).isEqualTo(1);
        }
        assertThat(PipelineEvents.shiftSchedule(0, 3)).containsExactly(true, false, false);
    }

    private static Optional<FeatureSchema> schema(Baseline b, BaselineFeature.Role role) {
        List<FeatureSpec> specs = b.withRole(role).stream().map(f -> new FeatureSpec(f.name(), f.type())).toList();
        return Optional.of(new FeatureSchema(specs));
    }

    private static String header(Headers h, String name) {
        Header x = h.lastHeader(name);
        return x == null ? null : new String(x.value(), StandardCharsets.UTF_8);
    }

    private static long eventTime(ProducerRecord<byte[], byte[]> r) {
        ConsumerRecord<Object, Object> c = new ConsumerRecord<>(r.topic(), 0, 0, -1L, TimestampType.CREATE_TIME, 0, 0,
                r.key(), r.value(), r.headers(), Optional.empty());
        return new CloudEventTimeExtractor().extract(c, -1);
    }
}
