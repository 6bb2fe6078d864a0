package dev.driftline.bench.pipeline;

import org.apache.kafka.streams.KafkaStreams;

/**
 * The pipeline phase C measures, wherever it runs: in this JVM ({@link InJvmPipeline}) or in {@code --instances}
 * child JVMs ({@link ChildPipelines}). {@link CommitTimer} calls {@link #atStart} and {@link #atStop} at the ends
 * of the measured interval.
 */
interface MeasuredPipeline extends AutoCloseable {
    /** Time from the start until the measured application can start (the children's own warm-up). */
    default long startDelayNanos() {
        return 0;
    }

    /** This JVM's Kafka Streams, or null when it runs elsewhere. */
    KafkaStreams streams();

    boolean failed();

    default void atStart() {
    }

    default void atStop() {
    }

    default Measured adjust(Measured m) {
        return m;
    }

    /** The pipeline's own count of late records (NaN when not known here). */
    double late(String reason);

    default void figures(PipelineFigures c) throws Exception {
    }

    @Override
    void close() throws Exception;
}
