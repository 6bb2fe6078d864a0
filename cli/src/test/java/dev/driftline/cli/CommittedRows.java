package dev.driftline.cli;

import dev.driftline.contracts.RecordFormatException;
import dev.driftline.contracts.inference.InferenceRowsCodec;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.testkit.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A read_committed view of inference.records from the beginning (one value per inference holding its rows): how many
 * rows, which (id, row), how far, and how fast they were committed while one process ran ({@link #startSegment}).
 */
final class CommittedRows implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Integer> seen = new HashMap<>();
    /** Rows of a request released without its response (or the reverse): every request here has one. */
    private final List<String> unpaired = new ArrayList<>();
    private long count;
    private long inferences;
    private int maxIndex = -1;
    private boolean grew;
    /** The first and the latest poll that found new rows since {@link #startSegment}: nanoTime, inferences, rows. */
    private long[] segmentFirst;
    private long[] segmentLast;

    CommittedRows(KafkaBroker kafka, String topic) {
        consumer = new KafkaConsumer<>(kafka.consumerProps());
        List<TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
    }

    void poll() {
        grew = false;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            List<InferenceRecord> rows;
            try {
                rows = InferenceRowsCodec.INSTANCE.decode(r.value());
            } catch (RecordFormatException e) {
                throw new AssertionError("inference.records value is not InferenceRowsCodec: " + e.getMessage(), e);
            }
            for (InferenceRecord row : rows) {
                String id = row.inferenceId();
                seen.merge(id + "#" + row.row(), 1, Integer::sum);
                if (row.predictions().isEmpty() || row.features().isEmpty()) {
                    unpaired.add(id + "#" + row.row() + " " + row.eventTime()
                            + (row.predictions().isEmpty() ? " without predictions" : " without features"));
                }
                if (id.startsWith("crash-")) {
                    maxIndex = Math.max(maxIndex, Integer.parseInt(id.substring("crash-".length())));
                }
                count++;
            }
            inferences++;
            grew = true;
        }
        if (grew) {
            long[] now = {System.nanoTime(), inferences, count};
            if (segmentFirst == null) {
                segmentFirst = now;
            }
            segmentLast = now;
        }
    }

    /** A new process runs from now on: {@link #segmentRate} measures its commits. */
    void startSegment() {
        segmentFirst = null;
        segmentLast = null;
    }

    /**
     * Inferences and rows committed per second since the segment's first poll that found new rows, up to its
     * latest: what the process committed while it had input (a restarted process's restore is before its first).
     */
    String segmentRate() {
        if (segmentFirst == null || segmentLast[0] == segmentFirst[0]) {
            return "not measurable (fewer than two polls with new rows)";
        }
        double seconds = (segmentLast[0] - segmentFirst[0]) / 1e9;
        long inf = segmentLast[1] - segmentFirst[1];
        long rows = segmentLast[2] - segmentFirst[2];
        return String.format(Locale.ROOT, "%d inferences (%d events) and %d rows in %.1f s: %.0f events/s, %.0f rows/s",
                inf, 2 * inf, rows, seconds, 2 * inf / seconds, rows / seconds);
    }

    long count() {
        return count;
    }

    int maxIndex() {
        return maxIndex;
    }

    boolean grewInLastPoll() {
        return grew;
    }

    Map<String, Integer> seen() {
        return seen;
    }

    List<String> unpaired() {
        return unpaired;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
