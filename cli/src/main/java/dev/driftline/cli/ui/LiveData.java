package dev.driftline.cli.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.Topic;
import dev.driftline.contracts.Topics;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.sink.LakeColumn;
import dev.driftline.sink.LakeTable;
import dev.driftline.sink.rows.BadRecordException;
import dev.driftline.sink.rows.LakeRow;
import dev.driftline.sink.rows.SourceRecord;
import dev.driftline.sink.rows.TableRows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live page's data: one plain {@link KafkaConsumer} ({@code read_committed}, no group, every partition from the
 * beginning) on the topics of {@link ModelRows#TABLES} and the baselines topic, names from {@link Topics}. Each
 * record becomes lake rows with the sink's own {@link TableRows} (so values mean what they mean in the lake) and is
 * kept per model, bounded ({@link KeptRows}): the latest {@code windowsKept} windows of drift, profile and quality
 * rows (windows older than the page's detail range trimmed to the heatmap's rows), the latest
 * {@code 4 × windowsKept} alert and remediation rows, the latest baseline. Topics that do not exist yet are picked
 * up when they appear. {@link #document} builds the {@link ReportDocument} of a model, cached until new rows arrive.
 */
public final class LiveData implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveData.class);
    private static final Duration TOPIC_CHECK = Duration.ofSeconds(5);

    private final Topics topics;
    private final int windowsKept;
    private final String source;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, LakeTable> tableOfTopic = new HashMap<>();
    private final Map<String, KeptRows> models = new TreeMap<>();
    private final Map<String, ObjectNode> cache = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile boolean reachable;
    private long revision;

    /**
     * Starts reading. {@code consumerProperties} may add client settings (security, …); bootstrap servers,
     * deserializers, isolation level and offset reset are set here.
     */
    public LiveData(String bootstrapServers, Topics topics, int windowsKept, Properties consumerProperties) {
        this.topics = topics;
        this.windowsKept = windowsKept;
        this.source = "kafka " + bootstrapServers;
        for (LakeTable t : ModelRows.TABLES) {
            tableOfTopic.put(t.topic(topics), t);
        }
        Properties p = new Properties();
        p.putAll(consumerProperties);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "driftline-ui");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "driftline-ui-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    /** The topics read: those of the page's tables, then baselines. */
    public List<String> topicNames() {
        List<String> names = new ArrayList<>(tableOfTopic.keySet());
        names.add(topics.baselines.name());
        return names;
    }

    /** True once Kafka has answered a metadata request. */
    public boolean reachable() {
        return reachable;
    }

    /** True once every partition assigned so far has been read to its end at least once. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        Set<TopicPartition> assigned = new HashSet<>();
        long nextCheck = 0;
        try {
            while (running) {
                if (System.nanoTime() - nextCheck >= 0) {
                    Set<TopicPartition> all = new HashSet<>(assigned);
                    try {
                        for (String name : topicNames()) {
                            List<PartitionInfo> parts = consumer.partitionsFor(name, Duration.ofSeconds(5));
                            if (parts != null) {
                                parts.forEach(pi -> all.add(new TopicPartition(pi.topic(), pi.partition())));
                            }
                        }
                        reachable = true;
                    } catch (org.apache.kafka.common.errors.TimeoutException e) {
                        // Kafka not reachable (yet): keep serving what was read, ask again
                        nextCheck = System.nanoTime() + TOPIC_CHECK.toNanos();
                        continue;
                    }
                    if (!all.equals(assigned)) {
                        Set<TopicPartition> fresh = new HashSet<>(all);
                        fresh.removeAll(assigned);
                        consumer.assign(all);
                        consumer.seekToBeginning(fresh);
                        assigned = all;
                        caughtUp = false;
                    }
                    nextCheck = System.nanoTime() + TOPIC_CHECK.toNanos();
                }
                if (assigned.isEmpty()) {
                    caughtUp = reachable;
                    Thread.sleep(200);
                    continue;
                }
                var records = consumer.poll(Duration.ofMillis(500));
                synchronized (this) {
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        accept(r);
                    }
                }
                if (!caughtUp && records.isEmpty()) {
                    Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, Duration.ofSeconds(5));
                    boolean all = true;
                    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                        all &= consumer.position(e.getKey(), Duration.ofSeconds(5)) >= e.getValue();
                    }
                    caughtUp = all;
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("driftline ui: reading the topics failed; the page shows what was read until now", e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return;
        }
        if (r.topic().equals(topics.baselines.name())) {
            Topic<String, Baseline> t = topics.baselines;
            try {
                Baseline b = t.valueSerde().deserializer().deserialize(r.topic(), r.value());
                KeptRows k = models.computeIfAbsent(b.model(), m -> new KeptRows(windowsKept));
                k.baseline = b;
                changed(b.model(), k);
            } catch (RuntimeException e) {
                LOG.warn("driftline ui: {}-{}@{} is not a baseline: {}", r.topic(), r.partition(), r.offset(),
                        e.getMessage());
            }
            return;
        }
        LakeTable table = tableOfTopic.get(r.topic());
        if (table == null) {
            return;
        }
        List<LakeRow> rows;
        try {
            rows = TableRows.of(table).rows(SourceRecord.of(r));
        } catch (BadRecordException e) {
            LOG.warn("driftline ui: {}-{}@{} skipped: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            return;
        }
        List<LakeColumn> columns = table.columns();
        for (LakeRow row : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                Object v = row.value(i);
                m.put(columns.get(i).name(), v instanceof Instant t ? (Object) t.toEpochMilli() : v);
            }
            KeptRows k = models.computeIfAbsent(row.model(), x -> new KeptRows(windowsKept));
            k.add(table, m);
            changed(row.model(), k);
        }
    }

    private void changed(String model, KeptRows k) {
        revision++;
        k.revision = revision;
        cache.remove(model);
    }

    /** Models seen so far, sorted. */
    public synchronized List<String> models() {
        return new ArrayList<>(new TreeSet<>(models.keySet()));
    }

    /** Records taken in so far; changes whenever the data does. */
    public synchronized long revision() {
        return revision;
    }

    /**
     * The data document with the part of {@code model} (the first model when null or unknown; no part when there
     * is no model yet).
     */
    public ObjectNode document(String model) {
        List<String> names;
        KeptRows k;
        ModelRows rows = null;
        ObjectNode part;
        long rev;
        synchronized (this) {
            names = models();
            rev = revision;
            String m = model != null && models.containsKey(model) ? model : (names.isEmpty() ? null : names.get(0));
            k = m == null ? null : models.get(m);
            part = m == null ? null : cache.get(m);
            if (k != null && part == null) {
                rows = k.rows(m);
            }
            model = m;
        }
        if (k != null && part == null) {
            Optional<Baseline> b = Optional.ofNullable(k.baseline);
            part = ReportDocument.model(rows, new ReportDocument.Reference(b, "the latest on "
                    + topics.baselines.name()), ReportDocument.DEFAULT_DETAIL_CELLS);
            synchronized (this) {
                if (k.revision <= rev) {
                    cache.put(model, part);
                }
            }
        }
        ObjectNode doc = ReportDocument.envelope(names, source, true, System.currentTimeMillis(), rev);
        if (part != null) {
            ((ObjectNode) doc.get("data")).set(model, part);
        }
        return doc;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
