package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeState;
import dev.driftline.remediation.policy.RemediationPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code driftline remediation ...} without a broker: help, argument checks, configuration layering, errors. */
class RemediationCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpListsTheSubCommandsWithinTheWidth() {
        assertThat(run("remediation", "--help")).isZero();
        assertThat(out.toString()).contains("status", "history", "approve", "reject", "cancel", "pause", "resume",
                "--dry-run", "--disabled", "--policy", "--kubernetes-master", "kill switch");
        assertThat(out.toString().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
        out.getBuffer().setLength(0);
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("remediation");
    }

    @Test
    void everySubCommandTakesTheKafkaFlags() {
        for (String sub : List.of("status", "history", "approve", "reject", "cancel", "pause", "resume")) {
            out.getBuffer().setLength(0);
            assertThat(run("remediation", sub, "--help")).as(sub).isZero();
            assertThat(out.toString()).as(sub).contains("--bootstrap-servers", "--topic-prefix", "--config",
                    "--kafka-timeout");
            assertThat(out.toString().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
        }
    }

    @Test
    void printConfigShowsTheKillSwitchFromTheFlag() {
        assertThat(run("remediation", "--bootstrap-servers", "k:9092", "--disabled", "--tick", "30s",
                "--print-config")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("remediation.enabled = false   [flag]", "remediation.tick = PT30S   [flag]",
                "bootstrap-servers = k:9092   [flag]");
    }

    @Test
    void aBadTickExits2NamingTheKey() {
        assertThat(run("remediation", "--bootstrap-servers", "k:9092", "--tick", "10ms", "--print-config"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("remediation.tick").contains("10ms");
    }

    @Test
    void statusWithoutBootstrapServersExits2() {
        assertThat(run("remediation", "status")).isEqualTo(2);
        assertThat(err.toString()).contains("bootstrap-servers is required");
    }

    @Test
    void historyNeedsAModel() {
        assertThat(run("remediation", "history", "--bootstrap-servers", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("--model");
    }

    @Test
    void approveNeedsAnEpisodeAndAReadableWait() {
        assertThat(run("remediation", "approve", "--bootstrap-servers", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("EPISODE");
        assertThat(run("remediation", "approve", "m-1", "--bootstrap-servers", "127.0.0.1:1", "--wait", "soon"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--wait").contains("soon");
    }

    @Test
    void pauseRefusesTheWildcardAsAModel() {
        assertThat(run("remediation", "pause", "--model", "*", "--bootstrap-servers", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("leave --model out for every model");
    }

    @Test
    void unreachableKafkaIsNamedWithinTheTimeout() {
        assertThat(run("remediation", "status", "--bootstrap-servers", "127.0.0.1:1", "--kafka-timeout", "2s"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("driftline remediation status: could not reach Kafka at 127.0.0.1:1"
                + " within 2s");
    }

    @Test
    void kafkaPropertiesOfTheConfigFileReachTheClient(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("remediation.properties");
        Files.writeString(file, "kafka.bootstrap.servers = 127.0.0.1:1\nkafka.security.protocol = NOPE\n");
        assertThat(run("remediation", "pause", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cannot connect to Kafka at 127.0.0.1:1").contains("NOPE");
    }

    @Test
    void flagsBeforeTheSubCommandCount(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("remediation.properties");
        Files.writeString(file, "kafka.security.protocol = NOPE\n");
        assertThat(run("remediation", "--bootstrap-servers", "127.0.0.1:1", "--config", file.toString(), "status"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("cannot connect to Kafka at 127.0.0.1:1").contains("NOPE");
    }

    @Test
    void helpAndPrintConfigShowTheControlApiWithItsTokensMasked(@TempDir Path dir) throws Exception {
        assertThat(run("remediation", "--help")).isZero();
        assertThat(out.toString()).contains("--api-tokens-file", "/api/v1/pause", "read-only (GET, HEAD)");
        out.getBuffer().setLength(0);
        Path tokens = Files.writeString(dir.resolve("api-tokens"), "file-token-1\n");
        Path file = Files.writeString(dir.resolve("remediation.properties"),
                "remediation.api.tokens = very-secret-token\n");
        assertThat(run("remediation", "--bootstrap-servers", "k:9092", "--config", file.toString(),
                "--api-tokens-file", tokens.toString(), "--print-config")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("remediation.api.tokens-file = " + tokens + "   [flag]",
                "remediation.api.tokens").doesNotContain("very-secret-token").doesNotContain("file-token-1");
    }

    @Test
    void anUnknownKeyInTheConfigFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("remediation.properties");
        Files.writeString(file, "remediation.tik = 5s\n");
        assertThat(run("remediation", "status", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown key 'remediation.tik'");
    }

    @Test
    void configKeysListTheRemediationKeys() {
        java.io.PrintStream saved = System.out;
        java.io.ByteArrayOutputStream keys = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(keys, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(run("config", "keys")).isZero(); // ConfigCommand prints to System.out
        } finally {
            System.setOut(saved);
        }
        assertThat(keys.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("# remediation",
                "remediation.policy", "DRIFTLINE_REMEDIATION_ENABLED", "remediation.kubernetes.master");
    }

    @Test
    void stepIsOneBasedWithTheShareWhenThePolicyIsKnown() {
        Episode e = Episode.triggered("churn", 1_000, "t", List.of()).edit().build();
        assertThat(RemediationStatusCommand.step(e, Optional.empty())).isEqualTo("-");
        Episode.Builder b = e.edit();
        b.state = EpisodeState.BAKING;
        b.step = 1;
        Episode baking = b.build();
        assertThat(RemediationStatusCommand.step(baking, Optional.empty())).isEqualTo("2");
        assertThat(RemediationStatusCommand.step(baking, Optional.of(RemediationPolicy.defaults())))
                .isEqualTo("2/3 (50%)");
    }

    @Test
    void tablePadsEveryColumnButTheLast() {
        StringWriter s = new StringWriter();
        new RemediationTable("A", "BB", "C").row("xxx", "y", "free text").print(new PrintWriter(s));
        assertThat(s.toString().lines()).containsExactly("A    BB  C", "xxx  y   free text");
        assertThat(RemediationTable.time(1_700_000_000_123L)).isEqualTo("2023-11-14T22:13:20Z");
    }
}
