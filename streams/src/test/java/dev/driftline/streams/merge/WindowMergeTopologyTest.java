package dev.driftline.streams.merge;


import dev.driftline.streams.TestDrivers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.driftline.contracts.Topics;
import dev.driftline.contracts.window.MergedWindow;
import dev.driftline.contracts.window.MergedWindowCodec;
import dev.driftline.contracts.window.PartialWindow;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.FeatureProfile;
import dev.driftline.drift.profile.NumericProfile;
import dev.driftline.drift.profile.ProfileCodec;
import dev.driftline.streams.DriftlineTopology;
import dev.driftline.streams.PipelineConfig;
import dev.driftline.streams.PipelineInstruments;
import dev.driftline.streams.window.LateRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WindowMergeTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final long SIZE = Duration.ofMinutes(5).toMillis();
    private final Topics topics = new Topics();
    private final LateRecords late = new LateRecords();
    private Topology topology;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> partials;
    private TestOutputTopic<String, byte[]> profiles;

    @BeforeEach
    void setUp() {
        Properties p = TestDrivers.properties("merge-test", topics);
        StreamsBuilder b = new StreamsBuilder();
        WindowMergeTopology.addTo(b, topics, MergeConfig.defaults().withExpectedSources(2), late); // tasks 0_0, 0_1
        topology = b.build();
        driver = new TopologyTestDriver(topology, p, T0);
        partials = driver.createInputTopic(topics.partialProfiles.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        profiles = driver.createOutputTopic(topics.profiles.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private static Map<String, Object> row(Object age, String city, double churn) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("age", age);
        m.put("city", city);
        m.put("prediction:churn", churn);
        return m;
    }

    private static PartialWindow partial(String model, Instant start, List<Map<String, Object>> rows) {
        PartialWindow w = new PartialWindow(model, start.toEpochMilli(), start.toEpochMilli() + SIZE);
        rows.forEach(w::addRow);
        return w;
    }

    private void send(PartialWindow w) {
        partials.pipeInput(new TestRecord<>(w.model(), w.toBytes(), Instant.ofEpochMilli(w.windowStart())));
    }

    private void send(PartialWindow w, String sourceTask) {
        partials.pipeInput(new TestRecord<>(w.model(), w.toBytes(), new org.apache.kafka.common.header.internals
                .RecordHeaders().add(SourceProgress.HEADER, sourceTask.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Instant.ofEpochMilli(w.windowStart())));
    }

    /** A tiny partial whose only purpose is to move the partials topic's stream time. */
    private void streamTimeTo(Instant t) {
        PartialWindow w = new PartialWindow("clock", t.toEpochMilli(), t.toEpochMilli() + SIZE);
        w.addRow(Map.of("x", 1L));
        partials.pipeInput(new TestRecord<>(w.model(), w.toBytes(), t));
    }

    private List<MergedWindow> read(String model) {
        List<MergedWindow> out = new ArrayList<>();
        for (TestRecord<String, byte[]> r : profiles.readRecordsToList()) {
            MergedWindow n = MergedWindowCodec.INSTANCE.decode(r.value());
            assertThat(r.key()).isEqualTo(n.model());
            assertThat(r.timestamp()).isEqualTo(n.windowStart());
            if (model == null || model.equals(r.key())) {
                out.add(n);
            }
        }
        return out;
    }

    private static FeatureProfile profile(MergedWindow.Feature feature) {
        return ProfileCodec.fromBytes(feature.profileBytes());
    }

    @Test
    void aLaggingTaskHoldsBackTheWindowsItHasNotClosedYet() {
        Instant w0 = T0;
        Instant w1 = T0.plusMillis(SIZE);
        Instant w2 = T0.plusMillis(2 * SIZE);
        Instant w3 = T0.plusMillis(3 * SIZE);
        send(partial("iris", w0, List.of(row(1L, "Oslo", 0.1))), "0_1"); // task 0_1 is at w0
        send(partial("iris", w0, List.of(row(2L, "Oslo", 0.1))), "0_0");
        send(partial("iris", w1, List.of(row(3L, "Oslo", 0.1))), "0_0"); // task 0_0 runs ahead
        send(partial("iris", w2, List.of(row(4L, "Oslo", 0.1))), "0_0");
        send(partial("iris", w3, List.of(row(5L, "Oslo", 0.1))), "0_0");
        // w0 is complete (both tasks sent it); stream time (w3) is past w1's end + settle, but 0_1 still owes w1
        List<MergedWindow> out = read("iris");
        assertThat(out).extracting(n -> Instant.ofEpochMilli(n.windowStart()).toString()).containsExactly(w0.toString());
        assertThat(out.get(0).rows()).isEqualTo(2);

        send(partial("iris", w1, List.of(row(6L, "Oslo", 0.1), row(7L, "Lima", 0.2))), "0_1");
        out = read("iris");
        assertThat(out).extracting(n -> Instant.ofEpochMilli(n.windowStart()).toString()).containsExactly(w1.toString());
        assertThat(out.get(0).rows()).isEqualTo(3);
        assertThat(out.get(0).revision()).isEqualTo(1);

        // 0_1 had nothing for w2: its partial for w3 says it is past w2
        send(partial("iris", w3, List.of(row(8L, "Oslo", 0.1))), "0_1");
        out = read("iris"); // both tasks are past w2 and at w3: complete, out at once (no need to wait for stream time)
        assertThat(out).extracting(n -> Instant.ofEpochMilli(n.windowStart()).toString()).containsExactly(w2.toString(), w3.toString());
        assertThat(out.get(0).rows()).isEqualTo(1);
    }

    @Test
    void aTaskSoFarBehindThatItsFirstPartialComesAfterTheRetentionIsStillMerged() {
        for (int i = 0; i <= 30; i++) { // 0_0 races 2.5 hours ahead; 0_1 (one of the 2 tasks) has sent nothing yet
            send(partial("iris", T0.plusMillis(i * SIZE), List.of(row(2L, "Oslo", 0.1))), "0_0");
        }
        read("iris");
        // 0_1's first partial, far beyond the retention in stream time: merged into a revision, not dropped
        send(partial("iris", T0.plusMillis(2 * SIZE), List.of(row(3L, "Lima", 0.1))), "0_1");
        List<MergedWindow> out = read("iris");
        MergedWindow w2 = out.stream().filter(n -> Instant.ofEpochMilli(n.windowStart()).toString().equals(T0.plusMillis(2 * SIZE)
                .toString())).reduce((a, b) -> b).orElseThrow();
        assertThat(w2.rows()).isEqualTo(2);
        assertThat(w2.revision()).isEqualTo(2);
    }

    @Test
    void aModelsOnlyPartialFromALaggingTaskIsReportedEvenPastTheRetention() {
        for (int i = 0; i <= 30; i++) { // 0_0 races 2.5 hours ahead with another model's traffic
            send(partial("busy", T0.plusMillis(i * SIZE), List.of(row(2L, "Oslo", 0.1))), "0_0");
        }
        read(null);
        // the sparse model's only partial of its window, from 0_1, which lags: no task of the model is known yet
        send(partial("sparse", T0.plusMillis(2 * SIZE), List.of(row(3L, "Lima", 0.1))), "0_1");
        List<MergedWindow> out = read("sparse");
        assertThat(out).hasSize(1);
        assertThat(Instant.ofEpochMilli(out.get(0).windowStart()).toString()).isEqualTo(T0.plusMillis(2 * SIZE).toString());
        assertThat(out.get(0).rows()).isEqualTo(1);
        assertThat(out.get(0).revision()).isEqualTo(1);
        assertThat(late.snapshot()).isEmpty();
    }

    @Test
    void aStragglerOfAWindowItsTaskHadSentIsDroppedOnceTheWindowIsForgotten() {
        send(partial("iris", T0, List.of(row(1L, "Oslo", 0.1))), "0_0");
        send(partial("iris", T0, List.of(row(2L, "Oslo", 0.1))), "0_1"); // both tasks: complete, out at once
        assertThat(read("iris")).hasSize(1);
        streamTimeTo(T0.plus(Duration.ofHours(2))); // past end + settle + retention: forgotten
        read(null);
        // 0_1 sends the window again (a follow-up after a wall-clock close): what was emitted is gone, so a report
        // of this partial alone would replace the complete one
        send(partial("iris", T0, List.of(row(9L, "Lima", 0.1))), "0_1");
        assertThat(read("iris")).isEmpty();
        assertThat(late.get(LateRecords.AFTER_MERGE_RETENTION)).isEqualTo(1); // its row, counted
    }

    @Test
    void moreOpenWindowsThanTheMergeKeepsDecodedStillMergeEveryPartial() {
        int models = WindowMergeProcessor.WRITTEN_CACHE_ENTRIES + 36; // the first 36 entries come back from the store
        for (int m = 0; m < models; m++) {
            send(partial(String.format("m%03d", m), T0, List.of(row((long) m, "Oslo", 0.1))), "0_0");
        }
        assertThat(read(null)).isEmpty();
        for (int m = 0; m < models; m++) {
            send(partial(String.format("m%03d", m), T0, List.of(row(1000L + m, "Lima", 0.2), row(2000L + m, "Rome",
                    0.3))), "0_1");
        }
        List<MergedWindow> out = read(null);
        assertThat(out).hasSize(models);
        for (int m = 0; m < models; m++) {
            MergedWindow w = out.get(m);
            assertThat(w.model()).isEqualTo(String.format("m%03d", m));
            assertThat(w.rows()).isEqualTo(3);
            assertThat(w.partials()).isEqualTo(2);
            NumericProfile age = (NumericProfile) profile(w.features().get("age"));
            assertThat(age.present()).isEqualTo(3);
            assertThat(age.min()).isEqualTo(m);
            assertThat(age.max()).isEqualTo(2000 + m);
        }
        // emitted entries are in the store, marked emitted, with both partials merged
        org.apache.kafka.streams.state.KeyValueStore<String, MergeEntry> store =
                driver.getKeyValueStore(WindowMergeProcessor.STORE);
        MergeEntry first = store.get(dev.driftline.streams.support.StoreKeys.windowKey("m000", T0.toEpochMilli()));
        assertThat(first.emitted()).isTrue();
        assertThat(first.window().rows()).isEqualTo(3);
    }

    @Test
    void aWindowEveryKnownTaskHasSentGoesOutAtOnce() {
        send(partial("iris", T0, List.of(row(1L, "Oslo", 0.1))), "0_0");
        send(partial("iris", T0, List.of(row(2L, "Oslo", 0.1))), "0_1");
        send(partial("iris", T0.plusMillis(SIZE), List.of(row(3L, "Oslo", 0.1))), "0_0");
        assertThat(read("iris")).extracting(n -> Instant.ofEpochMilli(n.windowStart()).toString()).containsExactly(T0.toString());
        send(partial("iris", T0.plusMillis(SIZE), List.of(row(4L, "Oslo", 0.1))), "0_1");
        List<MergedWindow> out = read("iris"); // stream time is still T0 + 5 min: completeness alone released it
        assertThat(out).extracting(n -> Instant.ofEpochMilli(n.windowStart()).toString())
                .containsExactly(T0.plusMillis(SIZE).toString());
        assertThat(out.get(0).rows()).isEqualTo(2);
    }

    @Test
    void aTaskQuietForSettlePlusIdleOfWallTimeNoLongerHoldsWindowsBack() {
        send(partial("iris", T0, List.of(row(1L, "Oslo", 0.1))), "0_1");
        send(partial("iris", T0, List.of(row(2L, "Oslo", 0.1))), "0_0");
        driver.advanceWallClockTime(Duration.ofSeconds(16)); // the model's traffic paused: T0 goes out by wall time
        assertThat(read("iris")).extracting(n -> Instant.ofEpochMilli(n.windowStart()).toString()).containsExactly(T0.toString());
        for (int i = 1; i <= 5; i++) { // only 0_0 comes back
            send(partial("iris", T0.plusMillis(i * SIZE), List.of(row(2L, "Oslo", 0.1))), "0_0");
        }
        streamTimeTo(T0.plusMillis(6 * SIZE));
        // 0_1 has been quiet for more than settle + idle of wall time: it no longer holds windows back
        assertThat(read("iris")).extracting(n -> Instant.ofEpochMilli(n.windowStart()).toString()).containsExactly(
                T0.plusMillis(SIZE).toString(), T0.plusMillis(2 * SIZE).toString(),
                T0.plusMillis(3 * SIZE).toString(), T0.plusMillis(4 * SIZE).toString());
    }

    @Test
    void aLaggingTaskStillWorkingHoldsItsWindowsHoweverFarBehindInEventTime() {
        send(partial("iris", T0, List.of(row(1L, "Oslo", 0.1))), "0_1");
        for (int i = 0; i <= 30; i++) { // 0_0 races 2.5 hours of event time ahead within the same second
            send(partial("iris", T0.plusMillis(i * SIZE), List.of(row(2L, "Oslo", 0.1))), "0_0");
        }
        assertThat(read("iris")).extracting(n -> Instant.ofEpochMilli(n.windowStart()).toString()).containsExactly(T0.toString());
        send(partial("iris", T0.plusMillis(SIZE), List.of(row(3L, "Lima", 0.1))), "0_1"); // more than the retention
        List<MergedWindow> out = read("iris");                                                  // later in event time
        assertThat(out).extracting(n -> Instant.ofEpochMilli(n.windowStart()).toString()).containsExactly(T0.plusMillis(SIZE).toString());
        assertThat(out.get(0).rows()).isEqualTo(2);
    }

    @Test
    void threeTaskPartialsMergeIntoTheProfileOfAllRows() {
        List<Map<String, Object>> a = List.of(row(30L, "Oslo", 0.1), row(null, "Lima", 0.2));
        List<Map<String, Object>> b = List.of(row(null, "Oslo", 0.3)); // age untyped in this task: only nulls
        List<Map<String, Object>> c = List.of(row(50L, "Rome", 0.6), row(70.5, "Oslo", 0.9), row(41L, "Oslo", 0.4));
        send(partial("iris", T0, a));
        send(partial("iris", T0, b));
        send(partial("iris", T0, c));
        List<Map<String, Object>> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        PartialWindow whole = partial("iris", T0, all);
        assertThat(profiles.isEmpty()).isTrue();

        streamTimeTo(T0.plusSeconds(310)); // end + settle
        List<MergedWindow> out = read("iris");
        assertThat(out).hasSize(1);
        MergedWindow m = out.get(0);
        assertThat(m.rows()).isEqualTo(6);
        assertThat(m.partials()).isEqualTo(3);
        assertThat(m.revision()).isEqualTo(1);
        for (String f : List.of("age", "city", "prediction:churn")) {
            MergedWindow.Feature j = m.features().get(f);
            FeatureProfile expected = whole.profiles().get(f);
            FeatureProfile got = profile(j);
            assertThat(got.type()).isEqualTo(expected.type());
            assertThat(j.count()).isEqualTo(expected.count()).isEqualTo(got.count()).isEqualTo(6);
            assertThat(j.present()).isEqualTo(expected.present());
            assertThat(j.missing()).isEqualTo(expected.missing());
            assertThat(j.typeMismatches()).isEqualTo(expected.typeMismatches());
            if (expected instanceof NumericProfile n) {
                assertThat(j.mean()).isCloseTo(n.mean(), within(1e-9));
                assertThat(j.stdDev()).isCloseTo(n.standardDeviation(), within(1e-9));
                assertThat(j.min()).isEqualTo(n.min());
                assertThat(j.max()).isEqualTo(n.max());
            }
        }
        assertThat(m.features().get("age").missing()).isEqualTo(2);
        assertThat(m.features().get("age").mean()).isCloseTo((30 + 50 + 70.5 + 41) / 4,
                within(1e-9));
        assertThat(((CategoricalProfile) profile(m.features().get("city"))).frequencies())
                .isEqualTo(((CategoricalProfile) whole.profiles().get("city")).frequencies());
    }

    @Test
    void modelsAndWindowsStaySeparate() {
        Instant t1 = T0.plusMillis(SIZE);
        send(partial("iris", T0, List.of(row(1L, "a", 0.1))));
        send(partial("churn", T0, List.of(row(2L, "b", 0.2), row(4L, "b", 0.2))));
        send(partial("iris", T0, List.of(row(3L, "c", 0.3))));
        send(partial("iris", t1, List.of(row(10L, "d", 0.4))));
        send(partial("churn", t1, List.of(row(20L, "e", 0.5))));
        assertThat(profiles.isEmpty()).isTrue(); // stream time = end of window 0 < end + settle
        streamTimeTo(t1.plusMillis(SIZE).plusSeconds(10)); // past window 1's end + settle too
        Map<String, MergedWindow> byKey = new HashMap<>();
        for (MergedWindow n : read(null)) {
            assertThat(byKey.put(n.model() + "@" + Instant.ofEpochMilli(n.windowStart()).toString(), n)).isNull();
        }
        assertThat(byKey).containsOnlyKeys("iris@2026-11-21T10:00:00Z", "churn@2026-11-21T10:00:00Z",
                "iris@2026-11-21T10:05:00Z", "churn@2026-11-21T10:05:00Z");
        assertThat(byKey.get("iris@2026-11-21T10:00:00Z").rows()).isEqualTo(2);
        assertThat(byKey.get("iris@2026-11-21T10:00:00Z").partials()).isEqualTo(2);
        assertThat(byKey.get("iris@2026-11-21T10:00:00Z").features().get("age").mean())
                .isEqualTo(2.0);
        assertThat(byKey.get("churn@2026-11-21T10:00:00Z").features().get("age").mean())
                .isEqualTo(3.0);
        assertThat(byKey.get("iris@2026-11-21T10:05:00Z").features().get("age").mean())
                .isEqualTo(10.0);
        assertThat(byKey.get("churn@2026-11-21T10:05:00Z").rows()).isEqualTo(1);
    }

    /**
     * Many sparse (model, window)s still pending when one partial moves stream time past their retention: the
     * stream-time punctuation emits each and then forgets it in the same pass. The pass must not confuse one entry
     * with another as it removes them (a sorted map's node takes its successor's key when it is removed), which lost
     * windows unreported and then failed the task on the lost entry.
     */
    @Test
    void everySparseWindowIsReportedOnceWhenStreamTimeJumpsPastTheRetention() {
        int models = 60;
        int windows = 4;
        Map<String, Long> expected = new HashMap<>();
        for (int w = 0; w < windows; w++) {
            for (int m = 0; m < models; m++) {
                String model = "model-" + m;
                Instant start = T0.plusMillis(w * SIZE);
                send(partial(model, start, List.of(row((long) m, "Oslo", 0.1))));
                expected.put(model + "@" + start, 1L);
            }
        }
        // the first windows go out as stream time passes their end + settle; the last two are still pending
        streamTimeTo(T0.plus(Duration.ofHours(10)));

        Map<String, Long> reported = new HashMap<>();
        for (MergedWindow n : read(null)) {
            if (!n.model().equals("clock")) {
                assertThat(reported.put(n.model() + "@" + Instant.ofEpochMilli(n.windowStart()).toString(),
                        n.rows())).as("reported twice").isNull();
            }
        }
        assertThat(reported).isEqualTo(expected);
    }

    @Test
    void emitsOnlyOnceStreamTimePassesEndPlusSettle() {
        send(partial("iris", T0, List.of(row(1L, "a", 0.1))));
        streamTimeTo(T0.plusSeconds(309)); // end + 9 s
        assertThat(read("iris")).isEmpty();
        send(partial("iris", T0, List.of(row(3L, "a", 0.1)))); // still merged into the pending window
        streamTimeTo(T0.plusSeconds(310));
        List<MergedWindow> out = read("iris");
        assertThat(out).hasSize(1);
        assertThat(out.get(0).partials()).isEqualTo(2);
        streamTimeTo(T0.plusSeconds(900));
        assertThat(read("iris")).isEmpty(); // once
    }

    @Test
    void wallClockEmitsWhenTrafficStops() {
        send(partial("iris", T0, List.of(row(1L, "a", 0.1))));
        driver.advanceWallClockTime(Duration.ofSeconds(10));
        send(partial("iris", T0, List.of(row(2L, "a", 0.1)))); // resets the idle time
        driver.advanceWallClockTime(Duration.ofSeconds(14));
        assertThat(profiles.isEmpty()).isTrue(); // settle + idle = 15 s not yet over
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        List<MergedWindow> out = read("iris");
        assertThat(out).hasSize(1);
        assertThat(out.get(0).rows()).isEqualTo(2);
        driver.advanceWallClockTime(Duration.ofMinutes(5));
        assertThat(profiles.isEmpty()).isTrue();
    }

    @Test
    void aStragglerPartialGivesACompleteRevisionTwo() {
        send(partial("iris", T0, List.of(row(1L, "a", 0.1))));
        send(partial("iris", T0, List.of(row(3L, "b", 0.1))));
        streamTimeTo(T0.plusSeconds(600));
        List<MergedWindow> first = read("iris");
        assertThat(first).hasSize(1);
        assertThat(first.get(0).revision()).isEqualTo(1);
        send(partial("iris", T0, List.of(row(8L, "c", 0.1), row(8L, "c", 0.1)))); // a lagging task
        List<MergedWindow> second = read("iris");
        assertThat(second).hasSize(1);
        MergedWindow r2 = second.get(0);
        assertThat(r2.revision()).isEqualTo(2);
        assertThat(r2.partials()).isEqualTo(3);
        assertThat(r2.rows()).isEqualTo(4);
        assertThat(r2.features().get("age").mean()).isEqualTo(5.0);
        // past end + settle + retention (1 h) the emitted window is forgotten: a partial then is dropped
        streamTimeTo(T0.plus(Duration.ofHours(2)));
        read(null);
        send(partial("iris", T0, List.of(row(9L, "d", 0.1))));
        assertThat(read("iris")).isEmpty();
    }

    @Test
    void theValueCarriesTheDocumentedFields() {
        PartialWindow w = partial("iris", T0, List.of(row(5L, "a", 0.5)));
        w.addRow(Map.of("note", "x")); // a later row with other features
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("empty", null);
        w.addRow(nulls);
        send(w);
        streamTimeTo(T0.plusSeconds(310));
        List<TestRecord<String, byte[]>> records = profiles.readRecordsToList();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value()[0]).as("version byte").isEqualTo((byte) MergedWindowCodec.SCHEMA_VERSION);
        MergedWindow m = MergedWindowCodec.INSTANCE.decode(records.get(0).value());
        assertThat(m.model()).isEqualTo("iris");
        assertThat(Instant.ofEpochMilli(m.windowStart())).hasToString("2026-11-21T10:00:00Z");
        assertThat(Instant.ofEpochMilli(m.windowEnd())).hasToString("2026-11-21T10:05:00Z");
        assertThat(m.rows()).isEqualTo(3);
        assertThat(m.partials()).isEqualTo(1);
        assertThat(m.revision()).isEqualTo(1);
        MergedWindow.Feature age = m.features().get("age");
        assertThat(age.type()).isEqualTo("fractional");
        assertThat(List.of(age.count(), age.present(), age.missing(), age.typeMismatches()))
                .containsExactly(1L, 1L, 0L, 0L); // rows without the feature do not count for it
        assertThat(age.profileBytes()).isNotNull();
        assertThat(age.mean()).isEqualTo(5.0);
        assertThat(age.stdDev()).isNull(); // one value: no sample standard deviation
        assertThat(age.min()).isEqualTo(5.0);
        assertThat(age.max()).isEqualTo(5.0);
        MergedWindow.Feature city = m.features().get("city");
        assertThat(city.type()).isEqualTo("string");
        assertThat(city.mean()).isNull();
        assertThat(profile(city)).isInstanceOf(CategoricalProfile.class);
        assertThat(m.untypedMissing()).containsEntry("empty", 1L);
    }

    @Test
    void topologyIsNamedAndCombinedWithIngest() {
        String merge = topology.describe().toString();
        assertThat(merge).contains("read-window-partials", "merge-window-partials", "write-profiles",
                WindowMergeProcessor.STORE);
        Topology all = DriftlineTopology.build(new StreamsBuilder(), PipelineConfig.defaults(topics),
                PipelineInstruments.none());
        assertThat(all.describe().subtopologies()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(all.describe().toString()).contains("window-profile", "merge-window-partials")
                .doesNotContain("KSTREAM-");
    }
}
