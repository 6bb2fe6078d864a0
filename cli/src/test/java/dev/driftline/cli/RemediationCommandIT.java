package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeCodec;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.EpisodeEventCodec;
import dev.driftline.contracts.remediation.EpisodeState;
import dev.driftline.contracts.remediation.RemediationCommand;
import dev.driftline.contracts.remediation.RemediationCommandCodec;
import dev.driftline.streams.app.TopicCreator;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The remediation sub-commands against a real broker, on topics filled the way the service fills them. */
@WithKafka
class RemediationCommandIT {
    private static final long T0 = 1_796_207_700_000L; // 2026-12-02T10:35:00Z
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String prefix;

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        // shown in the build log: the report quotes real output from here
        System.out.println("$ driftline " + String.join(" ", args) + "  → exit " + code + "\n" + out + err);
        return code;
    }

    /** Topics under a fresh prefix, created as the service creates them. */
    private Topics topics(KafkaBroker kafka, String name) throws Exception {
        prefix = kafka.uniqueTopic(name) + ".";
        Topics t = new Topics(prefix);
        TopicCreator.ensure(kafka.admin(), t, Optional.empty());
        return t;
    }

    private static Episode episode(String model, long triggeredAt, EpisodeState state, int step, String decision,
                                   String failure) {
        Episode.Builder b = Episode.triggered(model, triggeredAt, "quality alert open", List.of("a1")).edit();
        b.state = state;
        b.updatedAt = triggeredAt + 600_000;
        b.step = step;
        b.decision = decision;
        b.failure = failure;
        return b.build();
    }

    private static EpisodeEvent event(Episode e, int seq, EpisodeState from, EpisodeState to, String message) {
        return new EpisodeEvent(e.id() + "/" + seq, e.id(), e.model(), from, to, e.triggeredAt() + seq * 60_000L,
                message, null);
    }

    private static void publish(KafkaBroker kafka, Topics t, List<Episode> episodes, List<EpisodeEvent> events) {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(kafka.producerProps())) {
            for (Episode e : episodes) {
                p.send(new ProducerRecord<>(t.remediationEpisodes.name(), bytes(e.model()),
                        EpisodeCodec.INSTANCE.encode(e)));
            }
            for (EpisodeEvent e : events) {
                p.send(new ProducerRecord<>(t.remediationEvents.name(), bytes(e.model()),
                        EpisodeEventCodec.INSTANCE.encode(e)));
            }
            p.flush();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final Episode OLD_CHURN = episode("churn", T0 - 86_400_000, EpisodeState.REJECTED, -1,
            "rejected: accuracy 0.80 < 0.90", null);
    private static final Episode CHURN = episode("churn", T0, EpisodeState.AWAITING_APPROVAL, -1, null, null);
    private static final Episode FRAUD = episode("fraud", T0 + 60_000, EpisodeState.ROLLING_OUT, 1,
            "approved: accuracy 0.97 >= 0.95", null);
    private static final Episode WINE = episode("wine", T0 - 3_600_000, EpisodeState.FAILED, -1, null,
            "training job wine-20261202T093500Z failed: AlgorithmError");

    private static List<EpisodeEvent> churnEvents() {
        return List.of(event(CHURN, 0, null, EpisodeState.TRIGGERED, "quality alert open for 30m"),
                event(CHURN, 1, EpisodeState.TRIGGERED, EpisodeState.PREPARING_DATA, "exporting training data"),
                event(CHURN, 2, EpisodeState.PREPARING_DATA, EpisodeState.TRAINING,
                        "training job churn-20261202T103500Z started"),
                event(CHURN, 3, EpisodeState.TRAINING, EpisodeState.EVALUATING,
                        "training job churn-20261202T103500Z completed: accuracy 0.93"),
                event(CHURN, 4, EpisodeState.EVALUATING, EpisodeState.REGISTERED, "registered as churn/7"),
                event(CHURN, 5, EpisodeState.REGISTERED, EpisodeState.AWAITING_APPROVAL,
                        "no approval rule decided: accuracy 0.93 between 0.90 and 0.95"));
    }

    private Topics filled(KafkaBroker kafka, String name) throws Exception {
        Topics t = topics(kafka, name);
        List<EpisodeEvent> events = new ArrayList<>(churnEvents());
        events.add(1, event(FRAUD, 0, null, EpisodeState.TRIGGERED, "drift alert open on amount"));
        events.add(0, event(OLD_CHURN, 0, null, EpisodeState.TRIGGERED, "yesterday's trigger"));
        publish(kafka, t, List.of(OLD_CHURN, WINE, FRAUD, CHURN), events);
        return t;
    }

    private String[] args(KafkaBroker kafka, Topics t, String... rest) {
        List<String> a = new ArrayList<>(List.of("remediation"));
        a.addAll(List.of(rest));
        a.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", prefix));
        return a.toArray(String[]::new);
    }

    @Test
    void statusShowsEachModelsLatestEpisode(KafkaBroker kafka) throws Exception {
        Topics t = filled(kafka, "rem-status");
        assertThat(run(args(kafka, t, "status"))).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("MODEL").contains("EPISODE", "STATE", "STEP", "UPDATED",
                "DECISION / FAILURE");
        assertThat(lines.get(1)).startsWith("churn").contains("churn-20261202T103500Z", "AWAITING_APPROVAL",
                "2026-12-02T10:45:00Z").doesNotContain("rejected");
        assertThat(lines.get(2)).startsWith("fraud").contains("ROLLING_OUT", " 2 ", "approved: accuracy 0.97 >= 0.95");
        assertThat(lines.get(3)).startsWith("wine").contains("FAILED", "AlgorithmError");

        assertThat(run(args(kafka, t, "status", "--json", "--model", "fraud"))).isZero();
        List<String> json = out.toString().lines().toList();
        assertThat(json).hasSize(1);
        assertThat(EpisodeCodec.INSTANCE.decode(bytes(json.get(0)))).isEqualTo(FRAUD);
        assertThat(new ObjectMapper().readTree(json.get(0)).get("state").asText()).isEqualTo("ROLLING_OUT");
    }

    @Test
    void statusOfEmptyTopicsSaysSo(KafkaBroker kafka) throws Exception {
        Topics t = topics(kafka, "rem-empty");
        assertThat(run(args(kafka, t, "status"))).isZero();
        assertThat(out.toString().strip()).isEqualTo("no remediation episodes yet");
        assertThat(run(args(kafka, t, "history", "--model", "churn"))).isZero();
        assertThat(out.toString().strip()).isEqualTo("no remediation history for churn");
    }

    @Test
    void historyListsTheModelsTransitionsInOrder(KafkaBroker kafka) throws Exception {
        Topics t = filled(kafka, "rem-history");
        assertThat(run(args(kafka, t, "history", "--model", "churn"))).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("TIME").contains("EPISODE", "TRANSITION", "MESSAGE");
        assertThat(lines).hasSize(1 + 1 + 6); // header, yesterday's episode, today's six transitions
        assertThat(lines.get(1)).contains("churn-20261201T103500Z", "→ TRIGGERED", "yesterday's trigger");
        assertThat(lines.get(2)).startsWith("2026-12-02T10:35:00Z").contains("→ TRIGGERED");
        assertThat(lines.get(7)).startsWith("2026-12-02T10:40:00Z")
                .contains("REGISTERED → AWAITING_APPROVAL", "between 0.90 and 0.95");
        assertThat(out.toString()).doesNotContain("fraud");

        assertThat(run(args(kafka, t, "history", "--model", "churn", "--episode", CHURN.id(), "--json"))).isZero();
        List<EpisodeEvent> events = out.toString().lines().map(l -> EpisodeEventCodec.INSTANCE.decode(bytes(l)))
                .toList();
        assertThat(events).isEqualTo(churnEvents());
    }

    @Test
    void approveWritesExactlyOneCommandAndRefusesOtherStates(KafkaBroker kafka) throws Exception {
        Topics t = filled(kafka, "rem-approve");
        assertThat(run(args(kafka, t, "approve", CHURN.id(), "--reason", "checked the holdout", "--by", "alice",
                "--wait", "0"))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("approve of episode " + CHURN.id() + " (model churn) sent as command");

        assertThat(run(args(kafka, t, "approve", FRAUD.id(), "--wait", "0"))).isEqualTo(2);
        assertThat(err.toString()).contains("episode " + FRAUD.id()
                + " is ROLLING_OUT, only an episode awaiting approval can be approved");
        assertThat(run(args(kafka, t, "reject", OLD_CHURN.id(), "--wait", "0"))).isEqualTo(2);
        assertThat(err.toString()).contains("is no longer the current episode of churn (now " + CHURN.id());
        assertThat(run(args(kafka, t, "cancel", "churn-19990101T000000Z", "--wait", "0"))).isEqualTo(2);
        assertThat(err.toString()).contains("no episode churn-19990101T000000Z on " + t.remediationEpisodes.name());
        assertThat(run(args(kafka, t, "cancel", WINE.id(), "--wait", "0"))).isEqualTo(2);
        assertThat(err.toString()).contains("is FAILED, it has already ended");

        List<ConsumerRecord<byte[], byte[]>> commands = kafka.readAll(t.remediationCommands.name());
        assertThat(commands).hasSize(1);
        assertThat(new String(commands.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("churn");
        RemediationCommand c = RemediationCommandCodec.INSTANCE.decode(commands.get(0).value());
        assertThat(c.action()).isEqualTo(RemediationCommand.Action.APPROVE);
        assertThat(c.model()).isEqualTo("churn");
        assertThat(c.episodeId()).isEqualTo(CHURN.id());
        assertThat(c.by()).isEqualTo("alice");
        assertThat(c.reason()).isEqualTo("checked the holdout");
        assertThat(out.toString()).isEmpty(); // the refused commands wrote nothing to stdout
    }

    @Test
    void approveWaitsUntilTheServiceActs(KafkaBroker kafka) throws Exception {
        Topics t = filled(kafka, "rem-wait");
        AtomicReference<Throwable> failed = new AtomicReference<>();
        // a stand-in for the service: on the approve command, the episode moves to ROLLING_OUT
        Thread service = new Thread(() -> actOnFirstCommand(kafka, t, c -> {
            Episode.Builder b = CHURN.edit();
            b.state = EpisodeState.ROLLING_OUT;
            b.step = 0;
            b.decision = "approved by " + c.by() + ": " + c.reason();
            publish(kafka, t, List.of(b.build()), List.of());
        }, failed), "fake-service");
        service.start();
        assertThat(run(args(kafka, t, "approve", CHURN.id(), "--by", "bob", "--reason", "ok", "--wait", "60s")))
                .as(err.toString()).isZero();
        service.join(60_000);
        assertThat(failed.get()).isNull();
        assertThat(out.toString()).contains("episode " + CHURN.id() + " is now ROLLING_OUT: approved by bob: ok");
    }

    private static void actOnFirstCommand(KafkaBroker kafka, Topics t, Consumer<RemediationCommand> act,
                                          AtomicReference<Throwable> failed) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kafka.consumerProps())) {
            c.subscribe(List.of(t.remediationCommands.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    act.accept(RemediationCommandCodec.INSTANCE.decode(r.value()));
                    return;
                }
            }
            failed.set(new AssertionError("no command arrived"));
        } catch (Throwable e) {
            failed.set(e);
        }
    }

    @Test
    void pauseWithoutAModelGoesToEveryPartition(KafkaBroker kafka) throws Exception {
        Topics t = topics(kafka, "rem-pause");
        assertThat(run(args(kafka, t, "pause", "--by", "carol", "--reason", "incident 42"))).as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("to all 3 partitions of " + t.remediationCommands.name());
        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(t.remediationCommands.name());
        assertThat(records).hasSize(3);
        assertThat(records.stream().map(ConsumerRecord::partition).sorted().toList()).containsExactly(0, 1, 2);
        for (ConsumerRecord<byte[], byte[]> r : records) {
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("*");
            RemediationCommand c = RemediationCommandCodec.INSTANCE.decode(r.value());
            assertThat(c.action()).isEqualTo(RemediationCommand.Action.PAUSE);
            assertThat(c.global()).isTrue();
            assertThat(c.by()).isEqualTo("carol");
        }

        assertThat(run(args(kafka, t, "resume", "--model", "churn"))).as(err.toString()).isZero();
        List<ConsumerRecord<byte[], byte[]>> after = kafka.readAll(t.remediationCommands.name());
        assertThat(after).hasSize(4);
        List<RemediationCommand> resumes = after.stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8)
                .equals("churn")).map(r -> RemediationCommandCodec.INSTANCE.decode(r.value())).toList();
        assertThat(resumes).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(RemediationCommand.Action.RESUME);
            assertThat(c.model()).isEqualTo("churn");
        });
    }
}
