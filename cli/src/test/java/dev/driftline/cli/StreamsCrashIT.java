package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.driftline.bench.support.Ports;
import dev.driftline.contracts.inference.InferenceRowsCodec;
import dev.driftline.contracts.window.MergedWindow;
import dev.driftline.contracts.window.MergedWindowCodec;
import dev.driftline.contracts.window.PartialWindow;
import dev.driftline.contracts.Topic;
import dev.driftline.streams.app.TopicCreator;
import dev.driftline.contracts.Topics;
import dev.driftline.streams.window.WindowSpec;
import dev.driftline.testkit.CollectorRecords;
import dev.driftline.testkit.InferenceSchedule;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.ScheduleSender;
import dev.driftline.testkit.WithKafka;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 4, acceptance 2: exactly once across crashes. {@code driftline streams} runs as its own JVM against a real
 * broker while a producer sends request + response events in the collector's format, {@value #WINDOWS} five-minute
 * event-time windows of requests (1–3 rows each, KServe V1, {@link InferenceSchedule}), under two loads: live (600
 * requests per window at 100 requests/s, which the process keeps up with) and full rate (10,000 per window, sent as
 * fast as the producer can, so the process works through a backlog at its own rate; issue 15, acceptance 2). The
 * process is killed with SIGKILL twice while events are being sent and it is committing: first restarted on the
 * same state directory, then on a fresh one (everything restored from the changelogs). Afterwards
 * <ul>
 *   <li>{@code <prefix>inference.records} (read_committed; one value per inference holding its rows) holds exactly
 *       one row per sent row — none lost, none twice, by (inference_id, row) — and every row has its request's
 *       features and its response's prediction;</li>
 *   <li>{@code <prefix>profiles}, highest revision per window, counts exactly the rows sent in each window, and so
 *       does every feature's {@code count} and {@code present};</li>
 *   <li>{@code <prefix>window.partials} together hold exactly the window's rows (a task sends one partial, plus a
 *       follow-up when wall clock closed the window early);</li>
 *   <li>nothing went to the dead-letter topic.</li>
 * </ul>
 * Each process's output is kept in {@code <build dir>/streams-crash-it/<prefix>/streams-*.log}, its /metrics (taken
 * just before its kill, and at the end) in {@code metrics-*.txt}, and a summary of the run (kill points, committed
 * counts, rows per window and partition, every emitted revision, late-record counters) in {@code summary.txt}.
 *
 * <p>The producer waits at a few gates so that the kills land under load however slow or fast the machine is: at 5 %
 * until the first process commits anything, at 40 % until the first kill, at 55 % until the restarted process has
 * committed rows it can only have read after the kill, at 85 % until the second kill. A kill lands once the producer
 * has sent 30 % (70 %) of the requests and the process has committed 15 % (62 %); at full rate it is then still
 * thousands of requests behind (asserted). The summary gives the rate each process committed at. The restarts take
 * about a consumer session timeout (10 s here, 45 s by default): the killed member has to expire before the group
 * rebalances.
 */
