package dev.driftline.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaProbeTest {
    /** A port nothing listens on: bound once, then released. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aPortNobodyListensOnIsRefused() throws Exception {
        KafkaProbe.Result r = KafkaProbe.probe("127.0.0.1:" + closedPort(), new Properties(), Duration.ofSeconds(2));
        assertThat(r.reachable()).isFalse();
        assertThat(r.reason()).isEqualTo("connection refused");
    }

    @Test
    void anUnknownHostIsNamed() {
        KafkaProbe.Result r = KafkaProbe.probe("no-such-host.invalid:9092", new Properties(), Duration.ofSeconds(2));
        assertThat(r.reachable()).isFalse();
        assertThat(r.reason()).isEqualTo("unknown host no-such-host.invalid");
    }

    @Test
    void severalServersEachSayWhy() throws Exception {
        int port = closedPort();
        KafkaProbe.Result r = KafkaProbe.probe("127.0.0.1:" + port + ", no-such-host.invalid:9092",
                new Properties(), Duration.ofSeconds(2));
        assertThat(r.reachable()).isFalse();
        assertThat(r.reason()).isEqualTo("127.0.0.1:" + port + ": connection refused; "
                + "no-such-host.invalid:9092: unknown host no-such-host.invalid");
    }

    @Test
    void malformedAddressesAndNoneAtAll() {
        assertThat(KafkaProbe.probe("localhost", new Properties(), Duration.ofSeconds(1)).reason())
                .isEqualTo("not host:port");
        assertThat(KafkaProbe.probe(" , ", new Properties(), Duration.ofSeconds(1)).reason())
                .isEqualTo("no bootstrap servers given");
    }

    @Test
    void aListenerThatIsNotKafkaIsToldApartFromARefusal() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(s.accept()); // accepts and never answers
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            KafkaProbe.Result r = KafkaProbe.probe("127.0.0.1:" + s.getLocalPort(), new Properties(),
                    Duration.ofSeconds(1));
            assertThat(r.reachable()).isFalse();
            assertThat(r.reason()).startsWith("the port accepts connections but no Kafka answer within 1s");
        }
    }

    @Test
    void theWaitGivesUpAfterItsTimeoutWithOneClearLine() throws Exception {
        String servers = "127.0.0.1:" + closedPort();
        List<String> said = new ArrayList<>();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> KafkaStartupWait.await("driftline test", servers, new Properties(),
                Duration.ofSeconds(2), KafkaStartupWait.CLI_HINT, said::add))
                .isInstanceOf(KafkaStartupWait.KafkaUnreachableException.class)
                .hasMessage("Kafka at " + servers + " is not reachable (connection refused); gave up after 2s"
                        + " (startup-timeout) — " + KafkaStartupWait.CLI_HINT);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(6));
        assertThat(said).containsExactly("driftline test: waiting for Kafka at " + servers
                + " (not reachable: connection refused) — " + KafkaStartupWait.CLI_HINT);
    }

    @Test
    void durationsReadAsTheyAreWritten() {
        assertThat(KafkaProbe.seconds(Duration.ofSeconds(5))).isEqualTo("5s");
        assertThat(KafkaProbe.seconds(Duration.ofMinutes(3))).isEqualTo("3m");
        assertThat(KafkaProbe.seconds(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
