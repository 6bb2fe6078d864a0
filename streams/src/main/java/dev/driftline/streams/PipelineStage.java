package dev.driftline.streams;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How far {@link DriftlineTopology#build(org.apache.kafka.streams.StreamsBuilder, PipelineConfig,
 * PipelineInstruments, PipelineStage)} wires the pipeline: each stage adds one part to the ones before it.
 * {@code driftline streams} always runs {@link #ALL}; {@code driftline bench pipeline --up-to} runs a shorter
 * pipeline to measure what each part adds to the cost of an event, on the same broker, traffic and stream thread
 * (a profile's shares say where samples fall, not what leaving a stage out would save: its records, transactions
 * and changelogs are charged to Kafka's code).
 */
public enum PipelineStage {
    /** Pairing and dedupe of the events; the pairs go no further. */
    PAIRING,
    /** Plus normalising the pairs into records; neither {@code inference.records} nor dead letters are written. */
    NORMALIZE,
    /** Plus the window profiles, their merge, the drift evaluation and the alerts (and the meters' taps). */
    WINDOW,
    /** Plus {@code inference.records} and the dead letters. */
    RECORDS,
    /** Plus model quality: the whole pipeline. */
    ALL;

    /** The stage of this name, any case ({@code pairing}, {@code normalize}, …). */
    public static PipelineStage parse(String text) {
        for (PipelineStage s : values()) {
            if (s.name().equalsIgnoreCase(text.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a pipeline stage: " + names());
    }

    /** Every stage's name, in order, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(PipelineStage::label).collect(Collectors.joining(", "));
    }

    /** The lower-case name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a pipeline built up to this stage includes {@code stage}. */
    public boolean includes(PipelineStage stage) {
        return compareTo(stage) >= 0;
    }
}