@WithKafka
class StreamsCrashIT {
    private static final String MODEL = "crash";
    private static final int WINDOWS = 4;
    private static final long WINDOW_MS = WindowSpec.defaults().size().toMillis();
    private static final int EVENT_PARTITIONS = new Topics().inferenceEvents.partitions();
    private static final List<String> FEATURES = List.of("_c0", "_c1", "_c2", "prediction:prediction");
    /** Limit of each waiting step (start, restart after a kill, closing the windows): generous, never forever. */
    private static final Duration STEP = Duration.ofMinutes(4);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The header naming the profiling task of a partial (streams' SourceProgress.HEADER, package-private). */
    private static final String SOURCE_TASK_HEADER = "driftline_source_task";

    /**
     * How the traffic comes: {@code requestsPerSecond} requests (and as many responses) a second, a rate the process
     * keeps up with, or 0: as fast as the producer sends, so that the process always has a backlog and runs at its
     * own full rate, committing transactions as large as its commit interval fills.
     */
    private record Load(String name, int requestsPerWindow, int requestsPerSecond) {
        boolean fullRate() {
            return requestsPerSecond == 0;
        }
    }

    // where the producer waits and when the kills land, in percent of the requests (see at(percent))
    private static final int GATE_FIRST_COMMIT = 5;
    private static final int KILL_1_SENT = 30;
    private static final int KILL_1_COMMITTED = 15;
    private static final int GATE_KILL_1 = 40;
    private static final int GATE_RESTARTED = 55;
    private static final int KILL_2_SENT = 70;
    private static final int KILL_2_COMMITTED = 62;
    private static final int GATE_KILL_2 = 85;

    private final KafkaBroker kafka;
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private final StringBuilder summary = new StringBuilder();
    private Path runDir;
    private String prefix;
    private Load load;
    private InferenceSchedule schedule;
    private ScheduleSender sender;
    private CommittedRows records;
    /** Metrics port of each streams process, by name. */
    private final Map<String, Integer> metricsPorts = new HashMap<>();
    /** Every value read from the profiles topic, in order. */
    private final List<MergedWindow> emissions = new ArrayList<>();
    /** The streams process that should be alive (null between a kill and the restart). */
    private Process running;

    StreamsCrashIT(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @Test
    @Timeout(value = 25, unit = TimeUnit.MINUTES)
    void killedMidWindowUnderLoadEveryRowCountsExactlyOnce() throws Exception {
        run(new Load("live", 600, 100));
    }

    /**
     * Issue 15, acceptance 2: the same kills at the pipeline's own rate. The producer sends as fast as it can, so each
     * process works through a backlog of tens of thousands of events (what the buffers written at each commit hold,
     * pairing entries, window redo entries, merge entries, grows with the rate) and is killed in the middle of it.
     */
    @Test
    @Timeout(value = 25, unit = TimeUnit.MINUTES)
    void killedMidBacklogAtFullRateEveryRowCountsExactlyOnce() throws Exception {
        run(new Load("full-rate", 10_000, 0));
    }

    private int at(int percent) {
        return schedule.total() * percent / 100;
    }

    /** {@code inference_id#row} of every row sent, plus the one row of each partition's final event. */
    private Set<String> expectedRowKeys() {
        Set<String> keys = schedule.rowKeys();
        for (int p = 0; p < EVENT_PARTITIONS; p++) {
            keys.add("final-" + p + "#0");
        }
        return keys;
    }

    private void run(Load load) throws Exception {
        this.load = load;
        prefix = kafka.uniqueTopic("crash") + ".";
        Topics topics = new Topics(prefix);
        TopicCreator.ensure(kafka.admin(), topics, Optional.empty());
        for (Topic<?, ?> t : topics.all()) {
            // waits for every partition's leader: an idempotent producer that sends into a partition whose leader
            // is not ready yet can get NOT_LEADER_OR_FOLLOWER and then OUT_OF_ORDER_SEQUENCE_NUMBER until its
            // delivery timeout (seen with Kafka 4.3.1)
            kafka.createTopic(t.name(), t.partitions());
        }
        runDir = Files.createDirectories(buildDir().resolve("streams-crash-it").resolve(prefix.replace(".", "")));
        String appId = prefix + "app";
        // Past event times (well inside the topics' retention), aligned to the 5-minute windows.
        schedule = new InferenceSchedule(MODEL, WindowSpec.defaults().windowStart(Instant.now()
                .minus(Duration.ofHours(3)).toEpochMilli()), WINDOW_MS, WINDOWS, load.requestsPerWindow());
        note("run %s (%s): %d requests, %d rows, %d windows from %s, %s; logs in %s", prefix, load.name(),
                schedule.total(), schedule.rowsTotal(), WINDOWS, Instant.ofEpochMilli(schedule.windowStart(0)),
                load.fullRate() ? "as fast as the producer sends" : load.requestsPerSecond() + " requests/s", runDir);

        Path sameStateDir = runDir.resolve("state-1");
        Path freshStateDir = runDir.resolve("state-2");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
            records = new CommittedRows(kafka, topics.inferenceRecords.name());
            sender = new ScheduleSender(producer, topics.inferenceEvents.name(), MODEL, schedule,
                    load.requestsPerSecond(), STEP.multipliedBy(2),
                    at(GATE_FIRST_COMMIT), at(GATE_KILL_1), at(GATE_RESTARTED), at(GATE_KILL_2));

            Process first = startStreams("1-first", sameStateDir, appId);
            await("the first streams process is RUNNING", () -> logContains(0, "to RUNNING"));
            sender.start();
            await("the first streams process commits records", () -> records.count() > 0);
            sender.open(at(GATE_FIRST_COMMIT));

            // at a live rate the process keeps up and the second condition holds with the first; at full rate the
            // producer is far ahead, and the kill waits until the process is well into its backlog
            await("the producer passes " + at(KILL_1_SENT) + " requests and the first process commits past request "
                            + at(KILL_1_COMMITTED),
                    () -> sender.sent() >= at(KILL_1_SENT) && records.maxIndex() >= at(KILL_1_COMMITTED)
                            && records.grewInLastPoll());
            Kill kill1 = kill(first, "1-first");
            sender.open(at(GATE_KILL_1));
            assertKilledUnderLoad(kill1);

            Process second = startStreams("2-same-state-dir", sameStateDir, appId);
            await("the process restarted on the same state directory commits rows sent after the kill",
                    () -> records.maxIndex() >= kill1.sentAfterDeath());
            note("restarted process (same state dir) committing: %d records seen", records.count());
            sender.open(at(GATE_RESTARTED));

            await("the producer passes " + at(KILL_2_SENT) + " requests and the restarted process commits past request "
                            + at(KILL_2_COMMITTED),
                    () -> sender.sent() >= at(KILL_2_SENT) && records.maxIndex() >= at(KILL_2_COMMITTED)
                            && records.grewInLastPoll());
            Kill kill2 = kill(second, "2-same-state-dir");
            sender.open(at(GATE_KILL_2));
            assertKilledUnderLoad(kill2);

            startStreams("3-fresh-state-dir", freshStateDir, appId);
            await("the producer sends every event", sender::done);
            await("the process restarted on a fresh state directory commits rows sent after the second kill",
                    () -> records.maxIndex() >= kill2.sentAfterDeath());
            note("producer done: %d requests / %d events / %d rows sent", schedule.total(), 2 * schedule.total(),
                    schedule.rowsTotal());

            // One pair per partition two windows past the last one: every task's stream time passes the last
            // window's end + grace, so every window closes on stream time (wall clock would close them too, only
            // later). Not further: the merge forgets a window 1 h (of partials stream time) after its end.
            for (int p = 0; p < EVENT_PARTITIONS; p++) {
                Instant t = Instant.ofEpochMilli(schedule.windowStart(WINDOWS + 1) + 1000);
                String id = "final-" + p;
                String events = topics.inferenceEvents.name();
                producer.send(CollectorRecords.event(events, p, MODEL, id, CollectorRecords.REQUEST, t,
                        "{\"instances\":[[0.5, 1.5, 0]]}")).get();
                producer.send(CollectorRecords.event(events, p, MODEL, id, CollectorRecords.RESPONSE, t,
                        "{\"predictions\":[1]}")).get();
            }

            // Gather everything first (the summary then has the whole picture), assert afterwards.
            long expectedRows = schedule.rowsTotal() + EVENT_PARTITIONS;
            await("every row reaches " + topics.inferenceRecords.name(), () -> records.count() >= expectedRows);
            note("3-fresh-state-dir committed %s", records.segmentRate());
            long quietUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < quietUntil) {
                records.poll();
            }
            Map<String, Integer> duplicates = records.seen().entrySet().stream().filter(e -> e.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
            note("%s: %d rows committed, %d distinct (inference_id, row), %d duplicated",
                    topics.inferenceRecords.name(), records.count(), records.seen().size(), duplicates.size());
            // every request was sent with its response right behind it: a row without predictions means the
            // request was released alone and its response then dropped (e.g. wall-clock release after a restart)
            note("rows of a request or response released alone: %s", records.unpaired().isEmpty() ? "none"
                    : records.unpaired());
            long freshRead = 0; // rows, inside the per-inference values
            for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topics.inferenceRecords.name())) {
                freshRead += InferenceRowsCodec.INSTANCE.decode(r.value()).size();
            }

            Map<Long, MergedWindow> windows = readProfiles(topics.profiles.name());
            StringBuilder table = new StringBuilder();
            for (int w = 0; w < WINDOWS; w++) {
                MergedWindow n = windows.get(schedule.windowStart(w));
                table.append(String.format(Locale.ROOT, "%n  window %s: sent %d rows, profile %s",
                        Instant.ofEpochMilli(schedule.windowStart(w)), schedule.rowsInWindow(w), n == null ? "missing"
                                : "rows " + n.rows() + " (revision " + n.revision()
                                + ", " + n.partials() + " partials)"));
            }
            note("profiles (highest revision per window):%s", table);
            // Not an exactly-once matter (the highest revision is what counts), but worth seeing in the summary:
            // revisions that were emitted before every row of their window had been merged in.
            List<String> early = new ArrayList<>();
            for (MergedWindow n : emissions) {
                long start = n.windowStart();
                int w = (int) ((start - schedule.windowStart(0)) / WINDOW_MS);
                if (w < WINDOWS && n.rows() != schedule.rowsInWindow(w)) {
                    early.add(Instant.ofEpochMilli(n.windowStart()) + " revision " + n.revision() + ": "
                            + n.rows() + " of " + schedule.rowsInWindow(w) + " rows, "
                            + n.partials() + " partials");
                }
            }
            note("revisions emitted with a different row count than the window's: %s", early.isEmpty() ? "none"
                    : early);

            // window.partials (complete by now: the profiles were): per window and profiling task (task 0_p reads
            // partition p of the events), the rows sent to that partition in that window
            Map<Long, Map<String, Long>> partials = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topics.partialProfiles.name())) {
                PartialWindow p = PartialWindow.fromBytes(r.value());
                Header task = r.headers().lastHeader(SOURCE_TASK_HEADER);
                partials.computeIfAbsent(p.windowStart(), k -> new TreeMap<>()).merge(
                        (task == null ? "?" : new String(task.value(), StandardCharsets.UTF_8)) + "#"
                                + r.partition() + "@" + r.offset(), p.rows(), Long::sum);
            }
            StringBuilder partialsTable = new StringBuilder();
            for (int w = 0; w < WINDOWS; w++) {
                long start = schedule.windowStart(w);
                partialsTable.append(String.format(Locale.ROOT, "%n  window %s: sent per partition %s, partials %s",
                        Instant.ofEpochMilli(start), sender.rowsPerPartition(w), partials.get(start)));
            }
            note("%s (task#partition@offset=rows):%s", topics.partialProfiles.name(), partialsTable);
            note("late records counted by the last process: %s", scrapeLateRecords("3-fresh-state-dir"));

            assertThat(duplicates).as("rows committed more than once to %s (%s)", topics.inferenceRecords.name(),
                    where()).isEmpty();
            assertThat(records.seen().keySet()).as("committed rows of %s (%s)", topics.inferenceRecords.name(),
                    where()).isEqualTo(expectedRowKeys());
            assertThat(freshRead).as("a fresh read_committed read of %s", topics.inferenceRecords.name())
                    .isEqualTo(expectedRows);
            assertThat(records.unpaired()).as("rows released without their other half (%s)", where()).isEmpty();
            for (int w = 0; w < WINDOWS; w++) {
                long start = schedule.windowStart(w);
                MergedWindow n = windows.get(start);
                assertThat(n).as("profile of window %s%s (%s)", Instant.ofEpochMilli(start), table, where())
                        .isNotNull();
                assertThat(n.rows()).as("rows of window %s%s%s (%s)", Instant.ofEpochMilli(start),
                        table, partialsTable, where()).isEqualTo(schedule.rowsInWindow(w));
                for (String f : FEATURES) {
                    MergedWindow.Feature feature = n.features().get(f);
                    assertThat(feature).as("feature %s in window %s", f, Instant.ofEpochMilli(start)).isNotNull();
                    assertThat(feature.count()).as("count of %s in window %s", f,
                            Instant.ofEpochMilli(start)).isEqualTo(schedule.rowsInWindow(w));
                    assertThat(feature.present()).as("present of %s in window %s", f,
                            Instant.ofEpochMilli(start)).isEqualTo(schedule.rowsInWindow(w));
                }
            }
            for (int w = 0; w < WINDOWS; w++) {
                long start = schedule.windowStart(w);
                Map<String, Long> ofWindow = partials.getOrDefault(start, Map.of());
                assertThat(ofWindow.values().stream().mapToLong(Long::longValue).sum())
                        .as("rows in the partials of window %s%s", Instant.ofEpochMilli(start), partialsTable)
                        .isEqualTo(schedule.rowsInWindow(w));
                // a task may send a follow-up partial (rows after an early wall-clock close); the sum above is
                // what proves that no partial was emitted twice
            }
            assertThat(kafka.readAll(topics.deadLetter.name())).as("dead letters").isEmpty();
        } finally {
            if (sender != null) {
                sender.interrupt();
                sender.join(10_000);
            }
            for (Process p : processes) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            if (records != null) {
                records.close();
            }
            if (runDir != null) {
                Files.writeString(runDir.resolve("summary.txt"), summary);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // the streams process

    private Process startStreams(String name, Path stateDir, String appId) throws IOException {
        Path log = runDir.resolve("streams-" + name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int metricsPort = Ports.freeLoopbackPort();
        metricsPorts.put(name, metricsPort);
        // its own tmp: a SIGKILLed JVM leaves RocksDB's extracted library (15 MB) behind in java.io.tmpdir
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx512m",
                "-Djava.io.tmpdir=" + Files.createDirectories(runDir.resolve("tmp")),
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.streams.KafkaStreams=info",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "streams",
                "--bootstrap-servers", kafka.bootstrapServers(), "--state-dir", stateDir.toString(),
                "--application-id", appId, "--topic-prefix", prefix,
                "--metrics-port", Integer.toString(metricsPort)))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // the service's defaults, not whatever configuration the machine running the test has
        pb.environment().keySet().removeIf(k -> k.startsWith("DRIFTLINE_") || k.startsWith("KAFKA_"));
        // ... except the consumer session: a SIGKILLed member's partitions move only when its session expires (45 s by
        // default); 10 s keeps each restart short and changes nothing in the exactly-once path under test
        pb.environment().put("KAFKA_SESSION_TIMEOUT_MS", "10000");
        Process p = pb.start();
        processes.add(p);
        logs.add(log);
        running = p;
        records.startSegment();
        note("started streams process %s (pid %d, state dir %s)", name, p.pid(), stateDir);
        return p;
    }

    private record Kill(String name, int sentBefore, int sentAfterDeath, long committedRecords, int maxIndex,
                        boolean committing, boolean producerAtGate) {
    }

    /** SIGKILL: no shutdown hook, no flush, no commit — the open transaction is left to be aborted. */
    private Kill kill(Process p, String name) throws InterruptedException {
        int sentBefore = sender.sent();
        long committed = records.count();
        int maxIndex = records.maxIndex();
        boolean committing = records.grewInLastPoll();
        boolean atGate = sender.waitingAtGate();
        String late = scrapeLateRecords(name);
        running = null;
        p.destroyForcibly();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            fail("streams process " + name + " did not die within 60 s of SIGKILL");
        }
        int sentAfter = sender.sent();
        Kill k = new Kill(name, sentBefore, sentAfter, committed, maxIndex, committing, atGate);
        note("SIGKILL %s (exit %d): %d of %d requests sent (%d of %d rows; sending window %d of %d%s); "
                        + "%d rows committed to inference.records so far, newest committed request %d "
                        + "(window %d)%s; %d requests sent by the time it was dead",
                name, p.exitValue(), sentBefore, schedule.total(), schedule.rowsBefore(sentBefore),
                schedule.rowsTotal(),
                schedule.window(Math.max(0, sentBefore - 1)) + 1, WINDOWS,
                atGate ? ", producer waiting at a gate" : "", committed, maxIndex,
                schedule.window(Math.max(0, maxIndex)) + 1, committing ? ", committing in the last poll" : "",
                sentAfter);
        note("late records counted by %s before the kill: %s", name, late);
        note("%s committed %s", name, records.segmentRate());
        return k;
    }

    private void assertKilledUnderLoad(Kill k) {
        assertThat(k.sentBefore()).as("kill %s: some but not all events sent", k.name()).isPositive()
                .isLessThan(schedule.total());
        assertThat(k.committedRecords()).as("kill %s: some but not all rows committed", k.name()).isPositive()
                .isLessThan(schedule.rowsTotal());
        assertThat(k.committing()).as("kill %s: the process was committing", k.name()).isTrue();
        if (load.fullRate()) {
            // behind the producer by thousands of requests: it was working at its own rate, not waiting for input
            assertThat(k.sentBefore() - k.maxIndex()).as("kill %s: requests sent but not yet committed", k.name())
                    .isGreaterThanOrEqualTo(schedule.total() / 20);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // waiting

    private void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!done.getAsBoolean()) {
            Throwable failure = sender.failure();
            if (failure != null) {
                throw new AssertionError("the producer failed while waiting for: " + what + " (" + where() + ")",
                        failure);
            }
            if (running != null && !running.isAlive()) {
                fail("the streams process exited (" + running.exitValue() + ") while waiting for: " + what + "; "
                        + where() + tails());
            }
            if (System.nanoTime() > deadline) {
                fail("timed out after " + STEP + " waiting for: " + what + "; " + records.count()
                        + " records committed, newest request " + records.maxIndex() + ", " + sender.sent()
                        + " requests sent; " + where() + tails());
            }
            records.poll();
        }
    }

    /** Reads the profiles topic until every window has its rows and nothing new came for a while. */
    private Map<Long, MergedWindow> readProfiles(String topic) throws IOException {
        Map<Long, MergedWindow> best = new HashMap<>();
        List<String> history = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kafka.consumerProps())) {
            List<TopicPartition> tps = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            long deadline = System.nanoTime() + STEP.toNanos();
            long lastNew = System.nanoTime();
            while (true) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    MergedWindow n = MergedWindowCodec.INSTANCE.decode(r.value());
                    if (!MODEL.equals(n.model())) {
                        continue;
                    }
                    long start = n.windowStart();
                    emissions.add(n);
                    history.add(Instant.ofEpochMilli(n.windowStart()) + " revision " + n.revision()
                            + ": rows " + n.rows() + ", partials " + n.partials());
                    best.merge(start, n, (a, b) -> b.revision() >= a.revision() ? b : a);
                    lastNew = System.nanoTime();
                }
                boolean present = true;
                boolean exact = true;
                for (int w = 0; w < WINDOWS; w++) {
                    MergedWindow n = best.get(schedule.windowStart(w));
                    present &= n != null;
                    exact &= n != null && n.rows() == schedule.rowsInWindow(w);
                }
                long quiet = System.nanoTime() - lastNew;
                // exact: wait a little longer for a revision that would overcount; present but off: give
                // stragglers (a revision) time before the assertions report the difference
                if (present && quiet > Duration.ofSeconds(exact ? 20 : 60).toNanos()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
        }
        note("emissions on %s:%n  %s", topic, String.join(System.lineSeparator() + "  ", history));
        return best;
    }

    // ---------------------------------------------------------------------------------------------------------
    // diagnosis

    private void note(String format, Object... args) {
        String line = Instant.now() + " " + String.format(Locale.ROOT, format, args);
        System.out.println(line);
        summary.append(line).append(System.lineSeparator());
    }

    /**
     * Saves the process's /metrics to {@code metrics-<name>.txt} and returns its late-record counters (in memory in
     * the process: what it dropped since its start), or why it could not.
     */
    private String scrapeLateRecords(String name) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + metricsPorts.get(name) + "/metrics")).timeout(Duration.ofSeconds(3))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Files.writeString(runDir.resolve("metrics-" + name + ".txt"), r.body());
            return r.body().lines().filter(l -> l.startsWith("driftline_late")).toList().toString();
        } catch (IOException | RuntimeException e) {
            return "(no metrics: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private boolean logContains(int process, String text) {
        try {
            return Files.readString(logs.get(process), StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private String where() {
        return "process logs in " + runDir;
    }

    private String tails() {
        StringBuilder sb = new StringBuilder();
        for (Path log : logs) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                sb.append(System.lineSeparator()).append("--- tail of ").append(log).append(System.lineSeparator());
                lines.subList(Math.max(0, lines.size() - 30), lines.size())
                        .forEach(l -> sb.append(l).append(System.lineSeparator()));
            } catch (IOException | RuntimeException e) {
                sb.append(System.lineSeparator()).append("(cannot read ").append(log).append(": ").append(e)
                        .append(')');
            }
        }
        return sb.toString();
    }

    /** The module's build directory (parent of test-classes on the class path; -Dcli.build.dir moves it). */
    private static Path buildDir() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (p.getFileName() != null && p.getFileName().toString().equals("test-classes")) {
                return p.toAbsolutePath().getParent();
            }
        }
        return Path.of("target").toAbsolutePath();
    }
}
