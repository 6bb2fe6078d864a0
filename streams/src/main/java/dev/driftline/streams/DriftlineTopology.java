package dev.driftline.streams;

import dev.driftline.contracts.Topics;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.streams.alerts.AlertTopology;
import dev.driftline.streams.evaluate.BaselineVersions;
import dev.driftline.streams.evaluate.DriftEvaluationTopology;
import dev.driftline.streams.merge.MergeConfig;
import dev.driftline.streams.merge.WindowMergeTopology;
import dev.driftline.streams.meters.MetersTopology;
import dev.driftline.streams.meters.PipelineMeters;
import dev.driftline.streams.modelquality.ModelQualityTopology;
import dev.driftline.streams.normalize.NormalizeTopology;
import dev.driftline.streams.pairing.PairingListener;
import dev.driftline.streams.pairing.PairingTopology;
import dev.driftline.streams.pairing.PendingEvent;
import dev.driftline.streams.window.WindowProfileTopology;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import java.util.List;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Everything {@code driftline streams} runs, as one pure builder wiring every stage's own builder:
 * <ol>
 *   <li>pairing and dedupe of request/response events ({@link PairingTopology}), normalisation into inference
 *   records and dead letters ({@link NormalizeTopology}) and the per-task partial window profiles
 *   ({@link WindowProfileTopology}): the ingest sub-topology, keyed by event id throughout;</li>
 *   <li>model quality ({@link ModelQualityTopology}), fed by the normalised records: the label join and the
 *   per-window figures;</li>
 *   <li>the merge of partial window profiles ({@link WindowMergeTopology}), reading {@code window.partials};</li>
 *   <li>the drift evaluation ({@link DriftEvaluationTopology}), reading {@code profiles} with the global table of
 *   baselines and the reference windows;</li>
 *   <li>the alerts ({@link AlertTopology}), reading {@code drift} and {@code model-quality};</li>
 *   <li>when meters are given, the Micrometer taps on the outputs ({@link MetersTopology}).</li>
 * </ol>
 * The stages are added in this order on purpose: Kafka Streams numbers sub-topologies (and so task ids and local
 * state directories) by the order operators are added, so changing it would move every existing deployment's
 * tasks. Store, processor and internal topic names are each stage's own and never derived from the order.
 */
public final class DriftlineTopology {
    private DriftlineTopology() {
    }

    public static Topology build(StreamsBuilder builder, PipelineConfig config, PipelineInstruments instruments) {
        return build(builder, config, instruments, PipelineStage.ALL);
    }

    /**
     * The pipeline wired up to {@code upTo} ({@link PipelineStage}): what {@code driftline bench pipeline --up-to}
     * measures. {@link PipelineStage#ALL} is {@link #build(StreamsBuilder, PipelineConfig, PipelineInstruments)}.
     */
    public static Topology build(StreamsBuilder builder, PipelineConfig config, PipelineInstruments instruments,
                                 PipelineStage upTo) {
        Topics topics = config.topics();
        BaselineVersions baselineVersions = new BaselineVersions();
        KStream<String, PendingEvent> pairs = PairingTopology.addTo(builder, topics, config.pairing(),
                instruments.meters().<PairingListener>map(PipelineMeters::serving).orElse(PairingListener.NONE));
        if (!upTo.includes(PipelineStage.NORMALIZE)) {
            return builder.build();
        }
        KStream<String, List<InferenceRecord>> events = NormalizeTopology.addToEvents(pairs, topics,
                baselineVersions, upTo.includes(PipelineStage.RECORDS));
        if (!upTo.includes(PipelineStage.WINDOW)) {
            return builder.build();
        }
        WindowProfileTopology.addToEvents(builder, topics, events, config.window(), instruments.late());
        if (upTo.includes(PipelineStage.ALL)) {
            ModelQualityTopology.addToEvents(builder, topics, events, config.window(), config.modelQuality(),
                    instruments.modelQuality());
        }
        MergeConfig merge = config.merge().expectedSources() > 0 ? config.merge()
                : config.merge().withExpectedSources(topics.inferenceEvents.partitions());
        WindowMergeTopology.addTo(builder, topics, merge, instruments.late());
        DriftEvaluationTopology.addTo(builder, topics, config.policy(), config.reference(), config.dataQuality(),
                baselineVersions);
        AlertTopology.addTo(builder, topics, config.alerts());
        instruments.meters().ifPresent(m -> MetersTopology.addTo(builder, topics, m));
        return builder.build();
    }
}
