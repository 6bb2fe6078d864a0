package dev.driftline.streams.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins what {@link CommitHook} relies on in the Kafka Streams version in use: a store implementing the internal
 * {@code CachedStateStore} is flushed before each commit, and writes made then reach the changelogged store.
 */
class CommitHookTest {
    @TempDir
    Path state; // not Kafka Streams' default under /tmp, which the driver would create and leave behind

    @Test
    void runsBeforeEachCommitAndItsWritesLand() {
        List<String> calls = new ArrayList<>();
        StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("data"), Serdes.String(),
                Serdes.String()));
        b.addStateStore(CommitHook.builder("hook"));
        b.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new Processor<String, String, Void, Void>() {
                    private final List<String> buffered = new ArrayList<>();
                    private KeyValueStore<String, String> data;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        data = context.getStateStore("data");
                        CommitHook hook = context.getStateStore("hook");
                        hook.onCommit(() -> {
                            calls.add("commit " + buffered);
                            buffered.forEach(v -> data.put(v, "committed"));
                            buffered.clear();
                        });
                    }

                    @Override
                    public void process(Record<String, String> r) {
                        buffered.add(r.value());
                    }
                }, "data", "hook");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "commit-hook-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), p)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(),
                    new StringSerializer());
            in.pipeInput("k", "a");
            in.pipeInput("k", "b");
            KeyValueStore<String, String> data = driver.getKeyValueStore("data");
            assertThat(calls).contains("commit [a]", "commit [b]");
            assertThat(data.get("a")).isEqualTo("committed");
            assertThat(data.get("b")).isEqualTo("committed");
        }
    }
}
