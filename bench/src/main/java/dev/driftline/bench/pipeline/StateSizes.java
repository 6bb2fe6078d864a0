package dev.driftline.bench.pipeline;

import dev.driftline.bench.support.KafkaClients;
import dev.driftline.drift.profile.FeatureProfile;
import dev.driftline.drift.profile.ProfileCodec;
import dev.driftline.contracts.window.PartialWindow;
import dev.driftline.streams.merge.WindowMergeProcessor;
import dev.driftline.streams.window.WindowProfilerProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The window state's size after phase C: the profiles of every task's partial window as read back from
 * {@code window.partials} (what the state holds across tasks per model × feature × window), and the bytes of the
 * two window changelog topics on the broker.
 */
final class StateSizes {
    private final String bootstrap;
    private final int features;

    StateSizes(String bootstrap, int features) {
        this.bootstrap = bootstrap;
        this.features = features;
    }

    /**
     * Reads every partial back from window.partials and sizes its profiles, per (model, window) and profiled
     * column; the figures are means over the (model, window)s.
     */
    void partials(String partialsTopic, PipelineFigures c) {
        Map<ModelWindow, List<PartialWindow>> byWindow = new TreeMap<>(java.util.Comparator
                .comparing(ModelWindow::model).thenComparingLong(ModelWindow::windowStart));
        readAll(partialsTopic, rec -> {
            PartialWindow p = PartialWindow.fromBytes(rec.value());
            byWindow.computeIfAbsent(new ModelWindow(p.model(), p.windowStart()), k -> new ArrayList<>()).add(p);
        });
        double perFeature = 0;
        double merged = 0;
        long partials = 0;
        for (List<PartialWindow> ps : byWindow.values()) {
            long bytes = 0;
            for (PartialWindow p : ps) {
                bytes += profileBytes(p);
            }
            PartialWindow m = PartialWindow.fromBytes(ps.get(0).toBytes());
            for (int i = 1; i < ps.size(); i++) {
                m.mergeFrom(ps.get(i));
            }
            int columns = Math.max(1, m.profiles().size());
            perFeature += (double) bytes / columns;
            merged += (double) profileBytes(m) / columns;
            partials += ps.size();
        }
        int n = Math.max(1, byWindow.size());
        c.stateBytesPerFeatureWindow = perFeature / n;
        c.mergedBytesPerFeature = merged / n;
        c.partialsPerWindow = (double) partials / n;
    }

    private static long profileBytes(PartialWindow p) {
        long b = 0;
        for (FeatureProfile f : p.profiles().values()) {
            b += ProfileCodec.toBytes(f).length;
        }
        return b;
    }

    /**
     * Bytes of every changelog topic of application {@code appId} on the broker, per store ({@code c
     * .changelogBytesByStore}), and of the window-partials and window-merge changelogs / (profiled columns ×
     * {@code windows}, the (model, window)s of the data).
     */
    void changelogs(Admin admin, String appId, int windows, PipelineFigures c) throws Exception {
        String prefix = appId + "-";
        String suffix = "-changelog";
        List<Integer> ids = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(Node::id).toList();
        Map<String, Long> byStore = new TreeMap<>();
        for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(ids).allDescriptions()
                .get(30, TimeUnit.SECONDS).values()) {
            for (LogDirDescription d : dirs.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> e : d.replicaInfos().entrySet()) {
                    String topic = e.getKey().topic();
                    if (topic.startsWith(prefix) && topic.endsWith(suffix)) {
                        byStore.merge(topic.substring(prefix.length(), topic.length() - suffix.length()),
                                e.getValue().size(), Long::sum);
                    }
                }
            }
        }
        c.changelogBytesByStore = byStore;
        long bytes = byStore.getOrDefault(WindowProfilerProcessor.STORE, 0L)
                + byStore.getOrDefault(WindowMergeProcessor.STORE, 0L);
        c.changelogBytesPerFeatureWindow = (double) bytes / ((double) (features + 1) * Math.max(1, windows));
    }

    private void readAll(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.readCommittedConsumer(bootstrap, null), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = KafkaClients.assignFromBeginning(consumer, List.of(topic));
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(PipelineRun.POLL_MS)).forEach(each);
            }
        }
    }
}
