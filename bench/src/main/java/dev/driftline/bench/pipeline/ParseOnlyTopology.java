package dev.driftline.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.streams.pairing.CloudEventTimeExtractor;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;

/**
 * The floor of {@code bench pipeline}: a Kafka Streams topology over the same inference events with the same
 * timestamp extractor ({@code ce_time}) that parses every body into a Jackson tree and counts it, writing nothing.
 * Run with the pipeline's processing guarantee ({@code exactly_once_v2}), it costs what the framework costs to
 * consume, deserialise, parse and commit transactionally — what no stage of the real pipeline can avoid.
 */
public final class ParseOnlyTopology {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What the topology saw (for a sanity check: every event parsed, none failed). */
    public static final class Counters {
        public final LongAdder parsed = new LongAdder();
        public final LongAdder failed = new LongAdder();
        public final LongAdder bytes = new LongAdder();
    }

    private ParseOnlyTopology() {
    }

    public static Topology build(String topic, Counters counters) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withTimestampExtractor(new CloudEventTimeExtractor()).withName("read-events"))
                .foreach((key, body) -> {
                    try {
                        MAPPER.readTree(body);
                        counters.parsed.increment();
                        counters.bytes.add(body.length);
                    } catch (IOException | RuntimeException e) {
                        counters.failed.increment();
                    }
                }, Named.as("parse-body"));
        return b.build();
    }
}
