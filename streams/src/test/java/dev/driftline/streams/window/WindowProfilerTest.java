package dev.driftline.streams.window;


import dev.driftline.streams.support.CommitHook;
import dev.driftline.streams.TestDrivers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.Topics;
import dev.driftline.contracts.window.PartialWindow;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.NumericProfile;
import dev.driftline.streams.DriftlineTopology;
import dev.driftline.streams.PipelineConfig;
import dev.driftline.streams.PipelineInstruments;
import dev.driftline.streams.TestEvents;
import dev.driftline.streams.modelquality.ModelQualityCounters;
import dev.driftline.streams.support.StoreKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WindowProfilerTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z"); // a 5-minute boundary
    private final Topics topics = new Topics();
    private final LateRecords late = new LateRecords();
    private Topology topology;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, byte[]> partials;
    private int ids;

    @BeforeEach
    void setUp() {
        Properties p = TestDrivers.properties("window-test", topics);
        // the "hourly" model has its own window length; the others keep the default 5 minutes
        topology = DriftlineTopology.build(new StreamsBuilder(), PipelineConfig.defaults(topics).withWindow(
                        WindowSpec.defaults().withPerModel(java.util.Map.of("hourly", Duration.ofHours(1)))),
                new PipelineInstruments(late, new ModelQualityCounters(), Optional.empty()));
        driver = new TopologyTestDriver(topology, p, T0);
        events = driver.createInputTopic(topics.inferenceEvents.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        partials = driver.createOutputTopic(topics.partialProfiles.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    /** One request/response pair of one row: age, city → churn. */
    private void row(String model, Instant time, long age, String city, double churn) {
        String id = "e" + ids++;
        send(id, model, TestEvents.REQUEST, time, "{\"inputs\":[{\"name\":\"age\",\"shape\":[1],\"datatype\":"
                + "\"INT64\",\"data\":[" + age + "]},{\"name\":\"city\",\"shape\":[1],\"datatype\":\"BYTES\","
                + "\"data\":[\"" + city + "\"]}]}");
        send(id, model, TestEvents.RESPONSE, time, "{\"outputs\":[{\"name\":\"churn\",\"shape\":[1],"
                + "\"datatype\":\"FP32\",\"data\":[" + churn + "]}]}");
    }

    /**
     * What follows an input record that moved stream time across a tick: the next row of another record or the
     * wall-clock punctuation (a second at most) closes what became due, here the punctuation.
     */
    private void afterTheRecord() {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
    }

    private void send(String id, String model, String type, Instant time, String body) {
        TestEvents.pipe(events, id, model, type, time, body);
    }

    private List<PartialWindow> readPartials() {
        return partials.readRecordsToList().stream().map(r -> {
            PartialWindow w = PartialWindow.fromBytes(r.value());
            assertThat(r.key()).isEqualTo(w.model());
            return w;
        }).collect(Collectors.toList());
    }

    private static PartialWindow find(List<PartialWindow> ws, String model, Instant start) {
        return ws.stream().filter(w -> w.model().equals(model) && w.windowStart() == start.toEpochMilli())
                .findFirst().orElseThrow(() -> new AssertionError("no partial for " + model + " @ " + start));
    }

    @Test
    void twoModelsAcrossTwoWindowsGiveOnePartialPerModelAndWindowOnStreamTime() {
        row("iris", T0.plusSeconds(10), 30, "Oslo", 0.1);
        row("iris", T0.plusSeconds(20), 40, "Lima", 0.2);
        row("iris", T0.plusSeconds(299), 50, "Oslo", 0.6);
        row("churn", T0.plusSeconds(60), 7, "Rome", 0.9);
        row("iris", T0.plusSeconds(310), 100, "Oslo", 0.5); // second window, within window 1's grace
        assertThat(partials.isEmpty()).isTrue();
        row("churn", T0.plusSeconds(331), 9, "Rome", 0.3); // stream time 10:05:31 ≥ end + grace of window 1
        afterTheRecord();
        List<PartialWindow> first = readPartials();
        assertThat(first).hasSize(2);
        PartialWindow iris = find(first, "iris", T0);
        assertThat(iris.rows()).isEqualTo(3);
        assertThat(iris.windowEnd()).isEqualTo(T0.plusSeconds(300).toEpochMilli());
        NumericProfile age = (NumericProfile) iris.profiles().get("age");
        assertThat(age.type()).isEqualTo(FeatureType.FRACTIONAL);
        assertThat(age.present()).isEqualTo(3);
        assertThat(age.mean()).isEqualTo(40.0);
        CategoricalProfile city = (CategoricalProfile) iris.profiles().get("city");
        assertThat(city.type()).isEqualTo(FeatureType.STRING);
        assertThat(city.frequencies()).containsEntry("Oslo", 2L).containsEntry("Lima", 1L);
        NumericProfile churn = (NumericProfile) iris.profiles().get("prediction:churn");
        assertThat(churn.count()).isEqualTo(3);
        assertThat(churn.mean()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-6));
        PartialWindow churnModel = find(first, "churn", T0);
        assertThat(churnModel.rows()).isEqualTo(1);
        assertThat(((NumericProfile) churnModel.profiles().get("age")).mean()).isEqualTo(7.0);

        row("iris", T0.plusSeconds(631), 1, "Oslo", 0.0); // closes window 2 for both models
        afterTheRecord();
        List<PartialWindow> second = readPartials();
        assertThat(second).hasSize(2);
        PartialWindow iris2 = find(second, "iris", T0.plusSeconds(300));
        assertThat(iris2.rows()).isEqualTo(1);
        assertThat(((NumericProfile) iris2.profiles().get("age")).mean()).isEqualTo(100.0);
        assertThat(find(second, "churn", T0.plusSeconds(300)).rows()).isEqualTo(1);
        assertThat(late.snapshot()).isEmpty();
        // profiling needs no repartition of raw records: it sits in the sub-topology that reads the events (only the
        // model-quality stage repartitions its small labelled pairs, in a sub-topology of its own)
        var profiling = topology.describe().subtopologies().stream()
                .filter(st -> st.nodes().stream().anyMatch(n -> n.name().equals("window-profile"))).toList();
        assertThat(profiling).hasSize(1);
        assertThat(profiling.get(0).nodes()).filteredOn(n -> n instanceof
                        org.apache.kafka.streams.TopologyDescription.Source)
                .allSatisfy(n -> assertThat(((org.apache.kafka.streams.TopologyDescription.Source) n).topicSet())
                        .noneMatch(t -> t.endsWith("-repartition")));
        assertThat(profiling.get(0).nodes()).anyMatch(n -> n.name().equals("read-inference-events"));
    }

    /**
     * Requests whose response never came are released alone once the pairing's wait has passed, and the pairing
     * releases what is due before pairing the record that moved stream time. Released at the very tick that
     * closes their window, each of them must still count: the window closes after the whole input record.
     */
    @Test
    void requestsReleasedAtTheTickThatClosesTheirWindowAllCount() {
        row("iris", T0.plusSeconds(10), 30, "Oslo", 0.1);
        // due for release alone at 10:05:29.5 and 10:05:29.7 (wait 60 s); window 1 closes at 10:05:30 (grace 30 s)
        for (String at : new String[] {"10:04:29.500", "10:04:29.700"}) {
            send("r" + at, "iris", TestEvents.REQUEST, Instant.parse("2026-11-21T" + at + "Z"), "{\"inputs\":[{"
                    + "\"name\":\"age\",\"shape\":[1],\"datatype\":\"INT64\",\"data\":[77]},{\"name\":"
                    + "\"city\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\"Alone\"]}]}");
        }
        row("iris", T0.plusSeconds(330), 1, "Oslo", 0.0); // stream time 10:05:30: release, then close window 1
        afterTheRecord();
        List<PartialWindow> out = readPartials();
        PartialWindow first = find(out, "iris", T0);
        assertThat(first.rows()).isEqualTo(3);
        assertThat(((CategoricalProfile) first.profiles().get("city")).frequencies()).containsEntry("Alone", 2L);
        assertThat(late.snapshot()).isEmpty();
    }

    @Test
    void aRecordBeyondGraceIsCountedNotAdded() {
        row("iris", T0.plusSeconds(10), 30, "Oslo", 0.1);
        row("iris", T0.plusSeconds(400), 40, "Lima", 0.2); // closes window 1
        afterTheRecord();
        assertThat(readPartials()).hasSize(1);
        row("iris", T0.plusSeconds(100), 99, "Late", 0.9); // window 1 ended 100 s ago in stream time
        assertThat(late.get(LateRecords.AFTER_GRACE)).isEqualTo(1);
        row("iris", T0.plusSeconds(700), 1, "Oslo", 0.0); // closes window 2
        afterTheRecord();
        List<PartialWindow> out = readPartials();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).windowStart()).isEqualTo(T0.plusSeconds(300).toEpochMilli());
        assertThat(out.get(0).rows()).isEqualTo(1); // the late row went nowhere
        assertThat(((CategoricalProfile) out.get(0).profiles().get("city")).frequencies()).doesNotContainKey("Late");
    }

    @Test
    void aModelWithItsOwnWindowLengthIsProfiledInItsOwnWindows() {
        row("hourly", T0.plusSeconds(10), 30, "Oslo", 0.1);
        row("iris", T0.plusSeconds(20), 40, "Lima", 0.2);
        row("hourly", T0.plusSeconds(1800), 31, "Oslo", 0.1); // same hour, another 5-minute window: closes iris's
        afterTheRecord();
        assertThat(readPartials()).extracting(PartialWindow::model).containsExactly("iris");
        row("iris", T0.plusSeconds(4000), 41, "Lima", 0.2); // closes hourly 10:00-11:00
        afterTheRecord();
        List<PartialWindow> out = readPartials();
        PartialWindow hourly = find(out, "hourly", T0);
        assertThat(hourly.windowEnd()).isEqualTo(T0.plus(Duration.ofHours(1)).toEpochMilli());
        assertThat(hourly.rows()).isEqualTo(2);
        assertThat(late.snapshot()).isEmpty();
    }

    @Test
    void wallClockClosesWindowsWhenTrafficStops() {
        row("iris", T0.plusSeconds(10), 30, "Oslo", 0.1);
        driver.advanceWallClockTime(Duration.ofSeconds(200));
        assertThat(partials.isEmpty()).isTrue(); // the window has not ended yet
        driver.advanceWallClockTime(Duration.ofSeconds(140)); // wall 10:05:40 ≥ end + grace + 5 s, idle 340 s
        List<PartialWindow> out = readPartials();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).rows()).isEqualTo(1);
        // stream time still 10:00:20: the row is on time, so it is not lost: it starts a follow-up partial
        row("iris", T0.plusSeconds(20), 40, "Lima", 0.2);
        assertThat(late.get(LateRecords.AFTER_WALL_CLOSE)).isEqualTo(1);
        assertThat(late.get(LateRecords.AFTER_GRACE)).isZero();
        assertThat(partials.isEmpty()).isTrue();
        row("iris", T0.plusSeconds(400), 50, "Oslo", 0.3); // stream time passes end + grace: the follow-up closes
        afterTheRecord();
        List<PartialWindow> followUp = readPartials();
        assertThat(followUp).hasSize(1);
        assertThat(followUp.get(0).windowStart()).isEqualTo(T0.toEpochMilli());
        assertThat(followUp.get(0).rows()).isEqualTo(1);
        assertThat(((CategoricalProfile) followUp.get(0).profiles().get("city")).frequencies()).containsOnlyKeys("Lima");
    }

    /**
     * Markers of windows closed by wall clock are deleted from the store once stream time passes their end + grace,
     * each its own: the loop over many markers removes them one by one (a sorted map's node takes its successor's
     * key when it is removed, which deleted the next model's marker and left this one in the store for good).
     */
    @Test
    void everyWallClockCloseMarkerIsDeletedWhenStreamTimePassesIt() {
        List<String> laterWindows = new java.util.ArrayList<>();
        for (int m = 0; m < 20; m++) {
            // even models in the 10:00 window, odd ones in the 10:05 window (stream time stays within grace of 10:05)
            boolean later = m % 2 == 1;
            row("model-" + m, T0.plusSeconds(later ? 305 : 10), 30, "Oslo", 0.1);
            if (later) {
                laterWindows.add("C|" + StoreKeys.windowKey("model-" + m, T0.plusSeconds(300).toEpochMilli()));
            }
        }
        driver.advanceWallClockTime(Duration.ofSeconds(700)); // traffic stopped: wall clock closes all 20
        assertThat(readPartials()).hasSize(20);
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(WindowProfilerProcessor.STORE);
        assertThat(markers(store)).hasSize(20);

        // stream time passes the 10:00 windows' end + grace, not the 10:05 ones': every other marker goes
        row("other", T0.plusSeconds(340), 50, "Oslo", 0.3);
        afterTheRecord();
        assertThat(markers(store)).containsExactlyInAnyOrderElementsOf(laterWindows);
    }

    private static List<String> markers(KeyValueStore<String, byte[]> store) {
        List<String> out = new java.util.ArrayList<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> {
                if (kv.key.startsWith("C|")) {
                    out.add(kv.key);
                }
            });
        }
        return out;
    }

    @Test
    void aRestartRebuildsPartialsFromSnapshotAndRedoEntries() {
        WindowSpec spec = WindowSpec.defaults();
        KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(WindowProfilerProcessor.STORE), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        MockProcessorContext<String, PartialWindow> ctx = new MockProcessorContext<>();
        ctx.setCurrentSystemTimeMs(T0.toEpochMilli());
        ctx.setCurrentStreamTimeMs(T0.toEpochMilli());
        store.init(ctx.getStateStoreContext(), store);
        ctx.addStateStore(store);
        CommitHook hook = CommitHook.builder(WindowProfilerProcessor.COMMIT_HOOK).build();
        hook.init(ctx.getStateStoreContext(), hook);
        ctx.addStateStore(hook);
        WindowProfilerProcessor before = new WindowProfilerProcessor(spec, late);
        before.init(ctx);
        before.process(record(T0.plusSeconds(1), 10));
        before.checkpoint(); // row 1 in the snapshot
        before.process(record(T0.plusSeconds(2), 20));
        before.process(record(T0.plusSeconds(2), 30));
        hook.flushCache(); // the commit: rows 2 and 3 as one redo entry
        before.process(record(T0.plusSeconds(2), 1000)); // not committed: lost with the crash, reprocessed after it
        // "crash": the in-memory partials are gone, the (changelog-restored) store remains
        WindowProfilerProcessor after = new WindowProfilerProcessor(spec, late);
        MockProcessorContext<String, PartialWindow> ctx2 = new MockProcessorContext<>();
        ctx2.setCurrentSystemTimeMs(T0.toEpochMilli());
        ctx2.setCurrentStreamTimeMs(T0.plusSeconds(3).toEpochMilli());
        ctx2.addStateStore(store);
        ctx2.addStateStore(hook);
        after.init(ctx2);
        after.process(record(T0.plusSeconds(3), 40));
        // stream time moves past the window's end + grace: the processor closes it once that input record is done
        ctx2.setCurrentStreamTimeMs(T0.plusSeconds(400).toEpochMilli());
        after.process(record(T0.plusSeconds(400), 50));
        assertThat(ctx2.forwarded()).isEmpty(); // closes after the input record: at the next row or wall-clock tick
        ctx2.scheduledPunctuators().get(0).getPunctuator().punctuate(T0.plusSeconds(1).toEpochMilli());
        List<MockProcessorContext.CapturedForward<? extends String, ? extends PartialWindow>> fw = ctx2.forwarded();
        assertThat(fw).hasSize(1);
        PartialWindow w = fw.get(0).record().value();
        assertThat(w.rows()).isEqualTo(4);
        assertThat(((NumericProfile) w.profiles().get("age")).mean()).isEqualTo(25.0);
        try (var it = store.all()) {
            assertThat(it.hasNext()).isFalse(); // closed by stream time: nothing left behind
        }
    }

    private static Record<String, List<InferenceRecord>> record(Instant time, long age) {
        InferenceRecord r = new InferenceRecord("iris", "", "id-" + age, 0, time, Map.of("age", age), Map.of(), null);
        return new Record<>(r.inferenceId(), List.of(r), time.toEpochMilli());
    }
}
